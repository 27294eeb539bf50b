/**
 * Where a value came from and how old it is: "CRM · 3 mo ago", with stale values marked in words
 * (not only colour) so the mark survives colour blindness and high-contrast modes.
 */
import { formatAge, sourceLabel } from './format.ts';

export interface ProvenanceProps {
  source: string | null;
  refreshedAt: string | null;
  stale: boolean;
  now: Date;
}

/**
 * @example
 * <Provenance source="crm" refreshedAt="2026-01-02T00:00:00Z" stale={false} now={now} />
 */
export function Provenance({ source, refreshedAt, stale, now }: ProvenanceProps) {
  const age = formatAge(refreshedAt, now);
  return (
    <span className="ml-[6px] whitespace-nowrap text-[11px] leading-[16px] text-slate-500 dark:text-slate-400" data-provenance="">
      {sourceLabel(source)}
      {age ? ` · ${age}` : ''}
      {stale ? ' ' : ''}
      {stale ? (
        <span className="ml-[2px] rounded-[3px] bg-amber-100 dark:bg-amber-950 px-[4px] font-semibold text-amber-800 dark:text-amber-200" title="Older than the team's freshness limit">
          stale
        </span>
      ) : null}
    </span>
  );
}
