/**
 * "Pages Signalhouse could not read": the censored drift reports the background keeps (a site's
 * page layout changed and a required selector stopped matching), one line per selector and day,
 * with how often and whether the team's server has it. Names only: the reports hold no page content.
 */
import type { DriftReportView } from '../../core/protocol.ts';
import { LIST } from './ListGroup.tsx';

export interface DriftListProps {
  /** Null until the first answer. */
  reports: DriftReportView[] | null;
}

/**
 * @example <DriftList reports={[{ site: 'linkedin', pageKind: 'profile', selector: 'linkedin.profile.name', extensionVersion: '0.1.0', day: '2026-12-04', count: 2, sent: true }]} />
 */
export function DriftList({ reports }: DriftListProps) {
  if (!reports) return <p className="m-0 text-slate-500 dark:text-slate-400">Loading…</p>;
  if (reports.length === 0) return <p className="m-0 text-slate-500 dark:text-slate-400">Every page read as expected.</p>;
  return (
    <ul className={LIST} data-list="drift" aria-label="Pages Signalhouse could not read">
      {reports.map((report) => (
        <li key={`${report.site}|${report.pageKind}|${report.selector}|${report.extensionVersion}|${report.day}`} className="px-[6px] py-[2px]">
          <span className="font-semibold">{`${report.site} ${report.pageKind}`}</span>
          <span className="text-slate-600 dark:text-slate-300">{` · ${report.selector} not found ${report.count === 1 ? 'once' : `${report.count} times`} on ${report.day}`}</span>
          <span className="text-slate-500 dark:text-slate-400">{` · v${report.extensionVersion} · ${report.sent ? 'sent to your server' : 'not sent yet'}`}</span>
        </li>
      ))}
    </ul>
  );
}
