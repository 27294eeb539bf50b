/**
 * Storing a webhook delivery: one transaction that records the delivery id and upserts its events
 * by natural key (stored as a keyed hash: server/ingest/event-keys.ts), so a re-delivered batch answers what the first delivery answered and changes
 * nothing, and the same event arriving in two deliveries is still one row (the later value wins).
 *
 * The delivery row is written first, with ON CONFLICT DO NOTHING: a concurrent re-delivery
 * waits on it (PostgreSQL) or on the write lock (SQLite), then finds it and writes nothing.
 */
import type { DB } from '../db/connect.ts';
import type { EventsTable } from '../db/schema.ts';
import type { Insertable } from 'kysely';
import { canonicalJson, sha256Hex } from '../ledger/payload.ts';
import { accountsByDomain, chunks, contactsByEmail } from './webhook-domains.ts';
import type { CompanyEvent, EventPerson, IntentEvent, WebVisitEvent } from './webhook-schemas.ts';
import { contactsNamedBy } from './event-people.ts';
import { markAccountIntelStale } from '../briefs/snapshot.ts';
import { eventKeyHasher } from './event-keys.ts';

export type WebhookBatch =
  | { source: 'intent'; events: IntentEvent[] }
  | { source: 'web-visits'; events: WebVisitEvent[] }
  | { source: 'company-events'; events: CompanyEvent[] };

export interface DeliverySummary {
  source: string;
  deliveryId: string;
  /** Events in the batch. */
  received: number;
  created: number;
  updated: number;
  unchanged: number;
  /** Events whose domain is no account of the team (or a free-mail domain): counted, not stored. */
  unmatched: number;
}

export type DeliveryOutcome =
  | { status: 'stored' | 'redelivered'; summary: DeliverySummary }
  /** The delivery id was used before for a different batch: the vendor's bug, and nothing is written. */
  | { status: 'conflict' };

type EventInsert = Insertable<EventsTable> & { contact_id: string | null; data: string };

/**
 * Stores one delivery for a team.
 *
 * @example
 * const out = await ingestDelivery(db.kysely, teamId, 'd-42', { source: 'intent', events }, now);
 * out.status // 'stored' the first time, 'redelivered' after
 */
export async function ingestDelivery(db: DB, teamId: string, deliveryId: string, batch: WebhookBatch, now: Date): Promise<DeliveryOutcome> {
  const payloadHash = sha256Hex(canonicalJson(batch.events));
  return db.transaction().execute(async (trx) => {
    const claimed = await trx
      .insertInto('webhook_deliveries')
      .values({ team_id: teamId, source: batch.source, delivery_id: deliveryId, received_at: now.toISOString(), result: '{}' })
      .onConflict((oc) => oc.doNothing())
      .executeTakeFirst();
    if (Number(claimed.numInsertedOrUpdatedRows ?? 0) === 0) {
      const earlier = await trx
        .selectFrom('webhook_deliveries')
        .select('result')
        .where('team_id', '=', teamId)
        .where('source', '=', batch.source)
        .where('delivery_id', '=', deliveryId)
        .executeTakeFirstOrThrow();
      const stored = JSON.parse(earlier.result) as { summary: DeliverySummary; payloadHash: string };
      return stored.payloadHash === payloadHash ? { status: 'redelivered', summary: stored.summary } : { status: 'conflict' };
    }

    const { rows, unmatched } = await eventRowsOf(trx, teamId, deliveryId, batch, now);
    const counts = await upsertEvents(trx, teamId, batch.source, rows);
    await markAccountIntelStale(trx, teamId, rows.map((r) => r.account_id));
    const summary: DeliverySummary = { source: batch.source, deliveryId, received: batch.events.length, ...counts, unmatched };
    await trx
      .updateTable('webhook_deliveries')
      .set({ result: JSON.stringify({ summary, payloadHash }) })
      .where('team_id', '=', teamId)
      .where('source', '=', batch.source)
      .where('delivery_id', '=', deliveryId)
      .execute();
    return { status: 'stored', summary };
  });
}

/** The batch as `events` rows, one per natural key (a key repeated within the batch: the last wins). */
async function eventRowsOf(db: DB, teamId: string, deliveryId: string, batch: WebhookBatch, now: Date) {
  const accounts = await accountsByDomain(db, teamId, batch.events.map((e) => e.domain));
  const byKey = new Map<string, EventInsert>();
  // Stored keys are keyed hashes (server/ingest/event-keys.ts): a visited URL may carry an address.
  const keyOf = await eventKeyHasher(db, teamId);
  let unmatched = 0;
  // Known when delivered: a week's score dated its Monday that lands on Thursday is Thursday's news.
  const base = { team_id: teamId, source: batch.source, delivery_id: deliveryId, known_at: now.toISOString() };
  /** One event at the account of `domain` (none: unmatched), keyed by `key` (in clear only here, in memory). */
  const put = (domain: string, key: (account: string) => string, row: Pick<EventInsert, 'contact_id' | 'kind' | 'occurred_at' | 'data'>) => {
    const account = accounts.get(domain);
    if (!account) {
      unmatched += 1;
      return;
    }
    const clear = key(account);
    byKey.set(clear, { ...base, account_id: account, natural_key: keyOf(clear), ...row });
  };
  if (batch.source === 'intent') {
    for (const event of batch.events) {
      put(event.domain, (account) => `intent:${account}:${event.topic.toLowerCase()}:${event.week}`, {
        contact_id: null,
        kind: 'intent',
        occurred_at: `${event.week}T00:00:00.000Z`,
        data: JSON.stringify({ topic: event.topic, score: event.score, week: event.week }),
      });
    }
  } else if (batch.source === 'company-events') {
    // Hires and departures may name the person: linked to one of the account's contacts, or nobody.
    const people = await contactsNamedBy(db, teamId, batch.events.map((e) => ({ accountId: accounts.get(e.domain), person: 'person' in e ? personRef(e.person) : undefined })));
    batch.events.forEach((event, i) => {
      // Keyed by the vendor's id for the event, never by the person it names.
      put(event.domain, (account) => `company:${account}:${event.kind}:${event.eventId}`, {
        contact_id: people[i] ?? null,
        kind: event.kind,
        occurred_at: event.occurredAt,
        data: JSON.stringify(event.data),
      });
    });
  } else {
    const contacts = await contactsByEmail(db, teamId, batch.events.flatMap((e) => (e.visitorEmail ? [e.visitorEmail] : [])));
    for (const event of batch.events) {
      put(event.domain, (account) => `visit:${account}:${event.url}:${event.occurredAt}`, {
        contact_id: (event.visitorEmail && contacts.get(event.visitorEmail)) || null,
        kind: 'web_visit',
        occurred_at: event.occurredAt,
        data: JSON.stringify({ url: event.url, pageType: event.pageType }),
      });
    }
  }
  return { rows: [...byKey.values()], unmatched };
}

const personRef = (person: EventPerson | undefined) => person && { externalId: person.crmId, email: person.email, slug: person.linkedinUrl, name: person.name };

/** Inserts new events, updates changed ones, leaves identical ones alone; says how many of each. */
async function upsertEvents(db: DB, teamId: string, source: string, rows: EventInsert[]) {
  const stored = new Map<string, { data: string; contact_id: string | null; occurred_at: string }>();
  for (const chunk of chunks(rows.map((r) => r.natural_key))) {
    const found = await db
      .selectFrom('events')
      .select(['natural_key', 'data', 'contact_id', 'occurred_at'])
      .where('team_id', '=', teamId)
      .where('source', '=', source)
      .where('natural_key', 'in', chunk)
      .execute();
    for (const row of found) stored.set(row.natural_key, row);
  }
  let created = 0;
  let updated = 0;
  let unchanged = 0;
  const writes: EventInsert[] = [];
  for (const row of rows) {
    const before = stored.get(row.natural_key);
    if (!before) created += 1;
    else if (before.data === row.data && before.contact_id === row.contact_id && before.occurred_at === row.occurred_at) {
      unchanged += 1;
      continue;
    } else updated += 1;
    writes.push(row);
  }
  // The upsert (not a plain insert) keeps a concurrent delivery of the same event from failing.
  for (const chunk of chunks(writes, 100)) {
    await db
      .insertInto('events')
      .values(chunk)
      .onConflict((oc) =>
        oc.columns(['team_id', 'source', 'natural_key']).doUpdateSet((eb) => ({
          data: eb.ref('excluded.data'),
          contact_id: eb.ref('excluded.contact_id'),
          occurred_at: eb.ref('excluded.occurred_at'),
          delivery_id: eb.ref('excluded.delivery_id'),
          // Only changed events are written here, and a change is news when it arrives.
          known_at: eb.ref('excluded.known_at'),
        })),
      )
      .execute();
  }
  return { created, updated, unchanged };
}
