/**
 * Several people on one page (a Gmail thread's external participants; a calendar event's guests):
 * which of their briefs the panel shows. The account most of them belong to wins, as the server
 * decides an event's account (server/identity/meeting.ts `meetingAccount`): one vote per person
 * the CRM knows, ties to the account with more known contacts among them, then to the one met
 * first; its first person's brief is shown (a contact's brief carries the account's). Pure.
 */
import type { Brief } from '../../../shared/brief.ts';
import type { Suggestion } from '../../../shared/match.ts';
import type { IdentityRef } from '../../../shared/refs.ts';

/** One person's answer: their brief (null: not in the CRM) and, when unknown, who they might be. */
export interface PersonAnswer {
  ref: IdentityRef;
  brief: Brief | null;
  suggestions: Suggestion[];
}

/**
 * The index of the brief to show: the first brief at the account most briefs belong to; a brief
 * with no account counts alone; `null` when none is known.
 *
 * @example mainBriefIndex([null, ana, bob]) // 1 when Ana and Bob are at the same account
 */
export function mainBriefIndex(briefs: readonly (Brief | null)[]): number | null {
  const tally = new Map<string, { votes: number; contacts: number; first: number }>();
  briefs.forEach((brief, index) => {
    if (!brief) return;
    const key = brief.account ? `a:${brief.account.id}` : `c:${brief.contact?.id ?? index}`;
    const entry = tally.get(key) ?? { votes: 0, contacts: 0, first: index };
    entry.votes += 1;
    if (brief.contact) entry.contacts += 1;
    tally.set(key, entry);
  });
  let best: { votes: number; contacts: number; first: number } | undefined;
  for (const entry of tally.values()) {
    // Strictly greater keeps the first-met account on a full tie (a Map keeps insertion order).
    if (!best || entry.votes > best.votes || (entry.votes === best.votes && entry.contacts > best.contacts)) best = entry;
  }
  return best ? best.first : null;
}
