/**
 * A calendar event's account: the external company most of its attendees belong to. The rep's
 * own colleagues are on most invites, so addresses at the team's own mail domains do not vote.
 */
import type { DB } from '../db/connect.ts';
import type { Match, Resolution } from '../../shared/match.ts';
import { emailDomain, registrableDomain } from './normalize.ts';
import type { RefPlan } from './plan.ts';

/**
 * The registrable domains the team's users mail from (`acme-sales.com` for `rep@eu.acme-sales.com`).
 *
 * @example await teamMailDomains(db, teamId) // Set { 'acme-sales.com' }
 */
export async function teamMailDomains(db: DB, teamId: string): Promise<Set<string>> {
  const rows = await db.selectFrom('users').select('email').where('team_id', '=', teamId).where('disabled_at', 'is', null).execute();
  return new Set(rows.map((r) => registrableDomain(emailDomain(r.email.toLowerCase()))));
}

const attendeesPhrase = (count: number, of: number) =>
  `${count} of ${of} external attendee${of === 1 ? '' : 's'} ${count === 1 ? 'is' : 'are'} at this account`;

/**
 * The account most external attendees resolve to; ties go to the account with more known
 * contacts, then to the one met first in the guest list. The method and confidence are those
 * of the strongest attendee link to it.
 *
 * @example meetingAccount(plans, resolutions, new Set(['our-company.com']))
 * // { accountId: 'acc_1', method: 'email', confidence: 1, explanation: '2 of 3 external attendees are at this account' }
 */
export function meetingAccount(plans: RefPlan[], resolutions: Resolution[], ownDomains: ReadonlySet<string>): Match | null {
  const tally = new Map<string, { votes: number; contacts: number; best: Match }>();
  let external = 0;
  plans.forEach((plan, index) => {
    if (!plan.email || ownDomains.has(registrableDomain(emailDomain(plan.email)))) return;
    external += 1;
    const match = resolutions[index]?.match;
    if (!match?.accountId) return;
    const entry = tally.get(match.accountId) ?? { votes: 0, contacts: 0, best: match };
    entry.votes += 1;
    if (match.contactId) entry.contacts += 1;
    if (match.confidence > entry.best.confidence) entry.best = match;
    tally.set(match.accountId, entry);
  });
  let winner: [string, { votes: number; contacts: number; best: Match }] | undefined;
  for (const candidate of tally) {
    // Strictly greater keeps the first-met account on a full tie (Map keeps insertion order).
    if (!winner || candidate[1].votes > winner[1].votes || (candidate[1].votes === winner[1].votes && candidate[1].contacts > winner[1].contacts)) {
      winner = candidate;
    }
  }
  if (!winner) return null;
  const [accountId, { votes, best }] = winner;
  return { accountId, method: best.method, confidence: best.confidence, explanation: attendeesPhrase(votes, external) };
}
