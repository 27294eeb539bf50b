/**
 * The outbox as the rep reads it: what needs attention (the server's reason, and Retry), what is
 * saved in the browser and waiting for the server ("Saved"; a Gmail send held for Gmail's undo
 * window says so, with the time it goes), and what the server has ("Synced").
 * The same words as the LinkedIn panel's log line.
 */
import type { ActivityType } from '../../../shared/activity.ts';
import type { OutboxItemView } from '../../core/protocol.ts';
import { BUTTON } from '../buttons.ts';
import { formatAge } from '../format.ts';
import { ListGroup } from './ListGroup.tsx';

export const ACTIVITY_LABELS: Record<ActivityType, string> = {
  email: 'Email',
  call: 'Call',
  meeting: 'Meeting',
  linkedin_message: 'LinkedIn message',
  linkedin_connection: 'LinkedIn connection request',
  linkedin_inmail: 'LinkedIn InMail',
  linkedin_note: 'LinkedIn note',
  note: 'Note',
};

const STATE_TEXT: Record<OutboxItemView['state'], string> = {
  queued: 'Saved',
  sending: 'Sending…',
  synced: 'Synced',
  needs_attention: 'Needs attention',
};

const STATE_TONE: Record<OutboxItemView['state'], string> = {
  queued: 'text-slate-700 dark:text-slate-300',
  sending: 'text-slate-500 dark:text-slate-400',
  synced: 'text-emerald-700 dark:text-emerald-300',
  needs_attention: 'font-semibold text-rose-700 dark:text-rose-300',
};

export interface OutboxListProps {
  items: OutboxItemView[];
  now: Date;
  onRetry: (id: string) => void;
  /** Items whose retry is on its way, shown disabled. */
  retrying?: ReadonlySet<string>;
}

/**
 * @example
 * <OutboxList items={outbox} now={new Date()} onRetry={(id) => retry(id)} />
 */
export function OutboxList({ items, now, onRetry, retrying }: OutboxListProps) {
  const groups = [
    { title: 'Needs attention', items: items.filter((i) => i.state === 'needs_attention') },
    { title: 'Queued', items: items.filter((i) => i.state === 'queued' || i.state === 'sending') },
    { title: 'Sent', items: items.filter((i) => i.state === 'synced') },
  ];
  return (
    <div className="flex flex-col gap-[8px]" data-list="outbox">
      {items.length === 0 ? <p className="m-0 text-slate-500 dark:text-slate-400">Nothing logged yet.</p> : null}
      {groups.map((group) =>
        group.items.length > 0 ? (
          <ListGroup key={group.title} title={group.title} count={group.items.length}>
            {group.items.map((item) => (
              <OutboxRow key={item.id} item={item} now={now} onRetry={onRetry} retrying={retrying?.has(item.id) ?? false} />
            ))}
          </ListGroup>
        ) : null,
      )}
    </div>
  );
}

function OutboxRow({ item, now, onRetry, retrying }: { item: OutboxItemView; now: Date; onRetry: (id: string) => void; retrying: boolean }) {
  const what = ACTIVITY_LABELS[item.type];
  const when = formatAge(item.occurredAt, now);
  // A queued item that already failed says why and when the next try is: the rep sees it is not lost.
  const waiting = item.state === 'queued' && item.attempts > 0;
  // A held one (a Gmail send) says what it waits for and until when: Undo in Gmail still cancels it.
  const held = item.state === 'queued' && item.heldUntil ? item.heldUntil : undefined;
  return (
    <li className="rounded-[4px] bg-white dark:bg-slate-900 px-[6px] py-[3px]" data-outbox-item={item.state}>
      <div className="flex items-baseline gap-[6px]">
        <span className="min-w-0 flex-1 truncate">
          <span className="font-medium text-slate-900 dark:text-slate-100">{what}</span>
          {item.about ? <span className="text-slate-900 dark:text-slate-100">{` · ${item.about}`}</span> : null}
          {item.subject ? <span className="text-slate-600 dark:text-slate-300">{` · ${item.subject}`}</span> : null}
        </span>
        <span className="shrink-0 text-[12px] leading-[16px] text-slate-500 dark:text-slate-400">{when}</span>
      </div>
      <p className={`m-0 text-[12px] leading-[16px] ${STATE_TONE[item.state]}`} {...(held ? { 'data-held': '' } : {})}>
        {held ? `Waiting for Gmail’s undo window, until ${timeOf(held)}` : STATE_TEXT[item.state]}
        {waiting ? ` · will try again${item.nextAttemptAt ? ` ${formatIn(item.nextAttemptAt, now)}` : ''} (${item.attempts} failed)` : ''}
      </p>
      {item.lastError && (item.state === 'needs_attention' || waiting) ? <p className="m-0 text-[12px] leading-[16px] text-slate-700 dark:text-slate-300">{item.lastError}</p> : null}
      {item.state === 'needs_attention' ? (
        <button type="button" className={`${BUTTON} mt-[2px]`} disabled={retrying} aria-label={`Retry ${what}${when ? ` from ${when}` : ''}`} onClick={() => onRetry(item.id)}>
          {retrying ? 'Retrying…' : 'Retry'}
        </button>
      ) : null}
    </li>
  );
}

/** A time to the second in the rep's zone: a hold lasts seconds. */
const timeOf = (iso: string) => new Date(iso).toLocaleTimeString('en-GB', { hour: '2-digit', minute: '2-digit', second: '2-digit' });

/** "in 3 min" for a future time; "now" once it is due. */
function formatIn(iso: string, now: Date): string {
  const ms = Date.parse(iso) - now.getTime();
  if (Number.isNaN(ms) || ms <= 60_000) return 'now';
  if (ms < 3_600_000) return `in ${Math.ceil(ms / 60_000)} min`;
  return `in ${Math.round(ms / 3_600_000)} h`;
}
