/**
 * The natural key of an email logged from Gmail, the same in every teammate's mailbox.
 *
 * Gmail's `msg-f:` ids are per mailbox (the same message has another id in each recipient's
 * Gmail), and the RFC 822 Message-ID is not in the page (only "Show original" shows it), so
 * neither makes "two teammates logging the same message make one activity". The key is a hash of
 * what every mailbox shows alike: the sender's address, the minute the message was filed (from
 * the stable id's time, else the printed date), and the thread's subject without `Re:`/`Fwd:`.
 * Recipients are left out on purpose: a collapsed message shows none, and a Bcc differs per
 * mailbox. Limits: two copies filed either side of a minute boundary (delivery seconds apart) get
 * two keys; two messages from one sender in one minute on one subject get one.
 *
 * `gmail:msg:v1:<sha-256 hex>`: no address or subject in clear in the ledger's key.
 */
import type { GmailMessage } from './extract-thread.ts';
import { timeOfId } from './message-id.ts';

/** The minute a message was filed, UTC: the stable id's time, else the printed date; undefined when neither reads. */
export function messageMinute(message: GmailMessage): string | undefined {
  const iso = (message.id && !message.id.provisional ? timeOfId(message.id.id) : undefined) ?? message.date;
  if (!iso) return undefined;
  const ms = Date.parse(iso);
  return Number.isNaN(ms) ? undefined : new Date(Math.floor(ms / 60_000) * 60_000).toISOString();
}

/** A subject as every mailbox shows it: reply and forward prefixes off, spaces folded, lower case. */
export function canonicalSubject(subject: string | undefined): string {
  let text = (subject ?? '').replace(/\s+/g, ' ').trim();
  for (let before = ''; before !== text; ) {
    before = text;
    text = text.replace(/^(?:re|fwd?|aw|wg|sv|vs|tr|rv|enc)\s*(?:\[\d+\])?\s*:\s*/i, '');
  }
  return text.toLowerCase();
}

/** The text hashed into the key (exported for tests). */
export function emailKeySource(message: GmailMessage, subject: string | undefined): string | undefined {
  const minute = messageMinute(message);
  if (!message.from || !minute) return undefined;
  return ['v1', message.from.address, minute, canonicalSubject(subject)].join('\n');
}

/**
 * The message's natural key; undefined when the sender or the time cannot be read (the panel then
 * offers no logging for it).
 *
 * @example await emailNaturalKey(message, 'Re: Pilot scope for Q1') // 'gmail:msg:v1:5b0f…'
 */
export async function emailNaturalKey(message: GmailMessage, subject: string | undefined): Promise<string | undefined> {
  const source = emailKeySource(message, subject);
  if (!source) return undefined;
  const digest = await crypto.subtle.digest('SHA-256', new TextEncoder().encode(source));
  return `gmail:msg:v1:${[...new Uint8Array(digest)].map((b) => b.toString(16).padStart(2, '0')).join('')}`;
}
