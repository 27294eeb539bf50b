/**
 * The background's typed client for the Signalhouse server: `hc<AppType>` (paths and bodies typed
 * from the server's routes; `AppType` is imported as a type only, so no server code is bundled),
 * every answer parsed with the shared zod schemas, every failure a `Result` with a kind the UI can
 * explain: `offline`, `unauthorized`, `rejected` (with the problem's field), `server`.
 *
 * Background only: it holds the token.
 *
 * @example
 * const api = createApi({ serverUrl: 'http://127.0.0.1:8787', token });
 * const me = await api.me(); // { ok: true, value: { user, team, serverVersion } }
 */
import { AddContactResponse, type AddContactRequest } from '../../../shared/contact.ts';
import { hc } from 'hono/client';
import { z } from 'zod';
import { ActivityLookupAnswer, MailSetting } from '../../../shared/mail-policy.ts';
import { ComposeContextAnswer } from '../../../shared/compose.ts';
import type { AppType } from '../../../server/app.ts';
import { ActivitiesAnswer, type ActivityInput } from '../../../shared/activity.ts';
import { BriefsResponse, type BriefRef } from '../../../shared/brief.ts';
import { Digest, type SignalStateUpdate } from '../../../shared/digest.ts';
import type { DriftReportsRequest } from '../../../shared/drift.ts';
import { ChangesPage, DirectorySearch } from '../../../shared/directory.ts';
import { FlagAnswer, FlagsPage, type FlagRequest } from '../../../shared/flag.ts';
import type { EmailRef, IdentityRef } from '../../../shared/refs.ts';
import { KnownBestAnswer, MeetingAnswer, MeetingLookup, MeetingPackageAnswer, SinceLastMeeting, type ConferenceId, type MeetingInput } from '../../../shared/meetings.ts';
import { ReviewQueue, type ReviewScope } from '../../../shared/review.ts';
import { HealthAnswer, MeAnswer } from '../../../shared/server-info.ts';
import { fail, ok, RecordAliasAnswer, ResolveAnswer, SignalStateAnswer, type ProblemInfo, type RecordAliasPayload, type Result } from '../protocol.ts';

// The answers' schemas are the server's own (shared/); re-exported for the extension's importers.
export { ActivitiesAnswer, HealthAnswer, MeAnswer };

/** RFC 9457 problem details, as the server writes them; unknown extras are tolerated. */
const ProblemBody = z.looseObject({
  type: z.string(),
  title: z.string(),
  status: z.number().optional(),
  detail: z.string().optional(),
  field: z.string().optional(),
  /** `token-expired`: when the token expired (either name is read; unreadable dates are dropped). */
  expiredAt: z.iso.datetime({ offset: true }).optional().catch(undefined),
  expiresAt: z.iso.datetime({ offset: true }).optional().catch(undefined),
});

/** The problem type of a 401 for a token past its expiry (`/problems/token-expired`, or a full URI ending so). */
const TOKEN_EXPIRED = /(^|[/#:])token-expired$/;

export interface ApiOptions {
  serverUrl: string;
  /** Omitted for the unauthenticated health check. */
  token?: string;
  /** Tests pass one that calls `app.request`; the service worker uses the global fetch. */
  fetch?: typeof fetch;
  /** A server that has not answered by then counts as offline. */
  timeoutMs?: number;
  /**
   * Told the outcome of every request (null: the server answered and accepted the token), so the
   * connection can follow its state (offline, token refused or expired) from ordinary traffic.
   */
  onOutcome?: (problem: ProblemInfo | null) => void;
}

export type Api = ReturnType<typeof createApi>;

/**
 * A client bound to one server and token.
 *
 * @example
 * const answer = await createApi({ serverUrl, token }).briefs([{ kind: 'linkedin', profileUrl }]);
 * if (!answer.ok && answer.error.kind === 'offline') showCached();
 */
export function createApi({ serverUrl, token, fetch: baseFetch, timeoutMs = 10_000, onOutcome }: ApiOptions) {
  // A bare `fetch` reference called unbound throws "Illegal invocation" in a service worker.
  const send = baseFetch ?? ((input: RequestInfo | URL, init?: RequestInit) => globalThis.fetch(input, init));
  const client = hc<AppType>(serverUrl, {
    fetch: ((input: RequestInfo | URL, init?: RequestInit) =>
      send(input, { ...init, signal: init?.signal ?? AbortSignal.timeout(timeoutMs) })) as typeof fetch,
    headers: (): Record<string, string> => (token ? { authorization: `Bearer ${token}` } : {}),
  });

  const observed = onOutcome
    ? async <T>(request: () => Promise<Response>, schema: z.ZodType<T>): Promise<Result<T>> => {
        const answer = await call(request, schema);
        onOutcome(answer.ok ? null : answer.error);
        return answer;
      }
    : call;

  return {
    health: () => observed(() => client.v1.health.$get(), HealthAnswer),
    me: () => observed(() => client.v1.me.$get(), MeAnswer),
    briefs: (refs: BriefRef[]) => observed(() => client.v1.briefs.$post({ json: { refs } }), BriefsResponse),
    resolve: (refs: IdentityRef[]) => observed(() => client.v1.resolve.$post({ json: { refs } }), ResolveAnswer),
    recordActivities: (activities: ActivityInput[]) => observed(() => client.v1.activities.$post({ json: { activities } }), ActivitiesAnswer),
    /** Which natural keys the team's ledger holds, and who logged them (Gmail's "already logged by"). */
    lookupActivities: (naturalKeys: string[]) => observed(() => client.v1.activities.lookup.$post({ json: { naturalKeys } }), ActivityLookupAnswer),
    /** A compose window's recipients: who they are, the team's last touch, collisions, talking points. */
    composeContext: (recipients: EmailRef[]) => observed(() => client.v1['compose-context'].$post({ json: { recipients } }), ComposeContextAnswer),
    /** The team's never-log list and whether email bodies may be logged. */
    mailPolicy: () => observed(() => client.v1['mail-policy'].$get(), MailSetting),
    searchDirectory: (q: string, limit?: number) =>
      // The route types `limit` by its parsed value; hc writes it into the query string.
      observed(() => client.v1.accounts.$get({ query: limit === undefined ? { q } : { q, limit } }), DirectorySearch),
    /** One page of what the offline copy must forget after `since` (tombstones), at most `limit`; see changes.ts. */
    changes: (since: number, limit?: number) =>
      observed(() => client.v1.changes.$get({ query: limit === undefined ? { since: String(since) } : { since: String(since), limit } }), ChangesPage),
    // Corrections
    recordAlias: (alias: RecordAliasPayload) => observed(() => client.v1.aliases.$post({ json: alias }), RecordAliasAnswer),
    flag: (flag: FlagRequest) => observed(() => client.v1.flags.$post({ json: flag }), FlagAnswer),
    /** "Add as contact": 201 created or 200 already there, both with the contact's brief. */
    addContact: (request: AddContactRequest) => observed(() => client.v1.contacts.$post({ json: request }), AddContactResponse),
    /** The newest `limit` flags this user reported (whatever their role). */
    myFlags: (limit: number) => observed(() => client.v1.flags.$get({ query: { limit: String(limit), reportedBy: 'me' } }), FlagsPage),
    // Today
    digest: () => observed(() => client.v1.digest.$get({ query: {} }), Digest),
    reviewQueue: (scope?: ReviewScope, limit?: number) =>
      observed(() => client.v1['review-queue'].$get({ query: { ...(scope ? { scope } : {}), ...(limit !== undefined ? { limit } : {}) } }), ReviewQueue),
    setSignalState: (update: SignalStateUpdate) => observed(() => client.v1.signals.state.$post({ json: update }), SignalStateAnswer),
    // Meetings (issue 13)
    recordMeeting: (meeting: MeetingInput) => observed(() => client.v1.meetings.$post({ json: meeting }), MeetingAnswer),
    findMeeting: ({ provider, id }: ConferenceId) => observed(() => client.v1.meetings.$get({ query: { provider, conferenceId: id } }), MeetingLookup),
    /** A join page's whole package in one request: the meeting, its briefs, what changed, who knows whom. */
    meetingPackage: ({ provider, id }: ConferenceId) => observed(() => client.v1.meetings.$get({ query: { provider, conferenceId: id, include: 'package' } }), MeetingPackageAnswer),
    sinceLastMeeting: (accountId: string, before?: string) =>
      observed(() => client.v1.accounts[':accountId']['since-last-meeting'].$get({ param: { accountId }, query: before ? { before } : {} }), SinceLastMeeting),
    /** Who on the team knows each of these contacts best (the package's guest cards). */
    knownBest: (contactIds: string[]) => observed(() => client.v1.contacts['known-best'].$get({ query: { ids: contactIds.join(',') } }), KnownBestAnswer),
    /**
     * Censored selector-drift reports (shared/drift.ts). Written without the typed client: the
     * route is the server's newest, and an older server's 404 is just a failed send (kept for later).
     * Any 2xx is success, with or without a body.
     */
    driftReports: (request: DriftReportsRequest) =>
      observed(
        () =>
          send(`${serverUrl.replace(/\/+$/, '')}/v1/drift-reports`, {
            method: 'POST',
            headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) },
            body: JSON.stringify(request),
            signal: AbortSignal.timeout(timeoutMs),
          }).then((res) => (res.ok ? new Response('null', { status: 200 }) : res)),
        z.unknown(),
      ),
  };
}

/**
 * Runs one request and reads its answer: network failure → `offline`, 401 → `unauthorized` (or
 * `token_expired` for the problem type `token-expired`, with its date when the server gave one),
 * another 4xx → `rejected` (with the problem's field), 5xx or an unreadable body → `server`.
 */
export async function call<T>(request: () => Promise<Response>, schema: z.ZodType<T>): Promise<Result<T>> {
  let res: Response;
  try {
    res = await request();
  } catch {
    // fetch rejects without a status for DNS, refused connections, timeouts and CORS refusals alike.
    return fail('offline', 'The server could not be reached.');
  }
  if (!res.ok) return problemOf(res);
  let body: unknown;
  try {
    body = await res.json();
  } catch {
    return fail('server', 'The server answered something that is not JSON.', { status: res.status });
  }
  const parsed = schema.safeParse(body);
  if (!parsed.success) return fail('server', 'The server answered in a shape this extension does not know (a version mismatch?).', { status: res.status });
  return ok(parsed.data);
}

async function problemOf(res: Response): Promise<Result<never>> {
  const status = res.status;
  let problem: z.infer<typeof ProblemBody> | undefined;
  if (/json/i.test(res.headers.get('content-type') ?? '')) {
    const parsed = ProblemBody.safeParse(await res.json().catch(() => undefined));
    if (parsed.success) problem = parsed.data;
  }
  const message = problem?.detail ?? problem?.title ?? `The server answered ${status}.`;
  if (status === 401 && problem && TOKEN_EXPIRED.test(problem.type)) {
    const expiredAt = problem.expiredAt ?? problem.expiresAt;
    return fail('token_expired', 'The token has expired.', { status, ...(expiredAt ? { expiredAt } : {}) });
  }
  if (status === 401) return fail('unauthorized', 'The token was not accepted (wrong or revoked).', { status });
  if (status >= 500) return fail('server', message, { status });
  return fail('rejected', message, { status, ...(problem?.field ? { field: problem.field } : {}) });
}
