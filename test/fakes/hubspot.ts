/**
 * A local HubSpot (CRM v3 objects, search, batch, associations v4, owners, engagements), speaking
 * the shapes of the research notes (docs/crm.md): objects under both `/crm/v3/objects` and the
 * date-based `/crm/objects/2026-03`; search's 10,000-result cap (tunable) answered with a 400;
 * no associations in search results; a rolling ten-second limit answered with HubSpot's 429 body
 * and `X-HubSpot-RateLimit-*` headers; a daily cap; batch upsert only by a property marked unique.
 * Fault injection through `faults` (./faults.ts). Property values are strings, as HubSpot's are.
 *
 * @example
 * const hub = await startHubSpot({ token: 'pat-test' });
 * hub.put('companies', { name: 'Acme', domain: 'acme.test' });
 */
import { Hono, type Context } from 'hono';
import { FaultBox, listen, type FakeEnv, type Listening } from './faults.ts';

export type HubObject = { id: string; properties: Record<string, string | null>; createdAt: string; updatedAt: string; archived: boolean };

export interface HubSpotOptions {
  token: string;
  /** The clock of `updatedAt` and `hs_lastmodifieddate` (default: the real one). */
  now?: () => Date;
  /** Results one search query may reach (HubSpot's is 10,000). */
  searchCap?: number;
  /** Requests per rolling ten seconds before a 429 (0: unlimited). */
  perTenSeconds?: number;
  /** Requests a day before the `DAILY` 429 (0: unlimited). */
  daily?: number;
  /** Properties with `hasUniqueValue`, per object type (batch upsert needs one). */
  uniqueProperties?: Record<string, string[]>;
  /** Custom properties the portal has without a unique value (the properties API answers them). */
  customProperties?: string[];
}

const MODIFIED = (type: string) => (type === 'contacts' ? 'lastmodifieddate' : 'hs_lastmodifieddate');
export const ENGAGEMENTS = ['notes', 'calls', 'emails', 'meetings', 'communications'] as const;
const TYPES = ['companies', 'contacts', 'deals', ...ENGAGEMENTS];

/** association type id → [from type, to type], both directions stored as one edge. */
export interface HubAssociation {
  fromType: string;
  fromId: string;
  toType: string;
  toId: string;
  typeId: number;
}

export class HubSpotFake {
  readonly faults = new FaultBox();
  readonly objects = new Map<string, Map<string, HubObject>>(TYPES.map((t) => [t, new Map()]));
  readonly associations: HubAssociation[] = [];
  owners: Array<{ id: string; email: string; firstName: string; lastName: string; archived: boolean }> = [];
  pipelines = [
    {
      id: 'default',
      label: 'Sales Pipeline',
      stages: [
        { id: 'appointmentscheduled', label: 'Appointment Scheduled' },
        { id: 'qualifiedtobuy', label: 'Qualified To Buy' },
        { id: 'contractsent', label: 'Contract Sent' },
        { id: 'closedwon', label: 'Closed Won' },
        { id: 'closedlost', label: 'Closed Lost' },
      ],
    },
  ];
  private nextId = 1000;
  private window: number[] = [];
  private dayCount = 0;
  readonly app = new Hono<FakeEnv>();
  constructor(readonly options: HubSpotOptions) {
    this.build();
  }
  now = () => (this.options.now ?? (() => new Date()))();
  get searchCap() {
    return this.options.searchCap ?? 10_000;
  }

  /** Creates or changes a record as a CRM user would, stamping its modification time. */
  put(type: string, properties: Record<string, string | null>, id?: string): HubObject {
    const store = this.objects.get(type)!;
    const at = this.now().toISOString();
    const objectId = id ?? String(this.nextId++);
    const existing = store.get(objectId);
    const object: HubObject = existing
      ? { ...existing, properties: { ...existing.properties, ...properties }, updatedAt: at, archived: false }
      : { id: objectId, properties: { ...properties }, createdAt: at, updatedAt: at, archived: false };
    object.properties.hs_object_id = objectId;
    object.properties.createdate = object.createdAt;
    object.properties[MODIFIED(type)] = at;
    store.set(objectId, object);
    return object;
  }
  archive(type: string, id: string) {
    const object = this.objects.get(type)!.get(id);
    if (object) Object.assign(object, { archived: true, updatedAt: this.now().toISOString() });
  }
  associate(fromType: string, fromId: string, toType: string, toId: string, typeId: number) {
    if (!this.associations.some((a) => a.fromType === fromType && a.fromId === fromId && a.toType === toType && a.toId === toId && a.typeId === typeId)) {
      this.associations.push({ fromType, fromId, toType, toId, typeId });
    }
  }
  /** The ids `fromType/fromId` is associated with in `toType`, either direction. */
  associated(fromType: string, fromId: string, toType: string): Array<{ id: string; typeId: number }> {
    const out: Array<{ id: string; typeId: number }> = [];
    for (const a of this.associations) {
      if (a.fromType === fromType && a.fromId === fromId && a.toType === toType) out.push({ id: a.toId, typeId: a.typeId });
      else if (a.toType === fromType && a.toId === fromId && a.fromType === toType) out.push({ id: a.fromId, typeId: a.typeId });
    }
    return out;
  }
  all(type: string): HubObject[] {
    return [...this.objects.get(type)!.values()];
  }

  private error(c: Context, status: number, category: string, message: string, extra: Record<string, unknown> = {}) {
    return c.json({ status: 'error', message, correlationId: crypto.randomUUID(), category, ...extra }, status as 400);
  }

  /** 429 once the rolling ten seconds or the day is spent; otherwise the rate headers. */
  private limit(c: Context): Response | null {
    const now = Date.now();
    this.window = this.window.filter((t) => now - t < 10_000);
    const max = this.options.perTenSeconds ?? 0;
    const daily = this.options.daily ?? 0;
    if (daily && this.dayCount >= daily) {
      return c.json({ status: 'error', message: 'You have reached your daily limit.', errorType: 'RATE_LIMIT', correlationId: crypto.randomUUID(), policyName: 'DAILY' }, 429);
    }
    if (max && this.window.length >= max) {
      const retry = Math.max(1, Math.ceil((10_000 - (now - this.window[0]!)) / 1000));
      return c.json(
        { status: 'error', message: 'You have reached your ten_secondly_rolling limit.', errorType: 'RATE_LIMIT', correlationId: crypto.randomUUID(), policyName: 'TEN_SECONDLY_ROLLING' },
        429,
        { 'X-HubSpot-RateLimit-Max': String(max), 'X-HubSpot-RateLimit-Remaining': '0', 'X-HubSpot-RateLimit-Interval-Milliseconds': '10000', 'Retry-After': String(retry) },
      );
    }
    this.window.push(now);
    this.dayCount += 1;
    if (max) {
      c.header('X-HubSpot-RateLimit-Max', String(max));
      c.header('X-HubSpot-RateLimit-Remaining', String(max - this.window.length));
      c.header('X-HubSpot-RateLimit-Interval-Milliseconds', '10000');
    }
    if (daily) c.header('X-HubSpot-RateLimit-Daily-Remaining', String(daily - this.dayCount));
    return null;
  }

  private view(type: string, object: HubObject, properties: string[] | null, associations: string[] = []) {
    const props: Record<string, string | null> = {};
    const wanted = properties ?? ['hs_object_id', 'createdate', MODIFIED(type)];
    for (const p of new Set([...wanted, 'hs_object_id', 'createdate', MODIFIED(type)])) props[p] = object.properties[p] ?? null;
    const out: Record<string, unknown> = { id: object.id, properties: props, createdAt: object.createdAt, updatedAt: object.updatedAt, archived: object.archived };
    if (associations.length) {
      const assoc: Record<string, unknown> = {};
      for (const to of associations) {
        const results = this.associated(type, object.id, to).map((a) => ({ id: a.id, type: `${type.replace(/s$/, '').replace(/ie$/, 'y')}_to_${to.replace(/ies$/, 'y').replace(/s$/, '')}` }));
        if (results.length) assoc[to] = { results };
      }
      if (Object.keys(assoc).length) out.associations = assoc;
    }
    return out;
  }

  private matches(type: string, object: HubObject, filter: { propertyName: string; operator: string; value?: string }): boolean {
    const raw = object.properties[filter.propertyName] ?? null;
    if (filter.operator === 'HAS_PROPERTY') return raw !== null && raw !== '';
    if (raw === null || filter.value === undefined) return false;
    const isDate = filter.propertyName === MODIFIED(type) || filter.propertyName === 'createdate';
    const left = isDate ? Date.parse(raw) : Number(raw);
    const right = Number(filter.value);
    if (filter.operator === 'EQ') return isDate || !Number.isNaN(left) ? left === right || raw === filter.value : raw === filter.value;
    if (Number.isNaN(left) || Number.isNaN(right)) return false;
    return { GTE: left >= right, GT: left > right, LTE: left <= right, LT: left < right }[filter.operator] ?? false;
  }

  private build() {
    const app = this.app;
    app.use('*', this.faults.middleware());
    app.use('*', async (c, next) => {
      if (c.req.header('authorization') !== `Bearer ${this.options.token}`) {
        return this.error(c, 401, 'INVALID_AUTHENTICATION', 'Authentication credentials not found.');
      }
      const limited = this.limit(c);
      if (limited) return limited;
      await next();
    });
    for (const P of ['/crm/v3/objects', '/crm/objects/2026-03']) {
      app.get(`${P}/:type`, (c) => {
        const type = c.req.param('type');
        const store = this.objects.get(type);
        if (!store) return this.error(c, 404, 'OBJECT_NOT_FOUND', 'Unknown object type');
        const limit = Math.min(100, Number(c.req.query('limit') ?? 10));
        const after = Number(c.req.query('after') ?? 0);
        const archived = c.req.query('archived') === 'true';
        const properties = c.req.query('properties')?.split(',') ?? null;
        const associations = c.req.query('associations')?.split(',') ?? [];
        const rows = [...store.values()].filter((o) => o.archived === archived && Number(o.id) > after).sort((a, b) => Number(a.id) - Number(b.id));
        const page = rows.slice(0, limit);
        const more = rows.length > limit;
        return c.json({ results: page.map((o) => this.view(type, o, properties, associations)), ...(more ? { paging: { next: { after: page.at(-1)!.id } } } : {}) });
      });
      app.post(`${P}/:type/search`, async (c) => {
        const type = c.req.param('type');
        const store = this.objects.get(type);
        if (!store) return this.error(c, 404, 'OBJECT_NOT_FOUND', 'Unknown object type');
        const body = (await c.req.json()) as {
          filterGroups?: Array<{ filters: Array<{ propertyName: string; operator: string; value?: string }> }>;
          sorts?: Array<{ propertyName: string; direction: string }>;
          properties?: string[];
          limit?: number;
          after?: string;
        };
        const limit = Math.min(200, body.limit ?? 10);
        const after = Number(body.after ?? 0);
        if (after + limit > this.searchCap) {
          return this.error(c, 400, 'VALIDATION_ERROR', `There was a problem with the request. Searches are limited to ${this.searchCap} results.`);
        }
        const groups = body.filterGroups ?? [];
        let rows = [...store.values()].filter((o) => !o.archived && (groups.length === 0 || groups.some((g) => g.filters.every((f) => this.matches(type, o, f)))));
        const sort = body.sorts?.[0];
        const key = (o: HubObject) => {
          const name = sort?.propertyName ?? 'hs_object_id';
          const v = o.properties[name] ?? '';
          return name === 'hs_object_id' ? Number(v) : Date.parse(v) || Number(v);
        };
        rows = rows.sort((a, b) => (key(a) - key(b)) * (sort?.direction === 'DESCENDING' ? -1 : 1) || Number(a.id) - Number(b.id));
        const page = rows.slice(after, after + limit);
        const more = rows.length > after + limit;
        return c.json({ total: rows.length, results: page.map((o) => this.view(type, o, body.properties ?? null)), ...(more ? { paging: { next: { after: String(after + limit) } } } : {}) });
      });
      app.post(`${P}/:type/batch/read`, async (c) => {
        const type = c.req.param('type');
        const store = this.objects.get(type);
        if (!store) return this.error(c, 404, 'OBJECT_NOT_FOUND', 'Unknown object type');
        const body = (await c.req.json()) as { properties?: string[]; inputs: Array<{ id: string }> };
        if (body.inputs.length > 100) return this.error(c, 400, 'VALIDATION_ERROR', 'Batch inputs are limited to 100.');
        const found = body.inputs.map((i) => store.get(i.id)).filter((o): o is HubObject => !!o && !o.archived);
        return c.json({ status: 'COMPLETE', results: found.map((o) => this.view(type, o, body.properties ?? null)) });
      });
      app.post(`${P}/:type/batch/upsert`, async (c) => {
        const type = c.req.param('type');
        const body = (await c.req.json()) as { inputs: Array<{ idProperty: string; id: string; properties: Record<string, string> }> };
        const unique = this.options.uniqueProperties?.[type] ?? [];
        const bad = body.inputs.find((i) => !unique.includes(i.idProperty));
        if (bad) return this.error(c, 400, 'VALIDATION_ERROR', `Property ${bad.idProperty} is not a unique identifier property.`, { errors: [{ message: 'not unique', code: 'INVALID_ID_PROPERTY' }] });
        const results = body.inputs.map((input) => {
          const existing = this.all(type).find((o) => o.properties[input.idProperty] === input.id);
          const object = this.put(type, { ...input.properties, [input.idProperty]: input.id }, existing?.id);
          return { ...this.view(type, object, [...Object.keys(input.properties), input.idProperty]), new: !existing };
        });
        return c.json({ status: 'COMPLETE', results });
      });
      app.get(`${P}/:type/:id`, (c) => {
        const type = c.req.param('type');
        const object = this.objects.get(type)?.get(c.req.param('id'));
        if (!object || object.archived) return this.error(c, 404, 'OBJECT_NOT_FOUND', 'resource not found');
        return c.json(this.view(type, object, c.req.query('properties')?.split(',') ?? null));
      });
      app.post(`${P}/:type`, async (c) => {
        const type = c.req.param('type');
        if (!this.objects.has(type)) return this.error(c, 404, 'OBJECT_NOT_FOUND', 'Unknown object type');
        const body = (await c.req.json()) as {
          properties: Record<string, string>;
          associations?: Array<{ to: { id: string }; types: Array<{ associationCategory: string; associationTypeId: number }> }>;
        };
        if ((ENGAGEMENTS as readonly string[]).includes(type) && !body.properties?.hs_timestamp) {
          return this.error(c, 400, 'VALIDATION_ERROR', 'Property values were not valid', { errors: [{ message: 'hs_timestamp is required', code: 'REQUIRED' }] });
        }
        for (const a of body.associations ?? []) {
          const target = targetOf(type, a.types[0]?.associationTypeId ?? 0);
          if (!target || !this.objects.get(target)!.get(a.to.id)) {
            return this.error(c, 400, 'VALIDATION_ERROR', `Association target ${a.to.id} does not exist`, { errors: [{ message: 'invalid association', code: 'INVALID_OBJECT_ID' }] });
          }
        }
        const object = this.put(type, body.properties);
        for (const a of body.associations ?? []) this.associate(type, object.id, targetOf(type, a.types[0]!.associationTypeId)!, a.to.id, a.types[0]!.associationTypeId);
        return c.json(this.view(type, object, Object.keys(body.properties)), 201);
      });
    }
    app.post('/crm/v4/associations/:from/:to/batch/read', async (c) => {
      const from = c.req.param('from');
      const to = c.req.param('to');
      const body = (await c.req.json()) as { inputs: Array<{ id: string }> };
      const results = body.inputs
        .map((i) => ({ from: { id: i.id }, to: this.associated(from, i.id, to).map((a) => ({ toObjectId: Number(a.id), associationTypes: [{ category: 'HUBSPOT_DEFINED', typeId: a.typeId, label: null }] })) }))
        .filter((r) => r.to.length);
      return c.json({ status: 'COMPLETE', results });
    });
    // Associations created in bulk (v4, default labels): creating one that exists changes nothing.
    app.post('/crm/v4/associations/:from/:to/batch/create', async (c) => {
      const from = c.req.param('from');
      const to = c.req.param('to');
      const body = (await c.req.json()) as { inputs: Array<{ from: { id: string }; to: { id: string }; types: Array<{ associationCategory: string; associationTypeId: number }> }> };
      const missing = body.inputs.find((i) => !this.objects.get(from)?.get(i.from.id) || !this.objects.get(to)?.get(i.to.id));
      if (missing) return this.error(c, 400, 'VALIDATION_ERROR', `Association target ${missing.to.id} does not exist`, { errors: [{ message: 'invalid association', code: 'INVALID_OBJECT_ID' }] });
      for (const i of body.inputs) this.associate(from, i.from.id, to, i.to.id, i.types[0]!.associationTypeId);
      return c.json({ status: 'COMPLETE', results: body.inputs.map((i) => ({ fromObjectTypeId: from, fromObjectId: Number(i.from.id), toObjectTypeId: to, toObjectId: Number(i.to.id), labels: [] })) }, 201);
    });
    // A property's definition: `hasUniqueValue` says whether batch upsert may use it.
    app.get('/crm/v3/properties/:type/:name', (c) => {
      const { type, name } = c.req.param();
      if (!this.objects.has(type)) return this.error(c, 404, 'OBJECT_NOT_FOUND', 'Unknown object type');
      const unique = (this.options.uniqueProperties?.[type] ?? []).includes(name);
      const known = unique || (this.options.customProperties ?? []).includes(name);
      if (!known) return this.error(c, 404, 'OBJECT_NOT_FOUND', `Unable to find property ${name}`);
      return c.json({ name, label: name, type: 'string', fieldType: 'text', hasUniqueValue: unique, archived: false });
    });
    app.get('/crm/v3/pipelines/deals', (c) => c.json({ results: this.pipelines }));
    app.get('/crm/v3/owners', (c) => {
      const limit = Math.min(500, Number(c.req.query('limit') ?? 100));
      const after = Number(c.req.query('after') ?? 0);
      const rows = this.owners.filter((o) => Number(o.id) > after).sort((a, b) => Number(a.id) - Number(b.id));
      const page = rows.slice(0, limit);
      return c.json({ results: page, ...(rows.length > limit ? { paging: { next: { after: page.at(-1)!.id } } } : {}) });
    });
  }

  listening?: Listening;
  get url() {
    return this.listening!.url;
  }
  close() {
    return this.listening?.close() ?? Promise.resolve();
  }
}

/** Engagement → contact/company/deal association type ids (HubSpot-defined). */
export const ASSOCIATION_TYPE_IDS: Record<string, { contacts: number; companies: number; deals: number }> = {
  notes: { contacts: 202, companies: 190, deals: 214 },
  calls: { contacts: 194, companies: 182, deals: 206 },
  emails: { contacts: 198, companies: 186, deals: 210 },
  meetings: { contacts: 200, companies: 188, deals: 212 },
  communications: { contacts: 81, companies: 87, deals: 85 },
};

function targetOf(type: string, typeId: number): string | null {
  const ids = ASSOCIATION_TYPE_IDS[type];
  if (ids) return (Object.entries(ids).find(([, id]) => id === typeId)?.[0] as string | undefined) ?? null;
  if (type === 'contacts' && typeId === 279) return 'companies';
  if (type === 'deals' && typeId === 341) return 'companies';
  if (type === 'deals' && typeId === 5) return 'companies';
  return null;
}

export async function startHubSpot(options: HubSpotOptions): Promise<HubSpotFake> {
  const fake = new HubSpotFake(options);
  fake.listening = await listen(fake.app);
  return fake;
}
