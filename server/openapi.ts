/**
 * The OpenAPI 3.1 document served at `/v1/openapi.json`, generated from the same zod schemas
 * the routes validate with, so the document cannot drift from what the server accepts.
 */
import { ComposeContextAnswer, ComposeContextRequest } from '../shared/compose.ts';
import { KnownBestAnswer, MeetingAnswer, MeetingInput, MeetingLookup, MeetingPackageAnswer, SinceLastMeeting } from '../shared/meetings.ts';
import { z } from 'zod';
import { ActivitiesAnswer, ActivitiesRequest, Activity } from '../shared/activity.ts';
import { AliasAnswer, AliasRequest } from '../shared/alias.ts';
import { BriefsRequest, BriefsResponse } from '../shared/brief.ts';
import { AddContactRequest, AddContactResponse } from '../shared/contact.ts';
import { ChangesPage, DirectorySearch } from '../shared/directory.ts';
import { ResolveAnswer, ResolveRequest } from '../shared/match.ts';
import { ReviewQueue } from '../shared/review.ts';
import { Digest, SignalStateAnswer, SignalStateUpdate } from '../shared/digest.ts';
import { DriftReportsAnswer, DriftReportsRequest, DriftSummaries } from '../shared/drift.ts';
import { HealthAnswer, MeAnswer } from '../shared/server-info.ts';
import { FlagAnswer, FlagRequest, FlagsPage, ResolveFlagRequest } from '../shared/flag.ts';
import { ActivityLookupAnswer, ActivityLookupRequest, MailSetting } from '../shared/mail-policy.ts';
import { CompanyEventDelivery, IntentDelivery, WebVisitDelivery } from './ingest/webhook-schemas.ts';
import { RotateRequest, TokenRequest } from './admin/tokens.ts';
import { PROBLEM_TYPES } from './http/problem.ts';
import { SERVER_VERSION } from './version.ts';

const schema = (s: z.ZodType) => z.toJSONSchema(s, { io: 'input', unrepresentable: 'any' });
const json = (s: z.ZodType) => ({ content: { 'application/json': { schema: schema(s) } } });

const Problem = {
  type: 'object',
  required: ['type', 'title', 'status'],
  properties: {
    type: { type: 'string', enum: Object.keys(PROBLEM_TYPES).map((t) => `/problems/${t}`) },
    title: { type: 'string' },
    status: { type: 'integer' },
    detail: { type: 'string' },
    field: { type: 'string', description: 'The first field at fault' },
    errors: { type: 'array', items: { type: 'object', properties: { field: { type: 'string' }, message: { type: 'string' } } } },
  },
};
const problems = {
  '4XX': { description: 'A client error', content: { 'application/problem+json': { schema: Problem } } },
};

interface Operation {
  summary: string;
  request?: z.ZodType;
  response?: z.ZodType;
  public?: boolean;
  role?: 'manager' | 'admin';
  body?: 'csv';
}

const operations: Record<string, Record<string, Operation>> = {
  '/v1/health': { get: { summary: 'Liveness; no token needed', public: true, response: HealthAnswer } },
  '/v1/me': { get: { summary: 'The token’s user, team and the server version', response: MeAnswer } },
  '/v1/resolve': {
    post: { summary: 'Identity refs → matches, suggestions and warnings', request: ResolveRequest, response: ResolveAnswer },
  },
  '/v1/briefs': { post: { summary: 'Refs or record ids → briefs, in order; null where nothing matched', request: BriefsRequest, response: BriefsResponse } },
  '/v1/aliases': {
    post: { summary: 'Record a teammate’s correction of a match for the whole team', request: AliasRequest, response: AliasAnswer },
    get: { summary: 'The team’s aliases' },
  },
  '/v1/aliases/{id}': { delete: { summary: 'Remove an alias (your own; admins any)' } },
  '/v1/contacts': {
    post: { summary: '"Add as contact" from a page: creates the contact with where it came from (201), or answers the one the id or LinkedIn URL / email already names (200); its brief', request: AddContactRequest, response: AddContactResponse },
  },
  '/v1/flags': {
    post: { summary: 'Flag a wrong value on a contact, account or deal of the team', request: FlagRequest, response: FlagAnswer },
    get: { summary: 'Flags, newest first: a rep’s own, the team’s for managers and admins (their own with `reportedBy=me`); `status`, `limit`, `cursor`', response: FlagsPage },
  },
  '/v1/flags/{id}/resolve': {
    post: { summary: 'Accept (optionally writing the value to the record) or reject an open flag', role: 'admin', request: ResolveFlagRequest, response: FlagAnswer },
  },
  '/v1/activities': {
    post: {
      summary: 'Record up to 100 activities; idempotent by id and natural key; one result per item',
      request: ActivitiesRequest,
      response: ActivitiesAnswer,
    },
    get: { summary: 'Activities of one contact or account, newest first', response: z.object({ activities: z.array(Activity), next: z.string().nullable() }) },
  },
  '/v1/activities/lookup': {
    post: { summary: 'Which of up to 100 natural keys the team’s ledger holds, when and by whom (“already logged by Ana”)', request: ActivityLookupRequest, response: ActivityLookupAnswer },
  },
  '/v1/mail-policy': { get: { summary: 'The team’s mail policy: the never-log list (addresses and domains) and whether email bodies may be logged', response: MailSetting } },
  '/v1/accounts': { get: { summary: 'Search accounts and contacts by name, domain, email or LinkedIn URL: exact keys, then names starting with the text, then names containing it (contacts: 3 characters or more; docs/api.md, Search)', response: DirectorySearch } },
  '/v1/accounts/{id}': { get: { summary: 'An account summary' } },
  '/v1/changes': { get: { summary: 'Changes for the extension’s offline copy, erasure tombstones included', response: ChangesPage } },
  '/v1/digest': { get: { summary: "The caller's daily digest: ranked lines since the last one, alerts within the budget, two or three tasks for today", response: Digest } },
  '/v1/signals/state': { post: { summary: 'Mark a signal seen, acted on or dismissed (the caller’s own state)', request: SignalStateUpdate, response: SignalStateAnswer } },
  '/v1/meetings': {
    post: { summary: 'A calendar event the extension saw: event id, start, conference, attendee addresses (nothing else); 201 new, 200 known (per event and start)', request: MeetingInput, response: MeetingAnswer },
    get: { summary: 'The team’s meeting on a conference (`provider`, `conferenceId`), the instance nearest to now; `{meeting: null}` when none. `include=package`: a join page’s whole package beside it (`{meeting, package: {guests, briefs, since, knownBest}}`, docs/api.md)', response: z.union([MeetingLookup, MeetingPackageAnswer]) },
  },
  '/v1/accounts/{accountId}/since-last-meeting': {
    get: { summary: 'What changed at the account since the last meeting logged before `before` (default now), newest first, with two or three questions', response: SinceLastMeeting },
  },
  '/v1/contacts/known-best': {
    get: { summary: 'Who on the team knows each contact best (`ids`: 1-40, comma-separated): touches in the last 90 days, then the year, then the latest; with the touches by type and the last one', response: KnownBestAnswer },
  },
  '/v1/compose-context': {
    post: { summary: 'A Gmail compose window’s recipients (addresses and names only): each one’s contact and account, the team’s last touch, a teammate’s touch on their account within `compose.collisionDays`, two or three talking points with reasons', request: ComposeContextRequest, response: ComposeContextAnswer },
  },
  '/v1/drift-reports': {
    post: { summary: 'Tallies of page selectors that stopped matching (names, version, UTC day, count; never page content); counts add up', request: DriftReportsRequest, response: DriftReportsAnswer },
  },
  '/v1/admin/drift-reports': {
    get: { summary: 'The team’s drift reports grouped by site, selector and extension version (`site`, `since`, `limit`)', role: 'admin', response: DriftSummaries },
  },
  '/v1/review-queue': {
    get: { summary: 'The weekly review queue: dormant Tier 1 accounts and signals under threshold (scope=mine); stage moves and deals at risk for the team (scope=team, managers)', response: ReviewQueue },
  },
  '/v1/import/{entity}': {
    post: {
      summary: 'Import a CSV (accounts, contacts, deals, activities, technologies, intent, web-visits, company-events); `readmitErased=true` re-adds people erased from the team',
      role: 'admin',
      body: 'csv',
    },
  },
  '/v1/webhooks/intent': { post: { summary: 'A batch of intent scores with a delivery id (webhook token)', request: IntentDelivery } },
  '/v1/webhooks/web-visits': { post: { summary: 'A batch of web visits with a delivery id (webhook token)', request: WebVisitDelivery } },
  '/v1/webhooks/company-events': {
    post: { summary: 'A batch of company events (funding, hires, departures naming the person, acquisitions, news) with a delivery id (webhook token)', request: CompanyEventDelivery },
  },
  '/v1/admin/users': { get: { summary: 'Users of the team', role: 'manager' }, post: { summary: 'Add a user', role: 'admin' } },
  '/v1/admin/users/{id}': { patch: { summary: 'Change a user’s role or disable them', role: 'admin' } },
  '/v1/admin/users/{id}/tokens': { post: { summary: 'Issue a token (shown once); `expiresIn` (`90d`, `12h`) makes it expire', role: 'admin', request: TokenRequest } },
  '/v1/admin/tokens': { get: { summary: 'Tokens by prefix: status, last use (to 10 minutes), expiry, the token that replaced it', role: 'admin' } },
  '/v1/admin/tokens/{id}/rotate': {
    post: { summary: 'A new token (shown once) for the same user; the old one keeps working for `grace` (default 7d), then is expired', role: 'admin', request: RotateRequest },
  },
  '/v1/admin/tokens/{id}': { delete: { summary: 'Revoke a token', role: 'admin' } },
  '/v1/admin/settings/{key}': { get: { summary: 'A team setting', role: 'admin' }, put: { summary: 'Change a team setting', role: 'admin' } },
  '/v1/admin/erasures': {
    post: { summary: 'Erase a person everywhere (contact, emails, aliases, flags; their activities, events, stored digests, other flags’ text and account snapshots redacted; natural keys naming them are keyed hashes), including every rep’s cache; once committed, SQLite’s WAL is truncated and PostgreSQL’s touched tables vacuumed (docs/privacy.md)', role: 'admin' },
  },
  '/v1/admin/audit': { get: { summary: 'The audit log', role: 'admin' } },
  '/v1/admin/crm': {
    get: { summary: 'The team’s CRM connections: state, last run, cursors, errors, pending and failed write-backs; never a secret (connecting is `npm run admin -- crm-connect`)', role: 'admin' },
  },
  '/v1/admin/freshness': {
    get: { summary: 'Per source: refresh cadence, values due for refresh and stale; the most overdue values (`limit`, default 50)', role: 'admin' },
  },
};

export function openApiDocument() {
  const paths: Record<string, Record<string, unknown>> = {};
  for (const [path, methods] of Object.entries(operations)) {
    paths[path] = {};
    for (const [method, op] of Object.entries(methods)) {
      paths[path]![method] = {
        summary: op.summary,
        ...(op.role ? { description: `Requires the ${op.role} role.` } : {}),
        ...(op.public ? { security: [] } : {}),
        ...(op.request ? { requestBody: { required: true, ...json(op.request) } } : {}),
        ...(op.body === 'csv' ? { requestBody: { required: true, content: { 'text/csv': { schema: { type: 'string' } } } } } : {}),
        responses: { '200': { description: 'OK', ...(op.response ? json(op.response) : {}) }, ...problems },
      };
    }
  }
  return {
    openapi: '3.1.0',
    info: { title: 'Signalhouse API', version: SERVER_VERSION },
    components: { securitySchemes: { bearer: { type: 'http', scheme: 'bearer', description: 'An API token, `shk_…`' } } },
    security: [{ bearer: [] }],
    paths,
  };
}
