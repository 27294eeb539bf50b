/**
 * Erasure's part in stored digests (`digests.payload`, one per rep and day): their lines and tasks
 * quote signal reasons ("Dana Reyes (champion) left Acme"), which name people. A digest is read
 * back as it was stored all day, so an erased person would stay in it.
 *
 * A digest keeps its shape — it must still parse as a Digest, and a line's `key` still names its
 * signal for the rep's done/dismissed state — so nothing is dropped: a `contactId` of the person
 * becomes null, a text that is the person whole becomes `[erased]`, and inside a longer text their
 * name, address or profile is replaced by `[erased]` (the rules of redact-events.ts).
 */
import type { DB } from '../db/connect.ts';
import { containedPatterns, ERASED_MARK, isThePerson, likeNeedles, type ErasedPerson } from './redact-events.ts';

function scrub(value: unknown, field: string | null, person: ErasedPerson, patterns: RegExp[]): unknown {
  if (typeof value === 'string') {
    if (field === 'contactId') return person.contactIds.includes(value) ? null : value;
    // A line's key names its signal (and embeds ids, never a name): state updates find it by it.
    if (field === 'key' || field === 'signalKey') return value;
    if (isThePerson(value, person)) return ERASED_MARK;
    return patterns.reduce((text, pattern) => text.replace(pattern, ERASED_MARK), value);
  }
  if (Array.isArray(value)) return value.map((item) => scrub(item, null, person, patterns));
  if (value && typeof value === 'object') return Object.fromEntries(Object.entries(value).map(([key, item]) => [key, scrub(item, key, person, patterns)]));
  return value;
}

/**
 * Takes the person out of the team's stored digests, inside the caller's transaction; answers how
 * many digests changed.
 *
 * @example await redactDigests(trx, teamId, { contactIds: ['ct_1'], names: ['Jane Quill'], emails: ['jane@acme.com'], slugs: [] }) // 2
 */
export async function redactDigests(trx: DB, teamId: string, person: ErasedPerson): Promise<number> {
  const needles = likeNeedles(person);
  if (!needles.length) return 0;
  const candidates = await trx
    .selectFrom('digests')
    .select(['user_id', 'day', 'payload'])
    .where('team_id', '=', teamId)
    .where((eb) => eb.or(needles.map((needle) => eb(eb.fn('lower', ['payload']), 'like', needle))))
    .execute();
  const patterns = containedPatterns(person, { ids: false });
  let redacted = 0;
  for (const digest of candidates) {
    let parsed: unknown;
    try {
      parsed = JSON.parse(digest.payload);
    } catch {
      continue;
    }
    const payload = JSON.stringify(scrub(parsed, null, person, patterns));
    if (payload === digest.payload) continue;
    await trx.updateTable('digests').set({ payload }).where('team_id', '=', teamId).where('user_id', '=', digest.user_id).where('day', '=', digest.day).execute();
    redacted += 1;
  }
  return redacted;
}
