/**
 * Gmail's own part of the thread panel (issue 12): per message, "Log email" (type email, subject,
 * the minute it was filed, the contact it is with, and every other person on it the CRM knows, so
 * each one's last touch counts it), or "Already logged by Ana on 12 Nov" when the
 * team's ledger holds its natural key (sites/gmail/email-key.ts: the same in every teammate's
 * mailbox); "Log thread" logs every message not yet logged; "Include body" when the admin allows
 * bodies. A thread among teammates, or with someone on the never-log list, offers no logging and
 * says why. Logged emails go to the outbox; each one's "Saved" turns into "Synced" once the server
 * has it (asked again while the panel is open, so a server that was away is followed).
 */
import { useEffect, useMemo, useRef, useState } from 'react';
import type { Brief } from '../../shared/brief.ts';
import type { LoggedActivity } from '../../shared/mail-policy.ts';
import { BUTTON, PRIMARY_BUTTON } from '../components/buttons.ts';
import type { sendMessage } from '../core/messaging.ts';
import type { PanelState } from '../core/page/panel-runner.ts';
import type { GmailMessage } from '../sites/gmail/extract-thread.ts';
import { emailNaturalKey, messageMinute } from '../sites/gmail/email-key.ts';
import type { ThreadSubject } from '../sites/gmail/thread-subject.ts';

// Light and dark (`dark:` variants, the reader's `prefers-color-scheme`), as the brief's card below it (components/Panel.tsx).
const CARD = 'font-sans w-[340px] rounded-[8px] border border-slate-200 dark:border-slate-700 bg-white dark:bg-slate-900 p-[10px] text-left text-[13px] leading-[18px] text-slate-900 dark:text-slate-100 shadow-lg mb-[6px]';
const QUIET = 'text-slate-600 dark:text-slate-300';
const SYNC_POLL_MS = 2_000;
/** shared/activity.ts MAX_ACTIVITY_PARTICIPANTS, written out: importing it would bring zod into the page's bundle. */
const MAX_PARTICIPANTS = 50;

export function isThreadSubject(value: unknown): value is ThreadSubject {
  return typeof value === 'object' && value !== null && 'thread' in value && 'external' in value;
}

type Delivery = 'saving' | 'saved' | 'synced' | 'needs_attention';

export interface GmailThreadPartProps {
  state: PanelState;
  /** The admin allows bodies (`GET /v1/mail-policy`). */
  bodies: boolean;
  send: typeof sendMessage;
  /** The body of a message on screen, quoted text left out (sites/gmail `readMessageBody`). */
  readBody(messageId: string): string | undefined;
  uuid(): string;
}

/** The briefs of the thread's external people the CRM knows, by address (never-log addresses were never asked). */
function knownPeople(state: PanelState): Map<string, Brief> {
  const known = new Map<string, Brief>();
  for (const answer of state.people ?? []) if (answer.ref.kind === 'email' && answer.brief?.contact) known.set(answer.ref.address, answer.brief);
  return known;
}

/** Everyone on one message, sender first, in the order the header reads them. */
const peopleOn = (message: GmailMessage) => [message.from, ...message.recipients, ...(message.to ?? []), ...(message.cc ?? []), ...(message.bcc ?? [])];

/**
 * Who a logged email is with: the external sender the CRM knows, else the first known recipient,
 * else the thread's main contact (the same choice on every teammate's screen: it is part of the
 * payload the ledger compares); and the other people on the message the CRM knows, each once. A
 * collapsed message shows only its sender: its other people are taken to be the thread's known
 * people (a reply goes to everyone on the conversation) rather than nobody.
 */
function contactFor(message: GmailMessage, state: PanelState): { brief: Brief; contactId: string; name: string; participantContactIds: string[] } | undefined {
  const known = knownPeople(state);
  const onIt = message.state === 'collapsed' ? [...known.values()] : peopleOn(message).flatMap((person) => (person && known.get(person.address) ? [known.get(person.address)!] : []));
  const ids = [...new Set(onIt.flatMap((brief) => (brief.contact ? [brief.contact.id] : [])))];
  const others = (contactId: string) => ids.filter((id) => id !== contactId);
  for (const person of peopleOn(message)) {
    const brief = person && known.get(person.address);
    if (brief?.contact) return { brief, contactId: brief.contact.id, name: brief.contact.name, participantContactIds: others(brief.contact.id) };
  }
  const main = state.view.kind === 'brief' ? state.view.brief : undefined;
  return main?.contact ? { brief: main, contactId: main.contact.id, name: main.contact.name, participantContactIds: others(main.contact.id) } : undefined;
}

const dayMonth = (iso: string) => new Date(iso).toLocaleDateString('en-GB', { day: 'numeric', month: 'short' });
const shortWhen = (iso: string) => new Date(iso).toLocaleString('en-GB', { day: 'numeric', month: 'short', hour: '2-digit', minute: '2-digit' });

/**
 * @example <GmailThreadPart state={state} bodies send={sendMessage} readBody={(id) => readMessageBody(document, id)} uuid={() => crypto.randomUUID()} />
 */
export function GmailThreadPart({ state, bodies, send, readBody, uuid }: GmailThreadPartProps) {
  const subject = isThreadSubject(state.subject) ? state.subject : undefined;
  const messages = subject?.thread.messages ?? [];
  const signature = messages.map((m) => `${m.id?.id ?? ''}|${m.from?.address ?? ''}|${m.date ?? ''}`).join(',') + `|${subject?.thread.subject ?? ''}`;
  const [keys, setKeys] = useState<(string | undefined)[]>([]);
  const [logged, setLogged] = useState<Map<string, LoggedActivity>>(new Map());
  const [lookup, setLookup] = useState<'asking' | 'done' | 'failed'>('asking');
  const [deliveries, setDeliveries] = useState<Map<string, { id: string; state: Delivery }>>(new Map());
  const [includeBody, setIncludeBody] = useState(false);
  /** Addresses the rep marked personal from this panel: never logged, never looked up again. */
  const [personal, setPersonal] = useState<string[]>([]);
  const alive = useRef(true);
  useEffect(() => () => void (alive.current = false), []);

  const loggable = Boolean(subject && !subject.internal && !subject.neverLogged && messages.length > 0);

  useEffect(() => {
    if (!loggable) return;
    let stale = false;
    void Promise.all(messages.map((m) => emailNaturalKey(m, subject?.thread.subject).catch(() => undefined))).then((found) => {
      if (!stale) setKeys(found);
    });
    return () => void (stale = true);
    // The messages as read: a repaint with the same thread keeps its keys.
  }, [signature, loggable]);

  const ask = async (naturalKeys: string[]) => {
    if (naturalKeys.length === 0) return setLookup('done');
    const answer = await send('lookupActivities', { naturalKeys: naturalKeys.slice(0, 100) }).catch(() => null);
    if (!alive.current) return;
    if (!answer?.ok) return setLookup('failed');
    setLogged(new Map(answer.value.logged.map((item) => [item.naturalKey, item])));
    setLookup('done');
  };

  const definedKeys = useMemo(() => keys.filter((k): k is string => Boolean(k)), [keys]);
  useEffect(() => {
    if (definedKeys.length) void ask(definedKeys);
  }, [definedKeys.join(',')]);

  // "Saved" follows the outbox until the server has it; then the ledger says who logged it.
  const pending = [...deliveries.values()].filter((d) => d.state === 'saved').map((d) => d.id).join(',');
  useEffect(() => {
    if (!pending) return;
    const timer = setTimeout(async () => {
      const outbox = await send('getOutbox').catch(() => null);
      if (!alive.current || !outbox?.ok) return setDeliveries((d) => new Map(d));
      let synced = false;
      setDeliveries((current) => {
        const next = new Map(current);
        for (const [key, delivery] of current) {
          if (delivery.state !== 'saved') continue;
          const item = outbox.value.items.find((it) => it.id === delivery.id);
          const state: Delivery = !item || item.state === 'synced' ? 'synced' : item.state === 'needs_attention' ? 'needs_attention' : 'saved';
          if (state === 'synced') synced = true;
          next.set(key, { ...delivery, state });
        }
        return next;
      });
      if (synced) void ask(definedKeys);
    }, SYNC_POLL_MS);
    return () => clearTimeout(timer);
  }, [pending, deliveries]);

  if (!subject || messages.length === 0) return null;
  if (subject.internal) {
    return (
      <div className={CARD} data-panel="internal-thread" role="status">
        Internal conversation: everyone is on your team. Nothing to look up or log.
      </div>
    );
  }
  if (subject.neverLogged || personal.length > 0) {
    return (
      <div className={CARD} data-panel="never-log-thread" role="status">
        {personal.length > 0
          ? `Marked personal: ${personal.join(', ')}. Never logged, and never looked up again.`
          : 'Someone on this conversation is on the never-log list: it is not logged, and they are not looked up.'}
      </div>
    );
  }

  const logOne = async (message: GmailMessage, key: string) => {
    const who = contactFor(message, state);
    const minute = messageMinute(message);
    if (!who || !minute) return;
    const id = uuid();
    setDeliveries((d) => new Map(d).set(key, { id, state: 'saving' }));
    const body = includeBody && bodies && message.id ? readBody(message.id.id) : undefined;
    const answer = await send('logActivity', {
      id,
      naturalKey: key,
      type: 'email',
      ...(subject.thread.subject ? { subject: subject.thread.subject.slice(0, 500) } : {}),
      ...(body ? { body: body.slice(0, 20_000) } : {}),
      occurredAt: minute,
      contactId: who.contactId,
      ...(who.participantContactIds.length ? { participantContactIds: who.participantContactIds.slice(0, MAX_PARTICIPANTS) } : {}),
      ...(who.brief.account ? { accountId: who.brief.account.id } : {}),
      surface: 'gmail',
      ...(who.name.trim() ? { about: who.name.trim().slice(0, 200) } : {}),
    }).catch(() => null);
    if (!alive.current) return;
    const delivered: Delivery = !answer?.ok ? 'needs_attention' : answer.value.state === 'synced' ? 'synced' : answer.value.state === 'needs_attention' ? 'needs_attention' : 'saved';
    setDeliveries((d) => new Map(d).set(key, { id, state: delivered }));
  };

  const rows = messages.map((message, i) => ({ message, key: keys[i], who: contactFor(message, state) }));
  const open = rows.filter((row) => row.key && row.who && !logged.has(row.key) && !deliveries.has(row.key));
  return (
    <div className={CARD} data-panel="thread-log">
      <div className="mb-[6px] flex items-center justify-between gap-[6px]">
        <p className="m-0 font-semibold">{`Messages (${messages.length})`}</p>
        <button type="button" className={PRIMARY_BUTTON} disabled={open.length === 0 || lookup === 'asking'} onClick={() => open.forEach((row) => void logOne(row.message, row.key!))}>
          Log thread
        </button>
      </div>
      {bodies ? (
        <label className="mb-[6px] flex items-center gap-[4px] text-[12px] text-slate-700 dark:text-slate-300">
          <input type="checkbox" checked={includeBody} onChange={(event) => setIncludeBody(event.currentTarget.checked)} />
          Include body
        </label>
      ) : null}
      {lookup === 'failed' ? <p className="m-0 mb-[4px] text-[12px] text-amber-700 dark:text-amber-200">Could not ask the server what is already logged.</p> : null}
      <ul className="m-0 flex list-none flex-col gap-[4px] p-0" aria-label="Messages">
        {rows.map(({ message, key, who }, i) => {
          const done = key ? logged.get(key) : undefined;
          const delivery = key ? deliveries.get(key) : undefined;
          const from = message.from?.name ?? message.from?.address ?? 'Unknown sender';
          const when = message.date ? shortWhen(message.date) : '';
          let status;
          if (done && delivery?.state !== 'synced') status = <span data-status="logged">{`Already logged by ${done.loggedBy?.name ?? 'a former teammate'} on ${dayMonth(done.recordedAt)}`}</span>;
          else if (delivery) status = <span data-status={delivery.state}>{delivery.state === 'saving' ? 'Saving…' : delivery.state === 'saved' ? 'Saved' : delivery.state === 'synced' ? 'Synced' : 'Needs attention'}</span>;
          else if (!key) status = <span className={QUIET}>Cannot be logged yet</span>;
          else if (!who) status = <span className={QUIET}>Nobody on it is in the CRM</span>;
          else
            status = (
              <button type="button" className={BUTTON} disabled={lookup === 'asking'} onClick={() => void logOne(message, key)} aria-label={`Log email from ${from}`}>
                Log email
              </button>
            );
          return (
            <li key={i} className="m-0 flex items-center justify-between gap-[6px]" data-message={i}>
              <span className="min-w-0 truncate">
                <span className="font-semibold">{from}</span>
                {when ? <span className={QUIET}>{` · ${when}`}</span> : null}
              </span>
              <span className="shrink-0 text-[12px]">{status}</span>
            </li>
          );
        })}
      </ul>
      {subject.external.length > 0 ? (
        <div className={`mt-[6px] flex flex-wrap items-center gap-[4px] text-[12px] ${QUIET}`}>
          <span>Personal?</span>
          {subject.external.map((person) => (
            <button
              key={person.address}
              type="button"
              className={BUTTON}
              aria-label={`Never log ${person.address}`}
              onClick={() =>
                void send('addPersonalNeverLog', { entry: person.address })
                  .then((answer) => answer.ok && alive.current && setPersonal((p) => [...p, person.address]))
                  .catch(() => undefined)
              }
            >
              {`Never log ${person.name ?? person.address}`}
            </button>
          ))}
        </div>
      ) : null}
    </div>
  );
}
