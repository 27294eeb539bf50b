/**
 * The compose card's decisions, pure (features/gmail-compose.tsx runs them): whom a window asks
 * about, and the activity a sent window logs, under the natural key the thread's "Log email" makes
 * for the same message (sites/gmail/email-key.ts: sender, minute, subject without `Re:`), with the
 * same payload (the first recipient the CRM knows, their account, the conversation's subject), so
 * the ledger answers the thread's later log `duplicate`. Every other recipient the CRM knows goes
 * along as a participant (not part of the compared payload: the thread's log merges its own).
 */
import type { RecipientContext } from '../../shared/compose.ts';
import { onNeverLogList } from '../../shared/never-log.ts';
import { externalPeople, type Person } from '../sites/common/participants.ts';
import { recipientsOf, threadSubjectOf, type ComposeWindow } from '../sites/gmail/compose.ts';
import { emailNaturalKey } from '../sites/gmail/email-key.ts';
import type { MailSide } from '../sites/gmail/thread-subject.ts';

/** The window's external recipients, never-log list and the rep's side left out. */
export function externalRecipients(compose: ComposeWindow, side: MailSide): Person[] {
  return externalPeople(recipientsOf(compose), side).filter((person) => !onNeverLogList(person.address, side.neverLog));
}

/**
 * The activity a sent window logs: the first recipient the CRM knows (To, then Cc, then Bcc: the
 * order the thread's summary line reads them), the other recipients it knows (each once, at most
 * 50: shared/activity.ts), the minute it was sent, the conversation's subject.
 * Undefined when the window had no message id yet (Gmail had not saved it), when nobody on it is
 * known, or when anyone on it is on the never-log list (a thread with them offers no logging either).
 */
export async function sentEmailActivity(
  compose: ComposeWindow,
  { from, sentAt, contexts, id, neverLog }: { from: string; sentAt: Date; contexts: ReadonlyMap<string, RecipientContext>; id: string; neverLog: readonly string[] },
) {
  if (!compose.draftId) return undefined;
  if (recipientsOf(compose).some((person) => onNeverLogList(person.address, neverLog))) return undefined;
  const knownOnes = [...compose.to, ...compose.cc, ...compose.bcc].map((p) => contexts.get(p.address)).filter((c) => c?.contact);
  const known = knownOnes[0];
  if (!known?.contact) return undefined;
  const participantContactIds = [...new Set(knownOnes.map((c) => c!.contact!.id))].filter((id) => id !== known.contact!.id).slice(0, 50);
  const minute = new Date(Math.floor(sentAt.getTime() / 60_000) * 60_000).toISOString();
  const subject = threadSubjectOf(compose);
  const naturalKey = await emailNaturalKey({ state: 'expanded', from: { address: from.trim().toLowerCase() }, recipients: [], date: minute }, subject);
  if (!naturalKey) return undefined;
  return {
    id,
    naturalKey,
    type: 'email' as const,
    ...(subject ? { subject: subject.slice(0, 500) } : {}),
    occurredAt: minute,
    contactId: known.contact.id,
    ...(participantContactIds.length ? { participantContactIds } : {}),
    ...(known.account ? { accountId: known.account.id } : {}),
    surface: 'gmail' as const,
    about: known.contact.name.slice(0, 200),
  };
}
