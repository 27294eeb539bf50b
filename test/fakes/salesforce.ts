/**
 * A local Salesforce (REST v66.0): the OAuth 2.0 JWT bearer token endpoint (verifying the RS256
 * assertion's signature, issuer, subject, audience and expiry), query/queryAll/queryMore over a
 * small SOQL subset (`SELECT f, … FROM T [WHERE a op v AND …] [ORDER BY …]`), sObject upsert by
 * external id, and sObject Collections upsert. Errors in Salesforce's shapes: 401
 * `INVALID_SESSION_ID` once tokens are expired (`expireSessions()`), 403 `REQUEST_LIMIT_EXCEEDED`
 * past the daily allocation, 400 `QUERY_TIMEOUT` for a query matching more than
 * `timeoutAboveRows` rows; `Sforce-Limit-Info` on every answer. Fault injection through `faults`.
 *
 * @example
 * const sf = await startSalesforce({ clientId: 'cid', username: 'sync@acme.test', publicKey });
 * sf.put('Account', { Name: 'Acme', Website: 'acme.test' });
 */
import crypto from 'node:crypto';
import { Hono, type Context } from 'hono';
import { FaultBox, listen, type FakeEnv, type Listening } from './faults.ts';
import type { SyntheticTable } from './salesforce-synthetic.ts';

export type SfRecord = Record<string, unknown> & { Id: string; SystemModstamp: string; IsDeleted: boolean };

export interface SalesforceOptions {
  clientId: string;
  username: string;
  publicKey: crypto.KeyObject | string;
  now?: () => Date;
  /** Records per query batch (Salesforce: up to 2,000). */
  batchSize?: number;
  /** API requests allowed before REQUEST_LIMIT_EXCEEDED (0: unlimited). */
  dailyLimit?: number;
  /** A query matching more rows than this times out, as a wide window over a big table does (0: never). */
  timeoutAboveRows?: number;
  /** Fields with External ID + Unique, per sObject. */
  externalIds?: Record<string, string[]>;
  /**
   * Generated tables (./salesforce-synthetic.ts) standing in for an sObject's stored records:
   * served lazily in SystemModstamp order; a record `put` later (a change) hides its generated
   * version. Queries on them may filter only on SystemModstamp ranges and `Id IN (…)`.
   */
  synthetic?: Record<string, SyntheticTable>;
}

const PREFIX: Record<string, string> = { Account: '001', Contact: '003', Opportunity: '006', Task: '00T', Event: '00U', User: '005' };

type Condition = { field: string; op: string; value: string | number | boolean | null };

export class SalesforceFake {
  readonly faults = new FaultBox();
  readonly records = new Map<string, Map<string, SfRecord>>(Object.keys(PREFIX).map((t) => [t, new Map()]));
  readonly app = new Hono<FakeEnv>();
  private sessions = new Set<string>();
  private cursors = new Map<string, SfRecord[]>();
  /** Synthetic queries' positions by `<locator>-<offset>`: the next generated index and stored-record index. */
  private lazyCursors = new Map<string, { type: string; fields: string[]; k: number; end: number; extra: SfRecord[]; e: number }>();
  private counter = 0;
  apiUsage = 0;
  /** How many JWT grants were made (a re-authentication shows here). */
  grants = 0;
  constructor(readonly options: SalesforceOptions) {
    this.build();
  }
  now = () => (this.options.now ?? (() => new Date()))();

  private newId(type: string) {
    this.counter += 1;
    const base = `${PREFIX[type]}RO0000${String(this.counter).padStart(6, '0')}`;
    return `${base}AAA`.slice(0, 18).padEnd(18, 'A');
  }
  /** Creates or changes a record as a Salesforce user would. */
  put(type: string, fields: Record<string, unknown>, id?: string): SfRecord {
    const store = this.records.get(type)!;
    const existing = id ? store.get(id) : undefined;
    const at = this.now().toISOString().replace('Z', '+0000');
    const record: SfRecord = { ...(existing ?? { Id: id ?? this.newId(type), IsDeleted: false, CreatedDate: at }), ...fields, SystemModstamp: at, LastModifiedDate: at } as SfRecord;
    record.IsDeleted = false;
    store.set(record.Id, record);
    return record;
  }
  remove(type: string, id: string) {
    const record = this.records.get(type)!.get(id);
    if (record) Object.assign(record, { IsDeleted: true, SystemModstamp: this.now().toISOString().replace('Z', '+0000') });
  }
  all(type: string): SfRecord[] {
    return [...this.records.get(type)!.values()].filter((r) => !r.IsDeleted);
  }
  /** Every access token stops working: the next call answers INVALID_SESSION_ID. */
  expireSessions() {
    this.sessions.clear();
  }

  private errors(c: Context, status: number, errorCode: string, message: string) {
    return c.json([{ message, errorCode }], status as 400);
  }

  private build() {
    const app = this.app;
    app.use('*', this.faults.middleware());
    app.post('/services/oauth2/token', async (c) => {
      const form = await c.req.parseBody();
      if (form.grant_type !== 'urn:ietf:params:oauth:grant-type:jwt-bearer' || typeof form.assertion !== 'string') {
        return c.json({ error: 'unsupported_grant_type', error_description: 'grant type not supported' }, 400);
      }
      const failure = this.checkAssertion(form.assertion, new URL(c.req.url).origin);
      if (failure) return c.json({ error: 'invalid_grant', error_description: failure }, 400);
      const token = `00D${crypto.randomBytes(12).toString('hex')}!${crypto.randomBytes(24).toString('base64url')}`;
      this.sessions.add(token);
      this.grants += 1;
      return c.json({ access_token: token, instance_url: new URL(c.req.url).origin, id: `${new URL(c.req.url).origin}/id/00D/005`, token_type: 'Bearer', scope: 'api', issued_at: String(Date.now()) });
    });
    app.use('/services/data/*', async (c, next) => {
      const auth = c.req.header('authorization') ?? '';
      if (!auth.startsWith('Bearer ') || !this.sessions.has(auth.slice(7))) return this.errors(c, 401, 'INVALID_SESSION_ID', 'Session expired or invalid');
      const limit = this.options.dailyLimit ?? 0;
      if (limit && this.apiUsage >= limit) return this.errors(c, 403, 'REQUEST_LIMIT_EXCEEDED', `TotalRequests Limit exceeded.`);
      this.apiUsage += 1;
      c.header('Sforce-Limit-Info', `api-usage=${this.apiUsage}/${limit || 100000}`);
      await next();
    });
    const query = (all: boolean) => (c: Context) => {
      const q = c.req.query('q');
      if (!q) return this.errors(c, 400, 'MALFORMED_QUERY', 'q is required');
      let parsed;
      try {
        parsed = parseSoql(q);
      } catch (error) {
        return this.errors(c, 400, 'MALFORMED_QUERY', (error as Error).message);
      }
      const store = this.records.get(parsed.from);
      if (!store) return this.errors(c, 400, 'INVALID_TYPE', `sObject type '${parsed.from}' is not supported.`);
      if (this.options.synthetic?.[parsed.from]) return this.lazyQuery(c, parsed, all);
      const rows = [...store.values()]
        .filter((r) => (all || !r.IsDeleted) && parsed.where.every((cond) => test(r, cond)))
        .sort((a, b) => Date.parse(a.SystemModstamp) - Date.parse(b.SystemModstamp) || a.Id.localeCompare(b.Id))
        .map((r) => project(parsed.from, r, parsed.fields));
      if (this.options.timeoutAboveRows && rows.length > this.options.timeoutAboveRows) {
        return this.errors(c, 400, 'QUERY_TIMEOUT', 'Your query request was running for too long.');
      }
      return this.page(c, rows, crypto.randomBytes(6).toString('hex'), 0);
    };
    app.get('/services/data/:v/query', query(false));
    app.get('/services/data/:v/queryAll', query(true));
    app.get('/services/data/:v/query/:locator', (c) => {
      const [id, offset] = c.req.param('locator').split('-');
      if (this.lazyCursors.has(c.req.param('locator'))) return this.lazyPage(c, id!, Number(offset));
      const rows = this.cursors.get(id!);
      if (!rows) return this.errors(c, 400, 'INVALID_QUERY_LOCATOR', 'invalid query locator');
      return this.page(c, rows, id!, Number(offset));
    });
    app.patch('/services/data/:v/sobjects/:type/:field/:value', async (c) => {
      const { type, field, value } = c.req.param();
      if (!this.externalIdField(type, field)) return this.errors(c, 404, 'NOT_FOUND', `Provided external ID field does not exist or is not accessible: ${field}`);
      const body = (await c.req.json()) as Record<string, unknown>;
      const outcome = this.upsert(type, field, { ...body, [field]: value });
      if (!outcome.success) return c.json(outcome.errors.map((e) => ({ message: e.message, errorCode: e.statusCode, fields: e.fields })), 400);
      return c.json({ id: outcome.id, success: true, errors: [], created: outcome.created }, outcome.created ? 201 : 200);
    });
    app.patch('/services/data/:v/composite/sobjects/:type/:field', async (c) => {
      const { type, field } = c.req.param();
      if (!this.externalIdField(type, field)) return this.errors(c, 404, 'NOT_FOUND', `Provided external ID field does not exist or is not accessible: ${field}`);
      const body = (await c.req.json()) as { allOrNone?: boolean; records: Array<Record<string, unknown>> };
      if (body.records.length > 200) return this.errors(c, 400, 'EXCEEDED_ID_LIMIT', 'record limit reached. cannot submit more than 200 records into this call');
      return c.json(body.records.map(({ attributes: _a, ...record }) => this.upsert(type, field, record)));
    });
  }

  private externalIdField(type: string, field: string) {
    return this.records.has(type) && (this.options.externalIds?.[type] ?? []).includes(field);
  }

  /** One upsert by external id, with Task/Event reference checks (WhoId, WhatId) as Salesforce makes them. */
  private upsert(type: string, field: string, record: Record<string, unknown>) {
    for (const ref of ['WhoId', 'WhatId', 'AccountId']) {
      const id = record[ref];
      if (typeof id !== 'string') continue;
      const target = Object.entries(PREFIX).find(([, p]) => id.startsWith(p))?.[0];
      if (!target || !this.exists(target, id)) {
        return { success: false as const, errors: [{ statusCode: 'INVALID_CROSS_REFERENCE_KEY', message: `invalid cross reference id`, fields: [ref] }] };
      }
    }
    const matches = this.all(type).filter((r) => r[field] === record[field]);
    if (matches.length > 1) return { success: false as const, errors: [{ statusCode: 'DUPLICATE_EXTERNAL_ID', message: 'more than one record found for external id', fields: [field] }] };
    const existing = matches[0];
    const saved = this.put(type, record, existing?.Id);
    return { id: saved.Id, success: true as const, errors: [], created: !existing };
  }

  /** A live record of `type` with this Id, stored or generated. */
  exists(type: string, id: string): boolean {
    const stored = this.records.get(type)?.get(id);
    if (stored) return !stored.IsDeleted;
    return (this.options.synthetic?.[type]?.indexOf(id) ?? -1) >= 0;
  }

  /**
   * A query over a generated table: its records in the window (those changed since hidden), then
   * the stored (changed) records that match, a batch at a time; nothing is listed up front.
   */
  private lazyQuery(c: Context, parsed: { fields: string[]; from: string; where: Condition[] }, all: boolean) {
    const table = this.options.synthetic![parsed.from]!;
    let k = 0;
    let end = table.count;
    const ids: string[] = [];
    for (const cond of parsed.where) {
      if (cond.field === 'SystemModstamp' && typeof cond.value === 'string') {
        const ms = Date.parse(cond.value);
        if (cond.op === '>=') k = Math.max(k, table.firstAtOrAfter(ms));
        else if (cond.op === '>') k = Math.max(k, table.firstAtOrAfter(ms + 1000));
        else if (cond.op === '<') end = Math.min(end, table.firstAtOrAfter(ms));
        else if (cond.op === '<=') end = Math.min(end, table.firstAtOrAfter(ms + 1000));
        else return this.errors(c, 400, 'MALFORMED_QUERY', 'the synthetic table filters SystemModstamp by range only');
      } else if (cond.field === 'Id' && cond.op === 'IN') ids.push(...String(cond.value).split(','));
      else return this.errors(c, 400, 'MALFORMED_QUERY', `the synthetic table cannot filter on ${cond.field}`);
    }
    const extra = [...this.records.get(parsed.from)!.values()]
      .filter((r) => (all || !r.IsDeleted) && parsed.where.every((cond) => test(r, cond)))
      .sort((a, b) => Date.parse(a.SystemModstamp) - Date.parse(b.SystemModstamp) || a.Id.localeCompare(b.Id));
    const locator = crypto.randomBytes(6).toString('hex');
    if (ids.length) {
      // By id: the few generated ones asked for (and not changed since), then the stored ones.
      const stored = this.records.get(parsed.from)!;
      const rows = ids.map((id) => table.indexOf(id)).filter((i) => i >= 0 && !stored.has(table.at(i).Id)).map((i) => table.at(i));
      return this.page(c, [...rows, ...extra].map((r) => project(parsed.from, r as SfRecord, parsed.fields)), locator, 0);
    }
    this.lazyCursors.set(`${locator}-0`, { type: parsed.from, fields: parsed.fields, k, end, extra, e: 0 });
    return this.lazyPage(c, locator, 0);
  }

  private lazyPage(c: Context, locator: string, offset: number) {
    const state = this.lazyCursors.get(`${locator}-${offset}`)!;
    const table = this.options.synthetic![state.type]!;
    const stored = this.records.get(state.type)!;
    const size = this.options.batchSize ?? 2000;
    const batch: Record<string, unknown>[] = [];
    let { k, e } = state;
    while (batch.length < size && k < state.end) {
      const record = table.at(k++);
      if (!stored.has(record.Id)) batch.push(project(state.type, record, state.fields));
    }
    while (batch.length < size && e < state.extra.length) batch.push(project(state.type, state.extra[e++]!, state.fields));
    const done = k >= state.end && e >= state.extra.length;
    const next = offset + batch.length;
    // Kept by offset, so a page asked again (a retry) is served again.
    if (!done) this.lazyCursors.set(`${locator}-${next}`, { ...state, k, e });
    const total = state.end - state.k + state.extra.length;
    return c.json({ totalSize: total, done, ...(done ? {} : { nextRecordsUrl: `/services/data/v66.0/query/${locator}-${next}` }), records: batch });
  }

  private page(c: Context, rows: Record<string, unknown>[], locator: string, offset: number) {
    const size = this.options.batchSize ?? 2000;
    const batch = rows.slice(offset, offset + size);
    const done = offset + size >= rows.length;
    if (!done) this.cursors.set(locator, rows as SfRecord[]);
    return c.json({ totalSize: rows.length, done, ...(done ? {} : { nextRecordsUrl: `/services/data/v66.0/query/${locator}-${offset + size}` }), records: batch });
  }

  private checkAssertion(assertion: string, origin: string): string | null {
    const [h, p, s] = assertion.split('.');
    if (!h || !p || !s) return 'invalid assertion';
    const header = JSON.parse(Buffer.from(h, 'base64url').toString()) as { alg?: string };
    if (header.alg !== 'RS256') return 'invalid assertion: alg';
    const ok = crypto.verify('RSA-SHA256', Buffer.from(`${h}.${p}`), this.options.publicKey, Buffer.from(s, 'base64url'));
    if (!ok) return 'invalid assertion: signature';
    const claims = JSON.parse(Buffer.from(p, 'base64url').toString()) as { iss?: string; sub?: string; aud?: string; exp?: number };
    if (claims.iss !== this.options.clientId) return 'invalid client credentials';
    if (claims.sub !== this.options.username) return 'user hasn\'t approved this consumer';
    if (claims.aud?.replace(/\/$/, '') !== origin) return 'audience is invalid';
    // The assertion is signed by the real clock, as an org checks it, whatever the records' clock says.
    const nowSeconds = Date.now() / 1000;
    if (!claims.exp || claims.exp < nowSeconds || claims.exp > nowSeconds + 300) return 'expired authorization code';
    return null;
  }

  listening?: Listening;
  get url() {
    return this.listening!.url;
  }
  close() {
    return this.listening?.close() ?? Promise.resolve();
  }
}

function parseSoql(q: string): { fields: string[]; from: string; where: Condition[] } {
  const match = /^SELECT\s+(.+?)\s+FROM\s+(\w+)(?:\s+WHERE\s+(.+?))?(?:\s+ORDER BY\s+.+?)?(?:\s+LIMIT\s+\d+)?$/i.exec(q.trim());
  if (!match) throw new Error(`unexpected token in query: ${q.slice(0, 40)}`);
  const fields = match[1]!.split(',').map((f) => f.trim());
  const where = (match[3] ?? '')
    .split(/\s+AND\s+/i)
    .filter(Boolean)
    .map((part) => {
      const inList = /^(\w+)\s+IN\s*\((.*)\)$/i.exec(part.trim());
      if (inList) return { field: inList[1]!, op: 'IN', value: inList[2]!.split(',').map((v) => v.trim().replace(/^'|'$/g, '')).join(',') };
      const m = /^(\w+)\s*(>=|<=|!=|=|>|<)\s*(.+)$/.exec(part.trim());
      if (!m) throw new Error(`unexpected condition: ${part}`);
      const raw = m[3]!.trim();
      const value = raw === 'true' ? true : raw === 'false' ? false : raw === 'null' ? null : raw.startsWith("'") ? raw.slice(1, -1) : raw;
      return { field: m[1]!, op: m[2]!, value };
    });
  return { fields, from: match[2]!, where };
}

function compare(left: unknown, right: unknown): number {
  const l = typeof left === 'string' ? Date.parse(left) : NaN;
  const r = typeof right === 'string' ? Date.parse(right) : NaN;
  if (!Number.isNaN(l) && !Number.isNaN(r) && /\d{4}-\d{2}-\d{2}T/.test(String(right))) return l - r;
  return String(left ?? '').localeCompare(String(right ?? ''));
}

function test(record: SfRecord, cond: Condition): boolean {
  const value = record[cond.field];
  if (cond.op === 'IN') return String(cond.value).split(',').includes(String(value));
  if (cond.op === '=' && (typeof cond.value === 'boolean' || cond.value === null)) return (value ?? null) === cond.value;
  const diff = compare(value, cond.value);
  return { '>=': diff >= 0, '>': diff > 0, '<=': diff <= 0, '<': diff < 0, '=': diff === 0, '!=': diff !== 0 }[cond.op] ?? false;
}

function project(type: string, record: SfRecord, fields: string[]) {
  const out: Record<string, unknown> = { attributes: { type, url: `/services/data/v66.0/sobjects/${type}/${record.Id}` } };
  for (const f of fields) out[f] = record[f] ?? null;
  return out;
}

export async function startSalesforce(options: SalesforceOptions): Promise<SalesforceFake> {
  const fake = new SalesforceFake(options);
  fake.listening = await listen(fake.app);
  return fake;
}
