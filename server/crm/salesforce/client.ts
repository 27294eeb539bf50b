/**
 * Salesforce REST (pinned v66.0) over plain fetch: a JWT bearer grant for an access token (kept in
 * memory for the run, never stored), queries followed through `nextRecordsUrl`, and sObject
 * Collections upsert by external id. `INVALID_SESSION_ID` re-grants once, then fails the run (jsforce
 * loops on policy 401s); `REQUEST_LIMIT_EXCEEDED` ends the run; `QUERY_TIMEOUT` is the caller's to
 * handle (a smaller window); 5xx and dropped connections are retried.
 */
import { CrmCallError, CrmCaller, CrmStop, retryAfterMs, type CallEnv, type CrmResponse, type Pacing, type Verdict } from '../http.ts';
import { jwtAssertion } from './jwt.ts';

export interface SalesforceAuth {
  loginUrl: string;
  clientId: string;
  username: string;
  privateKey: string;
  apiVersion: string;
}

export type SfRecord = Record<string, unknown> & { Id: string };

const errorCode = (body: unknown) => (Array.isArray(body) ? (body[0] as { errorCode?: string } | undefined)?.errorCode : undefined);

export function classifySalesforce(response: CrmResponse): Verdict {
  const code = errorCode(response.body);
  const reason = `Salesforce ${response.status} ${code ?? ''}`.trim();
  if (response.status === 401 || code === 'INVALID_SESSION_ID') return { kind: 'reauth', reason };
  if (code === 'REQUEST_LIMIT_EXCEEDED') return { kind: 'stop', reason: 'Salesforce API allocation exhausted (REQUEST_LIMIT_EXCEEDED); the next run resumes from the cursor' };
  if (response.status >= 500) return { kind: 'retry', reason, afterMs: retryAfterMs(response.headers) };
  return { kind: 'fail', reason, status: response.status, body: response.body };
}

/** The share of the org's daily API allocation a run may use up to; past it the run stops and the next one resumes. */
export const USAGE_STOP_RATIO = 0.8;

/** `Sforce-Limit-Info: api-usage=18/100000` → { used: 18, limit: 100000 }. */
export function apiUsage(headers: Headers): { used: number; limit: number } | null {
  const match = /api-usage=(\d+)\/(\d+)/.exec(headers.get('sforce-limit-info') ?? '');
  return match ? { used: Number(match[1]), limit: Number(match[2]) } : null;
}

export const isQueryTimeout = (error: unknown) => error instanceof CrmCallError && errorCode(error.body) === 'QUERY_TIMEOUT';

export class SalesforceClient {
  readonly caller: CrmCaller;
  private session: { token: string; instanceUrl: string } | null = null;
  grants = 0;
  /** The org's API usage as its last answer said (Sforce-Limit-Info). */
  usage: { used: number; limit: number } | null = null;
  constructor(
    private readonly auth: SalesforceAuth,
    private readonly env: CallEnv,
    pacing: Pacing,
  ) {
    this.caller = new CrmCaller(
      pacing,
      env,
      classifySalesforce,
      async (request, fresh) => {
        // The org's allocation is shared with its other integrations: at 80 % this run yields, before
        // its next call (the answer in hand is still stored); the cursors resume it next run.
        if (this.usage && this.usage.limit > 0 && this.usage.used >= USAGE_STOP_RATIO * this.usage.limit) {
          throw new CrmStop(`Salesforce API usage at ${this.usage.used}/${this.usage.limit}, 80 % of the org's daily allocation; the next run resumes from the cursor`);
        }
        if (!this.session || fresh) this.session = await this.grant();
        const url = request.url.startsWith('http') ? request.url : `${this.session.instanceUrl}${request.url}`;
        return { ...request, url, headers: { ...request.headers, authorization: `Bearer ${this.session.token}`, 'content-type': 'application/json' } };
      },
      (response) => {
        this.usage = apiUsage(response.headers) ?? this.usage;
      },
    );
  }

  /** The JWT bearer grant: no refresh token; a new grant when the session ends. */
  private async grant(): Promise<{ token: string; instanceUrl: string }> {
    this.grants += 1;
    const response = await this.env.fetch(`${this.auth.loginUrl}/services/oauth2/token`, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({ grant_type: 'urn:ietf:params:oauth:grant-type:jwt-bearer', assertion: jwtAssertion(this.auth, new Date()) }).toString(),
      signal: AbortSignal.timeout(60_000),
    });
    const body = (await response.json().catch(() => ({}))) as { access_token?: string; instance_url?: string; error?: string; error_description?: string };
    if (!response.ok || !body.access_token || !body.instance_url) {
      // The error and its description name the cause (invalid_grant: "user hasn't approved this consumer"), never the key.
      throw new CrmCallError(`Salesforce refused the JWT grant: ${body.error ?? response.status} ${body.error_description ?? ''}`.trim(), response.status, null);
    }
    return { token: body.access_token, instanceUrl: body.instance_url.replace(/\/+$/, '') };
  }

  private path(rest: string) {
    return `/services/data/${this.auth.apiVersion}${rest}`;
  }

  /** Every batch of a query (`/queryAll` includes deleted rows), following `nextRecordsUrl`. */
  async *query(soql: string, { all = false } = {}): AsyncGenerator<SfRecord[]> {
    let page = await this.caller.json<{ done: boolean; nextRecordsUrl?: string; records: SfRecord[] }>({ method: 'GET', url: this.path(`/${all ? 'queryAll' : 'query'}?q=${encodeURIComponent(soql)}`) });
    yield page.records;
    while (!page.done && page.nextRecordsUrl) {
      page = await this.caller.json({ method: 'GET', url: page.nextRecordsUrl });
      yield page.records;
    }
  }

  /**
   * Upserts up to 200 records of `type` by the external-id `field` (sObject Collections,
   * allOrNone false): one result per record, in order. Safe to repeat: the external id makes a
   * second write an update of the same record.
   */
  upsertCollection(type: string, field: string, records: Array<Record<string, unknown>>) {
    return this.caller.json<Array<{ id?: string; success: boolean; created?: boolean; errors: Array<{ statusCode: string; message: string; fields?: string[] }> }>>({
      method: 'PATCH',
      url: this.path(`/composite/sobjects/${type}/${field}`),
      body: JSON.stringify({ allOrNone: false, records: records.map((r) => ({ attributes: { type }, ...r })) }),
    });
  }
}
