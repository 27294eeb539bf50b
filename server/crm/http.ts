/**
 * Calling a CRM: paced under its limits, retried with jittered backoff on what is worth retrying
 * (429, 423, 5xx, a dropped connection), honouring `Retry-After`, and failing the run on what is not
 * (a daily cap, a 4xx). The provider decides what an answer means (`classify`); this decides when
 * to try again. Sleep and randomness are injected so tests and the seeded fault run go fast and
 * replay exactly.
 */

export type Verdict =
  /** Worth another try after a pause (the answer's Retry-After, in ms, when it gave one). */
  | { kind: 'retry'; reason: string; afterMs?: number }
  /** Ends the run: a daily cap, an allocation spent; the next run resumes from the cursor. */
  | { kind: 'stop'; reason: string }
  /** The session is no longer valid: re-authenticate once, then fail. */
  | { kind: 'reauth'; reason: string }
  /** A mistake on our side or a refusal: fails this call; the caller decides about the run. */
  | { kind: 'fail'; reason: string; status: number; body: unknown };

export class CrmStop extends Error {
  override name = 'CrmStop';
}
export class CrmCallError extends Error {
  override name = 'CrmCallError';
  constructor(
    message: string,
    readonly status: number,
    readonly body: unknown,
  ) {
    super(message);
  }
}
/** A call whose outcome is unknown: the request may have been applied (the connection dropped, a 5xx after retries). */
export class CrmUnknownOutcome extends Error {
  override name = 'CrmUnknownOutcome';
}

export interface Pacing {
  /** The least time between two requests, in ms (half the CRM's limit: docs/crm.md). */
  minIntervalMs: number;
  /** Tries per call, the first included. */
  tries: number;
  baseBackoffMs: number;
  maxBackoffMs: number;
}

export interface CallEnv {
  sleep(ms: number): Promise<void>;
  /** [0, 1): jitter. */
  random(): number;
  fetch: typeof fetch;
}

export const realCallEnv: CallEnv = {
  sleep: (ms) => new Promise((resolve) => setTimeout(resolve, ms)),
  random: Math.random,
  fetch: (...args) => fetch(...args),
};

export interface CrmRequest {
  method: string;
  url: string;
  headers?: Record<string, string>;
  body?: string;
}

export interface CrmResponse {
  status: number;
  headers: Headers;
  body: unknown;
}

/** One paced, retrying caller per run; `classify` turns a non-2xx answer into a verdict. */
export class CrmCaller {
  private last = 0;
  calls = 0;
  constructor(
    private readonly pacing: Pacing,
    private readonly env: CallEnv,
    private readonly classify: (response: CrmResponse) => Verdict,
    private readonly authorize: (request: CrmRequest, fresh: boolean) => Promise<CrmRequest>,
    /** Sees every answer, whatever its status (Salesforce's usage header rides on each). */
    private readonly observe: (response: CrmResponse) => void = () => {},
  ) {}

  private async pace() {
    const wait = this.last + this.pacing.minIntervalMs - Date.now();
    if (wait > 0) await this.env.sleep(wait);
    this.last = Date.now();
  }

  private backoff(attempt: number, afterMs?: number) {
    const exp = Math.min(this.pacing.maxBackoffMs, this.pacing.baseBackoffMs * 2 ** attempt);
    const jittered = exp / 2 + this.env.random() * (exp / 2);
    return Math.max(afterMs ?? 0, jittered);
  }

  /**
   * Sends one request. `unsafe` marks a write: a dropped connection or a 5xx after it may have
   * been applied, so it is not blindly retried; the caller hears `CrmUnknownOutcome` and checks.
   */
  async send(request: CrmRequest, { unsafe = false } = {}): Promise<CrmResponse> {
    let reauthed = false;
    let fresh = false;
    for (let attempt = 0; ; attempt += 1) {
      await this.pace();
      this.calls += 1;
      const authorized = await this.authorize(request, fresh);
      fresh = false;
      let response: CrmResponse;
      try {
        const raw = await this.env.fetch(authorized.url, { method: authorized.method, headers: authorized.headers, body: authorized.body, signal: AbortSignal.timeout(60_000) });
        const text = await raw.text();
        let body: unknown = text;
        try {
          body = text ? JSON.parse(text) : null;
        } catch {
          // Not JSON (a proxy's HTML page): kept as text for the error.
        }
        response = { status: raw.status, headers: raw.headers, body };
        this.observe(response);
      } catch (error) {
        if (unsafe) throw new CrmUnknownOutcome(`connection lost during ${request.method} (${(error as Error).message})`);
        if (attempt + 1 >= this.pacing.tries) throw new CrmCallError(`connection failed ${this.pacing.tries} times: ${(error as Error).message}`, 0, null);
        await this.env.sleep(this.backoff(attempt));
        continue;
      }
      if (response.status < 300) return response;
      const verdict = this.classify(response);
      if (verdict.kind === 'stop') throw new CrmStop(verdict.reason);
      if (verdict.kind === 'fail') throw new CrmCallError(verdict.reason, verdict.status, verdict.body);
      if (verdict.kind === 'reauth') {
        // Once: a session that expired mid-run gets a new grant; a second refusal is a policy, not an expiry.
        if (reauthed) throw new CrmCallError(`authentication refused again after re-authenticating: ${verdict.reason}`, response.status, response.body);
        reauthed = true;
        fresh = true;
        attempt -= 1;
        continue;
      }
      if (unsafe && response.status >= 500) throw new CrmUnknownOutcome(`${response.status} during ${request.method}: ${verdict.reason}`);
      if (attempt + 1 >= this.pacing.tries) throw new CrmCallError(`gave up after ${this.pacing.tries} tries: ${verdict.reason}`, response.status, response.body);
      await this.env.sleep(this.backoff(attempt, verdict.afterMs));
    }
  }

  async json<T>(request: CrmRequest, options?: { unsafe?: boolean }): Promise<T> {
    return (await this.send(request, options)).body as T;
  }
}

/** `Retry-After` in ms (seconds or an HTTP date), or undefined. */
export function retryAfterMs(headers: Headers): number | undefined {
  const value = headers.get('retry-after');
  if (!value) return undefined;
  const seconds = Number(value);
  if (Number.isFinite(seconds)) return seconds * 1000;
  const at = Date.parse(value);
  return Number.isNaN(at) ? undefined : Math.max(0, at - Date.now());
}
