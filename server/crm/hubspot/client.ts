/**
 * HubSpot over plain fetch: the calls the connector makes, each through the paced, retrying caller
 * (../http.ts). Paths use `/crm/v3/objects` (the date-based `/crm/objects/2026-03` takes the same
 * bodies; a setting when v3 ends). 429s are retried after `Retry-After` (or the rolling interval),
 * except `DAILY`, which ends the run until the account's midnight.
 */
import { CrmCallError, CrmCaller, retryAfterMs, type CallEnv, type CrmResponse, type Verdict } from '../http.ts';

export interface HubObject {
  id: string;
  properties: Record<string, string | null>;
  createdAt: string;
  updatedAt: string;
  archived?: boolean;
}

interface Page<T> {
  results: T[];
  paging?: { next?: { after: string } };
}

export function classifyHubSpot(response: CrmResponse): Verdict {
  const body = (response.body ?? {}) as { message?: string; category?: string; policyName?: string };
  const reason = `HubSpot ${response.status} ${body.category ?? body.policyName ?? ''} ${body.message ?? ''}`.trim();
  if (response.status === 429) {
    if (body.policyName === 'DAILY') return { kind: 'stop', reason: 'HubSpot daily limit reached; the next run resumes from the cursor' };
    const interval = Number(response.headers.get('x-hubspot-ratelimit-interval-milliseconds'));
    return { kind: 'retry', reason, afterMs: retryAfterMs(response.headers) ?? (Number.isFinite(interval) && interval > 0 ? interval : undefined) };
  }
  // Locked (a merge in progress): HubSpot says wait two seconds.
  if (response.status === 423) return { kind: 'retry', reason, afterMs: 2000 };
  if (response.status >= 500) return { kind: 'retry', reason, afterMs: retryAfterMs(response.headers) };
  return { kind: 'fail', reason, status: response.status, body: response.body };
}

export class HubSpotClient {
  readonly caller: CrmCaller;
  constructor(
    private readonly baseUrl: string,
    token: string,
    env: CallEnv,
    pacing: { minIntervalMs: number; tries: number; baseBackoffMs: number; maxBackoffMs: number },
  ) {
    this.caller = new CrmCaller(pacing, env, classifyHubSpot, async (request) => ({
      ...request,
      headers: { ...request.headers, authorization: `Bearer ${token}`, 'content-type': 'application/json' },
    }));
  }

  private get<T>(path: string) {
    return this.caller.json<T>({ method: 'GET', url: `${this.baseUrl}${path}` });
  }
  private post<T>(path: string, body: unknown, unsafe = false) {
    return this.caller.json<T>({ method: 'POST', url: `${this.baseUrl}${path}`, body: JSON.stringify(body) }, { unsafe });
  }

  /** Every owner: `hubspot_owner_id` → email. */
  async owners(): Promise<Map<string, string>> {
    const out = new Map<string, string>();
    let after: string | undefined;
    do {
      const page = await this.get<Page<{ id: string; email?: string }>>(`/crm/v3/owners?limit=100${after ? `&after=${after}` : ''}`);
      for (const owner of page.results) if (owner.email) out.set(String(owner.id), owner.email.toLowerCase());
      after = page.paging?.next?.after;
    } while (after);
    return out;
  }

  /** Deal stage id → label, across pipelines. */
  async dealStages(): Promise<Map<string, string>> {
    const body = await this.get<{ results: Array<{ stages: Array<{ id: string; label: string }> }> }>('/crm/v3/pipelines/deals');
    return new Map(body.results.flatMap((p) => p.stages.map((s) => [s.id, s.label] as [string, string])));
  }

  /**
   * One page of `type` modified in [from, until] with ids above `afterId`, by id: a keyset that
   * never reaches search's 10,000-result cap, however many records share a timestamp.
   */
  search(type: string, modifiedProperty: string, window: { from: string; until: string; afterId: string }, properties: string[], limit: number) {
    return this.post<Page<HubObject> & { total: number }>(`/crm/v3/objects/${type}/search`, {
      filterGroups: [
        {
          filters: [
            { propertyName: modifiedProperty, operator: 'GTE', value: String(Date.parse(window.from)) },
            { propertyName: modifiedProperty, operator: 'LTE', value: String(Date.parse(window.until)) },
            { propertyName: 'hs_object_id', operator: 'GT', value: window.afterId },
          ],
        },
      ],
      sorts: [{ propertyName: 'hs_object_id', direction: 'ASCENDING' }],
      properties,
      limit,
      after: '0',
    });
  }

  /** Up to any number of records of `type` by id (100 a call); deleted ones are absent. */
  async read(type: string, ids: string[], properties: string[]): Promise<HubObject[]> {
    const out: HubObject[] = [];
    for (let i = 0; i < ids.length; i += 100) {
      const body = await this.post<{ results: HubObject[] }>(`/crm/v3/objects/${type}/batch/read`, { properties, inputs: ids.slice(i, i + 100).map((id) => ({ id })) });
      out.push(...body.results);
    }
    return out;
  }

  /** Ids of archived (deleted) records of `type`, a page at a time. */
  async *archivedIds(type: string): AsyncGenerator<string[]> {
    let after: string | undefined;
    do {
      const page = await this.get<Page<HubObject>>(`/crm/v3/objects/${type}?archived=true&limit=100&properties=hs_object_id${after ? `&after=${after}` : ''}`);
      yield page.results.map((r) => r.id);
      after = page.paging?.next?.after;
    } while (after);
  }

  /** `from` ids → their associated `to` ids with type ids (v4). */
  async associations(from: string, to: string, ids: string[]): Promise<Map<string, Array<{ id: string; typeId: number }>>> {
    const out = new Map<string, Array<{ id: string; typeId: number }>>();
    for (let i = 0; i < ids.length; i += 100) {
      const body = await this.post<{ results: Array<{ from: { id: string }; to: Array<{ toObjectId: number | string; associationTypes: Array<{ typeId: number }> }> }> }>(
        `/crm/v4/associations/${from}/${to}/batch/read`,
        { inputs: ids.slice(i, i + 100).map((id) => ({ id })) },
      );
      for (const r of body.results) out.set(String(r.from.id), r.to.map((t) => ({ id: String(t.toObjectId), typeId: t.associationTypes[0]?.typeId ?? 0 })));
    }
    return out;
  }

  /** Creates an engagement with its associations; an unknown outcome surfaces as CrmUnknownOutcome. */
  create(type: string, properties: Record<string, string>, associations: Array<{ id: string; typeId: number }>) {
    return this.post<HubObject>(
      `/crm/v3/objects/${type}`,
      { properties, associations: associations.map((a) => ({ to: { id: a.id }, types: [{ associationCategory: 'HUBSPOT_DEFINED', associationTypeId: a.typeId }] })) },
      true,
    );
  }

  /**
   * Whether `property` of `type` has a unique value in this portal (`hasUniqueValue`), which batch
   * upsert needs; a property the portal does not have (404) is not.
   */
  async hasUniqueProperty(type: string, property: string): Promise<boolean> {
    try {
      return (await this.get<{ hasUniqueValue?: boolean }>(`/crm/v3/properties/${type}/${property}`)).hasUniqueValue === true;
    } catch (error) {
      if (error instanceof CrmCallError && error.status === 404) return false;
      throw error;
    }
  }

  /**
   * Creates or updates up to 100 records of `type` by the unique `idProperty`. Safe to repeat (a
   * second send updates the same records), so it is retried like a read. Results are not in input
   * order: each carries `idProperty` among its properties. A 207 lists the inputs it refused in `errors`.
   */
  batchUpsert(type: string, idProperty: string, inputs: Array<{ id: string; properties: Record<string, string> }>) {
    return this.post<{ status: string; results: HubObject[]; errors?: Array<{ message: string; category?: string; context?: Record<string, string[]> }> }>(`/crm/v3/objects/${type}/batch/upsert`, {
      inputs: inputs.map((i) => ({ idProperty, id: i.id, properties: i.properties })),
    });
  }

  /** Associates records in bulk (v4); creating an association that exists changes nothing, so it is safe to repeat. */
  async associateBatch(from: string, to: string, links: Array<{ fromId: string; toId: string; typeId: number }>): Promise<void> {
    for (let i = 0; i < links.length; i += 100) {
      await this.post(`/crm/v4/associations/${from}/${to}/batch/create`, {
        inputs: links.slice(i, i + 100).map((l) => ({ from: { id: l.fromId }, to: { id: l.toId }, types: [{ associationCategory: 'HUBSPOT_DEFINED', associationTypeId: l.typeId }] })),
      });
    }
  }

  /** Engagements of `type` whose `property` equals `value` (search; lags writes by seconds). */
  findBy(type: string, property: string, value: string) {
    return this.post<Page<HubObject>>(`/crm/v3/objects/${type}/search`, {
      filterGroups: [{ filters: [{ propertyName: property, operator: 'EQ', value }] }],
      properties: [property],
      limit: 10,
    });
  }
}
