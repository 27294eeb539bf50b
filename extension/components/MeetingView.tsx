/**
 * The pre-call package as a rep reads it (issue 13), the one component the package renders
 * (core/meeting-package.ts), on a meeting page and in the side panel alike: the account; a card
 * per external guest (title, buying role, last touch, who on the team knows them best); the
 * teammates apart; the open deal with its worst risk; what changed since the last logged meeting,
 * newest first, each with its reason; two or three questions; "Log meeting". An unknown meeting or
 * account gets a small card with search.
 *
 * Light and dark (`dark:` variants, the reader's `prefers-color-scheme`, as Panel.tsx). On a page
 * it is a floating card (`layout="card"`); in the side panel it fills the panel's width.
 */
import type { ReactElement } from 'react';
import type { BuyingRole } from '../../shared/brief.ts';
import type { KnownBest } from '../../shared/meetings.ts';
import { BUTTON, PRIMARY_BUTTON } from './buttons.ts';
import { formatAge, formatDay, formatMoney, humanize, ROLE_LABELS } from './format.ts';
import { SearchForm } from './SearchForm.tsx';
import type { GuestCard, LogState, MeetingActions, MeetingState } from '../core/meeting-package.ts';
import { LimitedStrip } from './LimitedStrip.tsx';

const SURFACE = 'font-sans rounded-[8px] border border-slate-200 dark:border-slate-700 bg-white dark:bg-slate-900 p-[10px] text-left text-[13px] leading-[18px] text-slate-900 dark:text-slate-100';
const LAYOUTS = { card: `${SURFACE} w-[340px] shadow-lg`, panel: `${SURFACE} w-full` } as const;
const HEAD = 'm-0 mt-[8px] text-[11px] font-semibold uppercase tracking-wide text-slate-600 dark:text-slate-300';
const QUIET = 'text-slate-600 dark:text-slate-300';

export interface MeetingViewProps {
  state: MeetingState;
  actions: MeetingActions;
  siteName: string;
  now: Date;
  /** `card` on a host page (a fixed-width floating card), `panel` in the side panel (its full width). */
  layout?: keyof typeof LAYOUTS;
}

const LOG_WORDS: Record<LogState['status'], string> = {
  saving: 'Saving…',
  saved: 'Saved: will sync',
  synced: 'Meeting logged',
  needs_attention: 'Needs attention',
};

/** A touch type in words, singular and plural ("1 call", "3 emails"). */
const TOUCH_NOUNS: Record<string, [string, string]> = {
  email: ['email', 'emails'],
  call: ['call', 'calls'],
  meeting: ['meeting', 'meetings'],
  linkedin_message: ['LinkedIn message', 'LinkedIn messages'],
  linkedin_connection: ['LinkedIn connection', 'LinkedIn connections'],
  linkedin_inmail: ['InMail', 'InMails'],
  linkedin_note: ['LinkedIn note', 'LinkedIn notes'],
};
const touchNoun = (type: string, count: number) => {
  const nouns = TOUCH_NOUNS[type] ?? [humanize(type).toLowerCase(), humanize(type).toLowerCase()];
  return `${count} ${count === 1 ? nouns[0] : nouns[1]}`;
};

/**
 * "Knows them best: Jonas Keller · 2 calls, 1 email · latest call 5 d ago"; "you" when it is the
 * reader; said plainly when nobody on the team has been in touch.
 */
export function knownBestLine(known: KnownBest, now: Date): string {
  if (!known.teammate || !known.last) return 'Nobody on the team has been in touch yet';
  const who = known.teammate.you ? 'you' : known.teammate.name;
  const how = known.byType.map((t) => touchNoun(t.type, t.count)).join(', ');
  const when = formatAge(known.last.at, now) ?? formatDay(known.last.at) ?? '';
  const last = touchNoun(known.last.type, 1).replace(/^1 /, '');
  return `Knows them best: ${who} · ${how} · latest ${last} ${when}`.trim();
}

function LogLine({ log, onLog }: { log: LogState | undefined; onLog: () => void }) {
  return (
    <div className="mt-[8px] flex items-center gap-[8px]">
      <button type="button" className={PRIMARY_BUTTON} onClick={onLog} disabled={log?.status === 'saving'}>
        Log meeting
      </button>
      {log ? (
        <span data-log-state={log.status} role="status" className={QUIET}>
          {LOG_WORDS[log.status]}
          {log.status === 'needs_attention' && log.detail ? `: ${log.detail}` : ''}
        </span>
      ) : null}
    </div>
  );
}

function Guest({ guest: g, now }: { guest: GuestCard; now: Date }) {
  return (
    <li className="mt-[4px] rounded-[6px] bg-slate-50 dark:bg-slate-800 p-[6px]" data-guest={g.address}>
      <p className="m-0 font-semibold">{g.name}</p>
      <p className={`m-0 ${QUIET}`}>{[g.title, g.role ? ROLE_LABELS[g.role as BuyingRole] ?? humanize(g.role) : null].filter(Boolean).join(' · ') || (g.contactId ? 'In the CRM' : 'Not in the CRM')}</p>
      {g.lastTouch ? <p className={`m-0 ${QUIET}`}>{`Last touch: ${humanize(g.lastTouch.type)} ${formatAge(g.lastTouch.at, now) ?? ''}${g.lastTouch.by ? ` by ${g.lastTouch.by}` : ''}`}</p> : null}
      {g.knownBest ? (
        <p className={`m-0 ${QUIET}`} data-field="known-best">
          {knownBestLine(g.knownBest, now)}
        </p>
      ) : null}
    </li>
  );
}

/**
 * @example <MeetingView state={state} actions={actions} siteName="Google Calendar" now={new Date()} />
 */
export function MeetingView({ state, actions, siteName, now, layout = 'card' }: MeetingViewProps): ReactElement {
  const CARD = LAYOUTS[layout];
  const { view, log, limited } = state;
  const limitedStrip = limited ? <LimitedStrip siteName={siteName} urlFacts={limited.urlFacts} className={`${CARD} mb-[6px]`} /> : null;
  switch (view.kind) {
    case 'none':
      return <></>;
    case 'looking':
      return (
        <div className={CARD} data-panel="looking" role="status">
          <span className={QUIET}>{`Preparing ${view.label}…`}</span>
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
            <p className={`m-0 truncate ${QUIET}`}>{view.label}</p>
            <div className="mt-[6px]">
              <SearchForm onSearch={actions.search} />
            </div>
            {state.found ? <FoundList state={state} actions={actions} /> : null}
            {state.canLogFound && log ? (
              <p className={`m-0 mt-[6px] ${QUIET}`} data-log-state={log.status} role="status">
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
            <p className={`m-0 text-[11px] ${QUIET}`}>{view.title ? `Pre-call: ${view.title}` : 'Pre-call package'}</p>
            <p className="m-0 text-[15px] font-semibold" data-field="account">
              {account.name}
            </p>
            <p className={`m-0 ${QUIET}`}>{[account.tier ? `Tier ${account.tier}` : null, humanize(account.stage)].filter(Boolean).join(' · ')}</p>

            <p className={HEAD}>Guests</p>
            <ul className="m-0 list-none p-0" data-list="guests">
              {guests.map((g) => (
                <Guest key={g.address} guest={g} now={now} />
              ))}
            </ul>
            {teammates.length > 0 ? (
              <p className={`m-0 mt-[4px] ${QUIET}`} data-list="teammates">
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
                  <p className="m-0 text-amber-800 dark:text-amber-200" data-field="risk">{`Risk: ${deal.risk.reason}`}</p>
                ) : null}
              </>
            ) : null}

            <p className={HEAD}>{since?.lastMeeting ? `Since you last met (${formatDay(since.lastMeeting.at)})` : 'What changed (30 days)'}</p>
            {since ? (
              since.changes.length > 0 ? (
                <ul className="m-0 list-none p-0" data-list="changes">
                  {since.changes.map((c, i) => (
                    <li key={`${c.at}-${i}`} className="mt-[2px]" data-change={c.kind}>
                      <span className={QUIET}>{`${formatDay(c.at)} `}</span>
                      {c.reason}
                    </li>
                  ))}
                </ul>
              ) : (
                <p className={`m-0 ${QUIET}`}>Nothing new.</p>
              )
            ) : view.sinceFailed ? (
              <p className={`m-0 flex items-center gap-[6px] ${QUIET}`} data-field="since-failed" role="status">
                Could not ask what changed.
                <button type="button" className={BUTTON} onClick={actions.retrySince}>
                  Ask again
                </button>
              </p>
            ) : (
              <p className={`m-0 ${QUIET}`} role="status" data-pending="">
                Loading…
              </p>
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
  if (rows.length === 0) return <p className={`m-0 mt-[4px] ${QUIET}`}>Nothing found.</p>;
  return (
    <ul className="m-0 mt-[4px] list-none p-0" data-list="found">
      {rows.slice(0, 8).map((row) => (
        <li key={row.key} className="mt-[4px] flex items-center justify-between gap-[6px]">
          <span className="truncate">
            <span className="font-semibold">{row.name}</span>
            {row.detail ? <span className={QUIET}>{` · ${row.detail}`}</span> : null}
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
