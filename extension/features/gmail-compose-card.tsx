/**
 * The compose card (issue 12): beside one Gmail compose window, each external recipient (contact
 * and account, or not in the CRM; the team's last touch: "Emailed by Ana 3 days ago"), a collision
 * warning when a teammate touched their account within the team's window, naming who and how, and
 * the account's talking points, each with its reason and an "Insert" that puts it at the cursor in
 * the body as plain text. Every string from the server or the page is rendered as text (React's
 * text nodes), never as markup. A view: the feature (gmail-compose.tsx) owns the state.
 */
import type { RecipientContext, TalkingPoint, TeamTouch } from '../../shared/compose.ts';
import { BUTTON } from '../components/buttons.ts';
import type { Person } from '../sites/common/participants.ts';

const CARD =
  'font-sans w-[340px] rounded-[8px] border border-slate-200 dark:border-slate-700 bg-white dark:bg-slate-900 p-[10px] text-left text-[13px] leading-[18px] text-slate-900 dark:text-slate-100 shadow-lg';

export type ComposeCardStatus = 'asking' | 'ready' | 'failed';

export interface ComposeRecipient {
  person: Person;
  /** The server's answer; undefined while asked or when the request failed. */
  context?: RecipientContext | undefined;
}

export interface ComposeCardProps {
  recipients: readonly ComposeRecipient[];
  status: ComposeCardStatus;
  /** The server's window for collisions, in days (the admin setting). */
  collisionDays?: number | undefined;
  now: Date;
  onInsert(point: TalkingPoint): void;
  /** The window's recipients could not be read (Gmail changed its page): the limited card. */
  drift?: boolean | undefined;
}

/** "Emailed", "Called"… as the last-touch line starts. */
const DONE: Record<string, string> = {
  email: 'Emailed',
  call: 'Called',
  meeting: 'Met',
  linkedin_message: 'Messaged on LinkedIn',
  linkedin_connection: 'Connected on LinkedIn',
  linkedin_inmail: 'Sent an InMail',
  linkedin_note: 'LinkedIn note',
  note: 'Note',
};
/** "emailed", "called"… as a collision names what a teammate did. */
const DID: Record<string, string> = {
  email: 'emailed',
  call: 'called',
  meeting: 'met',
  linkedin_message: 'messaged',
  linkedin_connection: 'connected with',
  linkedin_inmail: 'sent an InMail to',
  linkedin_note: 'wrote a LinkedIn note on',
  note: 'wrote a note on',
};

/** "today", "yesterday", "3 days ago", "2 weeks ago". */
export function daysAgo(iso: string, now: Date): string {
  const day = (d: Date) => Date.UTC(d.getFullYear(), d.getMonth(), d.getDate());
  const days = Math.max(0, Math.round((day(now) - day(new Date(iso))) / 86_400_000));
  if (days === 0) return 'today';
  if (days === 1) return 'yesterday';
  if (days < 14) return `${days} days ago`;
  if (days < 60) return `${Math.round(days / 7)} weeks ago`;
  return `${Math.round(days / 30)} months ago`;
}

const byWhom = (touch: TeamTouch) => touch.by?.name ?? 'a former teammate';

/** "Emailed by Ana 3 days ago". */
export function lastTouchLine(touch: TeamTouch, now: Date): string {
  return `${DONE[touch.type] ?? 'Touched'} by ${byWhom(touch)} ${daysAgo(touch.at, now)}`;
}

/** "Ana emailed Ben Ortiz at Initech yesterday". */
export function collisionLine(collision: NonNullable<RecipientContext['collision']>, account: string, now: Date): string {
  return `${byWhom(collision)} ${DID[collision.type] ?? 'touched'} ${collision.contactName ?? 'someone'} at ${account} ${daysAgo(collision.at, now)}`;
}

function Recipient({ recipient, showPoints, now, onInsert }: { recipient: ComposeRecipient; showPoints: boolean; now: Date; onInsert(point: TalkingPoint): void }) {
  const { person, context } = recipient;
  const name = context?.contact?.name ?? person.name ?? person.address;
  const account = context?.account;
  const who = context?.contact ? [context.contact.title, account?.name].filter(Boolean).join(' · ') : account ? `Not a contact yet · ${account.name}` : context ? 'Not in CRM' : '';
  return (
    <li className="m-0 border-t border-slate-100 py-[6px] first:border-t-0 dark:border-slate-800" data-recipient={person.address}>
      <p className="m-0 truncate font-semibold">{name}</p>
      {who ? <p className="m-0 truncate text-[12px] text-slate-600 dark:text-slate-300">{who}</p> : null}
      {context ? (
        <p className="m-0 text-[12px] text-slate-600 dark:text-slate-300" data-part="last-touch">
          {context.lastTouch ? lastTouchLine(context.lastTouch, now) : context.contact ? 'No touch logged yet' : ''}
        </p>
      ) : null}
      {context?.collision && account ? (
        <p className="m-0 mt-[4px] rounded-[4px] bg-amber-50 px-[6px] py-[2px] text-[12px] text-amber-900 dark:bg-amber-950 dark:text-amber-100" role="alert" data-part="collision">
          {`Heads up: ${collisionLine(context.collision, account.name, now)}.`}
        </p>
      ) : null}
      {showPoints && context && context.talkingPoints.length > 0 ? (
        <ul className="m-0 mt-[4px] flex list-none flex-col gap-[4px] p-0" aria-label={`Talking points for ${account?.name ?? name}`}>
          {context.talkingPoints.map((point, i) => (
            <li key={i} className="m-0 flex items-start justify-between gap-[6px]" data-point={point.kind}>
              <span className="min-w-0">
                <span className="block">{point.text}</span>
                <span className="block text-[11px] text-slate-500 dark:text-slate-400">{`Why: ${point.reason}`}</span>
              </span>
              {/* mousedown kept from the page: the caret stays in the body, where the point goes. */}
              <button type="button" className={BUTTON} onMouseDown={(event) => event.preventDefault()} onClick={() => onInsert(point)} aria-label={`Insert: ${point.text}`}>
                Insert
              </button>
            </li>
          ))}
        </ul>
      ) : null}
    </li>
  );
}

/**
 * @example <ComposeCard recipients={[{ person, context }]} status="ready" now={new Date()} onInsert={insert} />
 */
export function ComposeCard({ recipients, status, now, onInsert, drift }: ComposeCardProps) {
  if (drift && recipients.length === 0) {
    return (
      <section className={`${CARD} text-slate-700 dark:text-slate-300`} data-panel="compose-limited" role="status">
        Could not read this window&apos;s recipients: Gmail&apos;s page changed. It has been reported so it gets fixed; search for a person in the side panel meanwhile.
      </section>
    );
  }
  if (recipients.length === 0) return <></>;
  // An account's points once, under its first recipient: two people at Initech are one account to talk about.
  const seen = new Set<string>();
  const showPoints = recipients.map((r) => {
    const account = r.context?.account?.id;
    if (!account) return true;
    if (seen.has(account)) return false;
    seen.add(account);
    return true;
  });
  return (
    // `compose` once every recipient is looked up (the bench times that paint), `compose-looking` before.
    <section className={CARD} data-panel={recipients.every((r) => r.context) ? 'compose' : 'compose-looking'} aria-label="Recipients in your CRM">
      <p className="m-0 mb-[2px] font-semibold">{`Recipients (${recipients.length})`}</p>
      {status === 'asking' && recipients.some((r) => !r.context) ? <p className="m-0 text-[12px] text-slate-500 dark:text-slate-400" role="status">Looking them up…</p> : null}
      {status === 'failed' ? (
        <p className="m-0 text-[12px] text-amber-700 dark:text-amber-300" role="status">
          Could not reach the server: recipients are not looked up.
        </p>
      ) : null}
      <ul className="m-0 list-none p-0">
        {recipients.map((recipient, i) => (
          <Recipient key={recipient.person.address} recipient={recipient} showPoints={showPoints[i]!} now={now} onInsert={onInsert} />
        ))}
      </ul>
    </section>
  );
}
