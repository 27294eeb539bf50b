/**
 * The pre-call package as a rep reads it (issue 13), the one component the meeting runner
 * renders (core/page/meeting-runner.ts): the account; a card per external guest (title, buying
 * role, last touch); the teammates apart; the open deal with its worst risk; what changed since
 * the last logged meeting, newest first, each with its reason; two or three questions; "Log
 * meeting". An unknown meeting or account gets a small card with search.
 */
import type { ReactElement } from 'react';
import type { BuyingRole } from '../../shared/brief.ts';
import { BUTTON, PRIMARY_BUTTON } from '../components/buttons.ts';
import { formatAge, formatDay, formatMoney, humanize, ROLE_LABELS } from '../components/format.ts';
import { SearchForm } from '../components/SearchForm.tsx';
import type { LogState, MeetingActions, MeetingState } from '../core/page/meeting-runner.ts';

const CARD = 'font-sans w-[340px] rounded-[8px] border border-slate-200 bg-white p-[10px] text-left text-[13px] leading-[18px] text-slate-900 shadow-lg';
const HEAD = 'm-0 mt-[8px] text-[11px] font-semibold uppercase tracking-wide text-slate-500';

export interface MeetingViewProps {
  state: MeetingState;
  actions: MeetingActions;
  siteName: string;
  now: Date;
}

const LOG_WORDS: Record<LogState['status'], string> = {
  saving: 'Saving…',
  saved: 'Saved: will sync',
  synced: 'Meeting logged',
  needs_attention: 'Needs attention',
};

function LogLine({ log, onLog }: { log: LogState | undefined; onLog: () => void }) {
  return (
    <div className="mt-[8px] flex items-center gap-[8px]">
      <button type="button" className={PRIMARY_BUTTON} onClick={onLog} disabled={log?.status === 'saving'}>
        Log meeting
      </button>
      {log ? (
        <span data-log-state={log.status} role="status" className="text-slate-600">
          {LOG_WORDS[log.status]}
          {log.status === 'needs_attention' && log.detail ? `: ${log.detail}` : ''}
        </span>
      ) : null}
    </div>
  );
}

/**
 * @example <MeetingView state={state} actions={actions} siteName="Google Calendar" now={new Date()} />
 */
export function MeetingView({ state, actions, siteName, now }: MeetingViewProps): ReactElement {
  const { view, log, limited } = state;
  const limitedStrip = limited ? (
    <div className={`${CARD} mb-[6px] text-slate-700`} data-panel="limited" role="status">
      <p className="m-0">{`Signalhouse could not read this ${siteName} page (its layout changed). What its address tells:`}</p>
      {limited.urlFacts.map((fact) => (
        <p key={fact} className="m-0 truncate font-semibold">
          {fact}
        </p>
      ))}
    </div>
  ) : null;
  switch (view.kind) {
    case 'looking':
      return (
        <div className={`${CARD} text-slate-500`} data-panel="looking" role="status">
          {`Preparing ${view.label}…`}
        </div>
      );
    case 'problem':
      return (
        <div className={CARD} data-panel="problem" role="status">
          {view.problem.kind === 'unavailable' ? 'Signalhouse: no answer from the extension. Reload the page to try again.' : `Signalhouse could not prepare this meeting: ${view.problem.message}`}
        </div>
      );
    case 'unknown':
      return (
        <>
          {limitedStrip}
          <div className={CARD} data-panel={view.reason === 'unknown-meeting' ? 'unknown-meeting' : 'not-in-crm'}>
            <p className="m-0 font-semibold">{view.reason === 'unknown-meeting' ? 'Signalhouse does not know this meeting' : 'The guests are not in the CRM'}</p>
            <p className="m-0 truncate text-slate-500">{view.label}</p>
            <div className="mt-[6px]">
              <SearchForm onSearch={actions.search} />
            </div>
            {state.found ? <FoundList state={state} actions={actions} /> : null}
            {state.canLogFound && log ? (
              <p className="m-0 mt-[6px] text-slate-600" data-log-state={log.status} role="status">
                {LOG_WORDS[log.status]}
              </p>
            ) : null}
          </div>
        </>
      );
    case 'package': {
      const { account, guests, teammates, deal, since } = view;
      return (
        <>
          {limitedStrip}
          <div className={CARD} data-panel="meeting-package">
            <p className="m-0 text-[11px] text-slate-500">{view.title ? `Pre-call: ${view.title}` : 'Pre-call package'}</p>
            <p className="m-0 text-[15px] font-semibold" data-field="account">
              {account.name}
            </p>
            <p className="m-0 text-slate-600">{[account.tier ? `Tier ${account.tier}` : null, humanize(account.stage)].filter(Boolean).join(' · ')}</p>

            <p className={HEAD}>Guests</p>
            <ul className="m-0 list-none p-0" data-list="guests">
              {guests.map((g) => (
                <li key={g.address} className="mt-[4px] rounded-[6px] bg-slate-50 p-[6px]" data-guest={g.address}>
                  <p className="m-0 font-semibold">{g.name}</p>
                  <p className="m-0 text-slate-600">{[g.title, g.role ? ROLE_LABELS[g.role as BuyingRole] ?? humanize(g.role) : null].filter(Boolean).join(' · ') || (g.contactId ? 'In the CRM' : 'Not in the CRM')}</p>
                  {g.lastTouch ? <p className="m-0 text-slate-500">{`Last touch: ${humanize(g.lastTouch.type)} ${formatAge(g.lastTouch.at, now) ?? ''}${g.lastTouch.by ? ` by ${g.lastTouch.by}` : ''}`}</p> : null}
                </li>
              ))}
            </ul>
            {teammates.length > 0 ? (
              <p className="m-0 mt-[4px] text-slate-500" data-list="teammates">
                {`Your team: ${teammates.map((t) => t.name).join(', ')}`}
              </p>
            ) : null}

            {deal ? (
              <>
                <p className={HEAD}>Open deal</p>
                <p className="m-0" data-field="deal">
                  <span className="font-semibold">{deal.deal.name}</span>
                  {` · ${humanize(deal.deal.stage)}`}
                  {formatMoney(deal.deal.amount, deal.deal.currency) ? ` · ${formatMoney(deal.deal.amount, deal.deal.currency)}` : ''}
                  {deal.deal.closeDate ? ` · closes ${formatDay(deal.deal.closeDate)}` : ''}
                </p>
                {deal.risk ? (
                  <p className="m-0 text-amber-800" data-field="risk">{`Risk: ${deal.risk.reason}`}</p>
                ) : null}
              </>
            ) : null}

            <p className={HEAD}>{since?.lastMeeting ? `Since you last met (${formatDay(since.lastMeeting.at)})` : 'What changed (30 days)'}</p>
            {since ? (
              since.changes.length > 0 ? (
                <ul className="m-0 list-none p-0" data-list="changes">
                  {since.changes.map((c, i) => (
                    <li key={`${c.at}-${i}`} className="mt-[2px]" data-change={c.kind}>
                      <span className="text-slate-500">{`${formatDay(c.at)} `}</span>
                      {c.reason}
                    </li>
                  ))}
                </ul>
              ) : (
                <p className="m-0 text-slate-500">Nothing new.</p>
              )
            ) : (
              <p className="m-0 text-slate-400" data-pending="">Loading…</p>
            )}
            {since && since.questions.length > 0 ? (
              <>
                <p className={HEAD}>Ask</p>
                <ol className="m-0 pl-[18px]" data-list="questions">
                  {since.questions.map((q) => (
                    <li key={q}>{q}</li>
                  ))}
                </ol>
              </>
            ) : null}
            <LogLine log={log} onLog={() => actions.logMeeting()} />
          </div>
        </>
      );
    }
  }
}

function FoundList({ state, actions }: { state: MeetingState; actions: MeetingActions }) {
  const found = state.found!;
  const rows = [
    ...found.accounts.map((a) => ({ key: `a:${a.id}`, name: a.name, detail: a.domains[0] ?? '', record: { accountId: a.id, name: a.name } })),
    ...found.contacts.flatMap((c) => (c.accountId ? [{ key: `c:${c.id}`, name: c.name, detail: [c.title, c.accountName].filter(Boolean).join(', '), record: { accountId: c.accountId, contactId: c.id, name: c.name } }] : [])),
  ];
  if (rows.length === 0) return <p className="m-0 mt-[4px] text-slate-500">Nothing found.</p>;
  return (
    <ul className="m-0 mt-[4px] list-none p-0" data-list="found">
      {rows.slice(0, 8).map((row) => (
        <li key={row.key} className="mt-[4px] flex items-center justify-between gap-[6px]">
          <span className="truncate">
            <span className="font-semibold">{row.name}</span>
            {row.detail ? <span className="text-slate-500">{` · ${row.detail}`}</span> : null}
          </span>
          {state.canLogFound ? (
            <button type="button" className={BUTTON} onClick={() => actions.logMeeting(row.record)}>
              Log meeting
            </button>
          ) : null}
        </li>
      ))}
    </ul>
  );
}
