/**
 * Meetings (issue 13, shared/meetings.ts), any role, team-scoped:
 * - `POST /v1/meetings`: a calendar event the rep's extension saw (event id, start, conference,
 *   attendee addresses); 201 when new, 200 when the team knew it (idempotent per event and start);
 * - `GET /v1/meetings?provider=&conferenceId=`: the team's meeting on a conference (a join page's
 *   lookup), `{"meeting": null}` when none: an unknown meeting is an answer, not an error;
 *   with `&include=package`, the join page's whole package beside it (server/meetings/package.ts:
 *   the briefs of the event and its external guests, what changed, who knows whom), so a cold
 *   join page waits for one request instead of three in a row;
 * - `GET /v1/accounts/:accountId/since-last-meeting[?before=]`: what changed at the account since
 *   the last meeting logged with it before `before` (default now). Why this is its own endpoint
 *   and not part of the brief: docs/api.md;
 * - `GET /v1/contacts/known-best?ids=ct_1,ct_2`: who on the team knows each of these contacts best
 *   (the package's guest cards; server/meetings/known-best.ts says the rule).
 */
import { Hono, type TypedResponse } from 'hono';
import { z } from 'zod';
import { ConferenceProviderName, MAX_KNOWN_BEST, MeetingInput, type KnownBestAnswer, type MeetingAnswer, type MeetingLookup, type MeetingPackageAnswer, type SinceLastMeeting } from '../../shared/meetings.ts';
import type { Deps } from '../deps.ts';
import type { AppEnv } from '../http/auth.ts';
import { problem } from '../http/problem.ts';
import { jsonBody, queryOf } from '../http/validate.ts';
import { meetingByConference, recordMeeting } from '../meetings/store.ts';
import { knownBest } from '../meetings/known-best.ts';
import { meetingPackageJson } from '../meetings/package.ts';
import { sinceLastMeeting } from '../meetings/since-last-meeting.ts';

const LookupQuery = z.strictObject({ provider: ConferenceProviderName, conferenceId: z.string().trim().min(1).max(200), include: z.literal('package').optional() });
const SinceQuery = z.strictObject({ before: z.iso.datetime({ offset: true }).optional() });
const AccountParam = z.string().min(1).max(64);
/**
 * `ids`: 1 to MAX_KNOWN_BEST contact ids, comma-separated. Kept a string (split in the handler):
 * the typed client writes the parsed type into the query string, and one `ids` is what a log shows.
 */
const KnownBestQuery = z.strictObject({
  ids: z
    .string()
    .max(MAX_KNOWN_BEST * 65)
    .superRefine((value, ctx) => {
      const ids = value.split(',');
      if (ids.length > MAX_KNOWN_BEST) ctx.addIssue({ code: 'custom', message: `at most ${MAX_KNOWN_BEST} contact ids` });
      ids.forEach((id, i) => {
        const length = id.trim().length;
        if (length === 0 || length > 64) ctx.addIssue({ code: 'custom', path: [i], message: length === 0 ? 'an empty contact id' : 'a contact id is at most 64 characters' });
      });
    }),
});

/**
 * @example
 * POST /v1/meetings {"eventId":"4q8k2m9v0c1s","start":"2026-12-08T10:00:00-05:00","conference":{"provider":"zoom","id":"81234567890"},"attendees":["ana@initech.example"]}
 * → 201 {"created":true,"meeting":{"eventId":"4q8k2m9v0c1s","start":"2026-12-08T15:00:00Z",…}}
 * GET /v1/meetings?provider=zoom&conferenceId=81234567890 → 200 {"meeting":{…}}
 * GET /v1/meetings?provider=zoom&conferenceId=81234567890&include=package → 200 {"meeting":{…},"package":{"guests":[…],"briefs":[…],"since":{…},"knownBest":[…]}}
 * GET /v1/accounts/acc_1/since-last-meeting → 200 {"accountId":"acc_1","lastMeeting":{…},"since":"…","changes":[…],"questions":[…]}
 * GET /v1/contacts/known-best?ids=ct_ana → 200 {"contacts":[{"contactId":"ct_ana","teammate":{"id":"usr_1","name":"Sofia Lindqvist","you":false},"touches":4,…}]}
 */
export const meetingsRoutes = ({ db, now }: Deps) =>
  new Hono<AppEnv>()
    .post('/meetings', jsonBody(MeetingInput), async (c) => {
      const outcome = await recordMeeting(db.kysely, c.var.auth, c.req.valid('json'), now());
      if (!outcome.ok) return problem(c, 422, 'validation-error', 'The request body failed validation.', { errors: [{ field: outcome.field, message: outcome.message }] });
      const body: MeetingAnswer = { created: outcome.created, meeting: outcome.meeting };
      return c.json(body, outcome.created ? 201 : 200);
    })
    .get('/meetings', queryOf(LookupQuery), async (c) => {
      const { provider, conferenceId, include } = c.req.valid('query');
      if (include === 'package') {
        const json = await meetingPackageJson(db, c.var.auth, provider, conferenceId, now());
        // Sent as the text the briefs were spliced into (server/briefs/answer.ts); typed as what it holds.
        return c.body(json, 200, { 'content-type': 'application/json' }) as unknown as TypedResponse<MeetingPackageAnswer, 200, 'json'>;
      }
      const body: MeetingLookup = { meeting: await meetingByConference(db.kysely, c.var.auth.teamId, provider, conferenceId, now()) };
      return c.json(body);
    })
    .get('/accounts/:accountId/since-last-meeting', queryOf(SinceQuery), async (c) => {
      const accountId = c.req.param('accountId');
      if (!AccountParam.safeParse(accountId).success) return problem(c, 404, 'not-found', 'No such account.', { errors: [{ field: 'accountId', message: 'not found' }] });
      const at = now();
      const { before } = c.req.valid('query');
      const body: SinceLastMeeting | null = await sinceLastMeeting(db, c.var.auth.teamId, accountId, before ? new Date(before) : at, at);
      if (!body) return problem(c, 404, 'not-found', 'No such account.', { errors: [{ field: 'accountId', message: 'not found' }] });
      return c.json(body);
    })
    .get('/contacts/known-best', queryOf(KnownBestQuery), async (c) => {
      const { auth } = c.var;
      const ids = c.req.valid('query').ids.split(',').map((id) => id.trim());
      const body: KnownBestAnswer = { contacts: await knownBest(db.kysely, auth, ids, now()) };
      return c.json(body);
    });
