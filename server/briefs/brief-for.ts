/**
 * `briefFor`: one Brief for a contact and/or account of one team, or null when the record is not
 * the team's (another team's id answers exactly like an unknown one). Reading (parts.ts: the
 * account's persisted intelligence, or its facts) and assembling are separate so the rules stay pure.
 *
 * @example
 * const brief = await briefFor(db, auth.teamId, { contactId: 'ct_123' }, now);
 * brief?.signals[0]?.reason // 'Visited pricing 3 times in the last 7 days, latest today'
 */
import type { Brief } from '../../shared/brief.ts';
import type { Match, Resolution } from '../../shared/match.ts';
import type { IdentityRef } from '../../shared/refs.ts';
import type { OpenedDatabase } from '../db/connect.ts';
import { briefAnswerOf, type BriefContext, type BriefParts } from './assemble.ts';
import { briefFromAnswer, type BriefAnswer } from './answer.ts';
import type { GatherTarget } from './gather.ts';
import { accountNamed } from './new-employer.ts';
import { briefPartsFor } from './parts.ts';
import { showsJobChange } from '../../shared/company.ts';

export interface BriefTarget extends GatherTarget, Partial<BriefContext> {}

/** What an identity ref points at once resolved, or null when nothing matched. */
export function targetOf(ref: IdentityRef, resolution: Resolution | undefined): BriefTarget | null {
  const match = resolution?.match;
  if (!resolution || !match || (!match.contactId && !match.accountId)) return null;
  return {
    ...(match.contactId ? { contactId: match.contactId } : { accountId: match.accountId }),
    match,
    suggestions: resolution.suggestions,
    warnings: resolution.warnings,
    ...(ref.kind === 'linkedin' ? { page: { company: ref.company, title: ref.title } } : {}),
  };
}

/** The Match of a record asked for by id. */
export function recordMatch(target: GatherTarget): Match {
  return {
    ...(target.contactId ? { contactId: target.contactId } : {}),
    ...(target.accountId ? { accountId: target.accountId } : {}),
    method: 'record',
    confidence: 1,
    explanation: target.contactId ? 'Opened by its contact id' : 'Opened by its account id',
  };
}

export async function briefFor(db: OpenedDatabase, teamId: string, target: BriefTarget, now: Date): Promise<Brief | null> {
  const parts = await briefPartsFor(db, teamId, target, now);
  return parts ? briefFromAnswer(await answerForPage(db, teamId, parts, target, now)) : null;
}

/**
 * The brief's answer, with the page's employer looked up among the team's accounts first when the
 * page shows a job change (new-employer.ts): the next step points at that account's brief.
 */
export async function answerForPage(db: OpenedDatabase, teamId: string, parts: BriefParts, target: BriefTarget, now: Date): Promise<BriefAnswer> {
  const company = target.page?.company;
  const { contact, intel } = parts;
  if (company && contact && intel && target.newEmployer === undefined && showsJobChange(company, intel.account.name, contact.pastEmployers.map((p) => p.company))) {
    const found = await accountNamed(db, teamId, company);
    return answerFromParts(parts, { ...target, newEmployer: found && found.id !== intel.account.id ? found : null }, now);
  }
  return answerFromParts(parts, target, now);
}

/** The brief of a target from its parts (parts.ts). */
export function briefFromParts(parts: BriefParts, target: BriefTarget, now: Date): Brief {
  return briefFromAnswer(answerFromParts(parts, target, now));
}

/** The same brief, ready to send (answer.ts). */
export function answerFromParts(parts: BriefParts, target: BriefTarget, now: Date): BriefAnswer {
  return briefAnswerOf(
    parts,
    {
      match: target.match ?? recordMatch(target),
      ...(target.suggestions ? { suggestions: target.suggestions } : {}),
      ...(target.warnings ? { warnings: target.warnings } : {}),
      ...(target.page ? { page: target.page } : {}),
      ...(target.newEmployer !== undefined ? { newEmployer: target.newEmployer } : {}),
    },
    now,
  );
}
