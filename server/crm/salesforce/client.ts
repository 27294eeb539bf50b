/**
 * Salesforce REST (pinned v66.0) over plain fetch: a JWT bearer grant for an access token (kept in
 * memory for the run, never stored), queries followed through `nextRecordsUrl`, and sObject
 * Collections upsert by external id. `INVALID_SESSION_ID` re-grants once, then fails the run (jsforce
 * loops on policy 401s); `REQUEST_LIMIT_EXCEEDED` ends the run; `QUERY_TIMEOUT` is the caller's to
 * handle (a smaller window); 5xx and dropped connections are retried.
 */
import { CrmCallError, CrmCaller, retryAfterMs, type CallEnv, type CrmResponse, type Pacing, type Verdict } from '../http.ts';
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

export const isQueryTimeout = (error: unknown) => error instanceof CrmCallError && errorCode(error.body) === 'QUERY_TIMEOUT';

export class SalesforceClient {
  readonly caller: CrmCaller;
  private session: { token: string; instanceUrl: string } | null = null;
  grants = 0;
  constructor(
    private readonly auth: SalesforceAuth,
    private readonly env: CallEnv,
    pacing: Pacing,
  ) {
    this.caller = new CrmCaller(pacing, env, classifySalesforce, async (request, fresh) => {
      if (!this.session || fresh) this.session = await this.grant();
      const url = request.url.startsWith('http') ? request.url : `${this.session.instanceUrl}${request.url}`;
      return { ...request, url, headers: { ...request.headers, authorization: `Bearer ${this.session.token}`, 'content-type': 'application/json' } };
    });
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
