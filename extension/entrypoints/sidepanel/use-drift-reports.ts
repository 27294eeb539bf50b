/**
 * The side panel's drift reports (`getDriftReports`): read when the panel opens and every
 * `intervalMs` while it stays open. Null until the first answer; a failed read keeps the last list.
 */
import { useCallback, useState } from 'react';
import type { DriftReportView } from '../../core/protocol.ts';
import type { Send } from './use-opened-brief.ts';
import { usePolling } from './use-polling.ts';

/**
 * @example const reports = useDriftReports(sendMessage, 5_000);
 */
export function useDriftReports(send: Send, intervalMs: number): DriftReportView[] | null {
  const [reports, setReports] = useState<DriftReportView[] | null>(null);
  const refresh = useCallback(async () => {
    const answer = await send('getDriftReports').catch(() => null);
    if (answer?.ok) setReports(answer.value.reports);
  }, [send]);
  usePolling(refresh, intervalMs);
  return reports;
}
