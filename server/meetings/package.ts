/**
 * A join page's pre-call package in one answer (issue 13, `GET /v1/meetings?provider=&conferenceId=&include=package`):
 * the team's meeting on a conference, the briefs of its event and external guests, what changed at
 * the event's account since the last meeting logged before it, and who on the team knows each
 * guest best. The extension would otherwise ask these in a row (the meeting, then the briefs, then
 * what changed, which needs the account the briefs answer): three round trips before a cold
 * join page's package was whole (docs/benchmarks.md, the join row).
 *
 * The guests are the meeting's attendees that are not the caller's side (`isOwnSide`: the caller's
 * address and mail domain), the same rule the extension applies, so its cards and these briefs
 * line up; at most MAX_PACKAGE_GUESTS. The briefs are spliced as their stored JSON (answer.ts), as
 * `POST /v1/briefs` sends them.
 */
import { isOwnSide, MAX_KNOWN_BEST, MAX_PACKAGE_GUESTS, ownSideOfAddress, type ConferenceProviderName, type KnownBest, type Meeting, type SinceLastMeeting } from '../../shared/meetings.ts';
import type { BriefRef } from '../../shared/brief.ts';
import type { OpenedDatabase } from '../db/connect.ts';
import { answersForRefs } from '../briefs/batch.ts';
import { briefJson } from '../briefs/answer.ts';
import { knownBest } from './known-best.ts';
import { sinceLastMeeting } from './since-last-meeting.ts';
import { meetingByConference } from './store.ts';

export interface PackageCaller {
  teamId: string;
  userId: string;
  email: string;
}

/**
 * The `MeetingPackageAnswer` JSON for the team's meeting on a conference (`{"meeting":null,"package":null}` when none).
 *
 * @example await meetingPackageJson(db, auth, 'zoom', '81234567890', now)
 * // '{"meeting":{…},"package":{"guests":["ana@initech.example"],"briefs":[{…},{…}],"since":{…},"knownBest":[…]}}'
 */
export async function meetingPackageJson(db: OpenedDatabase, caller: PackageCaller, provider: ConferenceProviderName, conferenceId: string, now: Date): Promise<string> {
  const meeting = await meetingByConference(db.kysely, caller.teamId, provider, conferenceId, now);
  if (!meeting) return '{"meeting":null,"package":null}';
  return `{"meeting":${JSON.stringify(meeting)},"package":${await packageJson(db, caller, meeting, now)}}`;
}

async function packageJson(db: OpenedDatabase, caller: PackageCaller, meeting: Meeting, now: Date): Promise<string> {
  const side = ownSideOfAddress(caller.email);
  const guests = meeting.attendees.filter((address) => !isOwnSide(address, side)).slice(0, MAX_PACKAGE_GUESTS);
  // The same refs the extension asks `POST /v1/briefs` for: the event (its account, from the
  // external guests) and each guest. The server keeps no title: the event's brief never uses it.
  const event: BriefRef = { kind: 'event', eventId: meeting.eventId, title: '', start: meeting.start, attendees: meeting.attendees.map((address) => ({ kind: 'email', address })) };
  const refs: BriefRef[] = [event, ...guests.map((address): BriefRef => ({ kind: 'email', address }))];
  const [eventAnswer, ...guestAnswers] = await answersForRefs(db, caller.teamId, refs, now);
  // The account the package shows is the event brief's (null when it has none: "not in the CRM").
  const accountId = eventAnswer?.shown ? (eventAnswer.body.match.accountId ?? null) : null;
  const contactIds = [...new Set(guestAnswers.flatMap((answer) => (answer?.body.contact ? [answer.body.contact.id] : [])))].slice(0, MAX_KNOWN_BEST);
  const [since, known] = await Promise.all([
    accountId ? sinceLastMeeting(db, caller.teamId, accountId, new Date(meeting.start), now) : Promise.resolve<SinceLastMeeting | null>(null),
    contactIds.length > 0 ? knownBest(db.kysely, caller, contactIds, now) : Promise.resolve<KnownBest[]>([]),
  ]);
  const briefs = [eventAnswer, ...guestAnswers].map((answer) => (answer ? briefJson(answer) : 'null')).join(',');
  return `{"guests":${JSON.stringify(guests)},"briefs":[${briefs}],"since":${JSON.stringify(since)},"knownBest":${JSON.stringify(known)}}`;
}
