/**
 * Erasure's part in the flags that stay: flags about the person are deleted with them
 * (erase.ts), but a rep's flag on their account or a deal may still name them in its free text
 * ("Ingrid Falkenrath left, the champion is wrong"). Its problem, suggested value and resolution
 * note keep their other words, with the person replaced by `[erased]` (the rules of
 * redact-events.ts); a value that is the person whole becomes `[erased]`.
 */
import type { DB } from '../db/connect.ts';
import { containedPatterns, ERASED_MARK, isThePerson, likeNeedles, type ErasedPerson } from './redact-events.ts';

const TEXTS = ['problem', 'suggested_value', 'resolution'] as const;

function scrub(text: string | null, person: ErasedPerson, patterns: RegExp[]): string | null {
  if (text === null) return null;
  if (isThePerson(text, person)) return ERASED_MARK;
  return patterns.reduce((out, pattern) => out.replace(pattern, ERASED_MARK), text);
}

/**
 * Takes the person out of the team's remaining flags, inside the caller's transaction; answers how
 * many flags changed.
 *
 * @example await redactFlags(trx, teamId, { contactIds: ['ct_1'], names: ['Jane Quill'], emails: [], slugs: [] }) // 1
 */
export async function redactFlags(trx: DB, teamId: string, person: ErasedPerson): Promise<number> {
  const needles = likeNeedles(person);
  if (!needles.length) return 0;
  const candidates = await trx
    .selectFrom('flags')
    .select(['id', ...TEXTS])
    .where('team_id', '=', teamId)
    .where((eb) => eb.or(TEXTS.flatMap((column) => needles.map((needle) => eb(eb.fn('lower', [column]), 'like', needle)))))
    .execute();
  const patterns = containedPatterns(person);
  let redacted = 0;
  for (const flag of candidates) {
    const next = { problem: scrub(flag.problem, person, patterns)!, suggested_value: scrub(flag.suggested_value, person, patterns), resolution: scrub(flag.resolution, person, patterns) };
    if (TEXTS.every((column) => next[column] === flag[column])) continue;
    await trx.updateTable('flags').set(next).where('team_id', '=', teamId).where('id', '=', flag.id).execute();
    redacted += 1;
  }
  return redacted;
}
