/**
 * Briefs for a batch of refs, in order: identity refs are resolved together (one call to
 * `resolveRefs`), record refs (`{contactId}` / `{accountId}`) are taken as they are, and each
 * distinct record is gathered once however often it appears. Null where nothing matched —
 * including a record id of another team, which must look exactly like an unknown one.
 *
 * @example
 * await briefsForRefs(db, teamId, [{ kind: 'email', address: 'dana@acme.com' }, { contactId: 'nope' }], now)
 * // [Brief, null]
 */
import type { Brief, BriefRef } from '../../shared/brief.ts';
import type { IdentityRef } from '../../shared/refs.ts';
import type { OpenedDatabase } from '../db/connect.ts';
import { resolveRefs } from '../identity/resolve.ts';
import { briefFromAnswer, briefJson, type BriefAnswer } from './answer.ts';
import type { BriefParts } from './assemble.ts';
import { answerForPage, targetOf, type BriefTarget } from './brief-for.ts';
import { briefPartsFor } from './parts.ts';
import { profileAnswer } from './profile-brief.ts';

export const isIdentityRef = (ref: BriefRef): ref is IdentityRef => 'kind' in ref;

/** What each ref points at, or null; identity refs resolved in one batch. */
async function targetsFor(db: OpenedDatabase, teamId: string, refs: readonly BriefRef[]): Promise<(BriefTarget | null)[]> {
  const identity = refs.filter(isIdentityRef);
  const resolutions = identity.length > 0 ? await resolveRefs(db.kysely, teamId, identity) : [];
  let next = 0;
  return refs.map((ref): BriefTarget | null => {
    if (!isIdentityRef(ref)) return 'contactId' in ref ? { contactId: ref.contactId } : { accountId: ref.accountId };
    return targetOf(ref, resolutions[next++]);
  });
}

/** Each ref's brief as assembled (answer.ts), in order; null where nothing matched. */
export async function answersForRefs(db: OpenedDatabase, teamId: string, refs: readonly BriefRef[], now: Date): Promise<(BriefAnswer | null)[]> {
  // The panel's request — one LinkedIn profile — in one statement when it can be (profile-brief.ts).
  const [only] = refs;
  if (refs.length === 1 && only && isIdentityRef(only) && only.kind === 'linkedin') {
    const answer = await profileAnswer(db, teamId, only, now);
    if (answer !== undefined) return [answer];
  }
  const targets = await targetsFor(db, teamId, refs);
  const gathering = new Map<string, Promise<BriefParts | null>>();
  const gather = (t: BriefTarget) => {
    const key = t.contactId ? `c:${t.contactId}` : `a:${t.accountId}`;
    let pending = gathering.get(key);
    if (!pending) {
      pending = briefPartsFor(db, teamId, t, now);
      gathering.set(key, pending);
    }
    return pending;
  };
  return Promise.all(
    targets.map(async (target) => {
      if (!target) return null;
      const parts = await gather(target);
      return parts ? answerForPage(db, teamId, parts, target, now) : null;
    }),
  );
}

export async function briefsForRefs(db: OpenedDatabase, teamId: string, refs: readonly BriefRef[], now: Date): Promise<(Brief | null)[]> {
  return (await answersForRefs(db, teamId, refs, now)).map((answer) => answer && briefFromAnswer(answer));
}

/** The same as `{"briefs": [...]}` JSON, with each account's stored parts spliced in unparsed (answer.ts). */
export async function briefsJsonForRefs(db: OpenedDatabase, teamId: string, refs: readonly BriefRef[], now: Date): Promise<string> {
  const answers = await answersForRefs(db, teamId, refs, now);
  return `{"briefs":[${answers.map((answer) => (answer ? briefJson(answer) : 'null')).join(',')}]}`;
}
