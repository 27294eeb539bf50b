/**
 * What the Gmail thread panel knows about the conversation on screen: the thread as read
 * (extract-thread.ts), the external people the server may be asked about, and whether the thread
 * is internal (all at the team's domains: nothing to resolve, nothing to log). The rep's side
 * (`MailSide`) adds the never-log list: addresses and domains the rep marked personal or an admin
 * listed are dropped here, before any ref is made, so they never reach the server. Pure.
 */
import type { EmailRef } from '../../../shared/refs.ts';
import { missingSelectors } from '../common/drift.ts';
import { onNeverLogList } from '../../../shared/never-log.ts';
import { FREE_MAIL_DOMAINS } from '../../../server/identity/free-mail.ts';
import { toEmailRefs, type OwnSide, type Person } from '../common/participants.ts';

export { onNeverLogList };
import { externalParticipants, extractThread, isInternalThread, type GmailThread } from './extract-thread.ts';
import { THREAD_REQUIRED } from './selectors.ts';

/** The briefs request's limit (shared/brief.ts MAX_BRIEF_REFS): a thread with more people names the first 50. */
const MAX_PEOPLE = 50;

/** The rep's side and the never-log list (addresses, or domains written `example.com` or `@example.com`). */
export interface MailSide extends OwnSide {
  neverLog: readonly string[];
}

export interface ThreadSubject {
  thread: GmailThread;
  /** External people the server is asked about: not the rep, not the team, not on the never-log list. */
  external: Person[];
  /** Every participant is the rep or at the team's domains: no lookup, no logging. */
  internal: boolean;
  /** Some participant is on the never-log list: the thread offers no logging at all. */
  neverLogged: boolean;
}

/**
 * The team's mail domain, from the connected rep's address: none when it is a consumer mailbox
 * (a rep connected as `sofia@gmail.com` would otherwise make every Gmail user a teammate). The
 * server decides an event's account the same way (server/identity/meeting.ts).
 *
 * @example teamDomainsOf('sofia@northwind.example') // ['northwind.example']
 */
export function teamDomainsOf(email: string | undefined): string[] {
  const domain = email?.slice(email.lastIndexOf('@') + 1).trim().toLowerCase();
  return domain && !FREE_MAIL_DOMAINS.has(domain) ? [domain] : [];
}

/**
 * The thread on screen for the panel; `null` when the URL opens no thread. `notHeading` is the
 * heading of the conversation the rep just left (extract-thread.ts).
 */
export function readThreadSubject(doc: Document, url: URL, side: MailSide, notHeading?: Element): ThreadSubject | null {
  const thread = extractThread(doc, url, { notHeading });
  if (!thread) return null;
  const neverLogged = thread.participants.some((person) => onNeverLogList(person.address, side.neverLog));
  const external = externalParticipants(thread, side).filter((person) => !onNeverLogList(person.address, side.neverLog));
  return { thread, external, internal: isInternalThread(thread, side), neverLogged };
}

/** Settled: the conversation's messages are on screen with a sender. */
export function threadSettled(subject: ThreadSubject): boolean {
  return subject.thread.messages.some((message) => message.from !== undefined);
}

/** The refs sent: one email ref per external person (address and name only), at most 50. */
export function threadRefs(subject: ThreadSubject): EmailRef[] {
  return toEmailRefs(subject.external, MAX_PEOPLE);
}

/** Required selectors that match nothing, when the thread could not be read (no message found). */
export function threadDrift(subject: ThreadSubject, doc: Document): string[] {
  return subject.thread.messages.length > 0 ? [] : missingSelectors(doc, THREAD_REQUIRED);
}
