/**
 * Raw events by company domain: third-party intent scores, visits to our site, and company
 * events (funding, executive hires, departures, acquisitions, news). Each row becomes one
 * `events` row whose `data` fits `shared/events.ts`; a natural key built from the row (domain,
 * topic and week; domain, time and URL; …) makes a re-import update instead of duplicate. The key
 * is stored as a keyed hash, never in clear (server/ingest/event-keys.ts).
 * An executive hire or a departure may name the person (CRM id, email, LinkedIn URL or name),
 * linked to one of the account's contacts when stored (event-people.ts).
 */
import { z } from 'zod';
import { EVENT_DATA, PageType, type EventKind } from '../../../../shared/events.ts';
import { calendarDate, choice, companyDomain, decimal, email, httpUrl, instant, linkedInSlug, required, text } from '../cells.ts';
import { contactsNamedBy, type PersonRef } from '../../event-people.ts';
import { accountOf, accountRefs, inSlices, insertMany } from '../lookups.ts';
import type { EntityImporter, EntityName, RowOutcome } from '../types.ts';
import { markAccountIntelStale } from '../../../briefs/snapshot.ts';
import { eventKeyHasher } from '../../event-keys.ts';

/** What every events row becomes before it is written. */
interface EventRowValue {
  domain: string;
  kind: EventKind;
  occurredAt: string;
  naturalKey: string;
  data: string;
  source: string | undefined;
  /** Whom the event is about, to link to a contact of its account. */
  person?: PersonRef | undefined;
}

/** Checks `data` against its kind's schema and names the CSV column at fault. */
function checkData(kind: EventKind, data: Record<string, unknown>, columnOf: Record<string, string>, ctx: z.RefinementCtx): string {
  const parsed = EVENT_DATA[kind].safeParse(data);
  if (!parsed.success) {
    for (const issue of parsed.error.issues) {
      const key = String(issue.path[0] ?? '');
      const column = columnOf[key] ?? Object.values(columnOf).join(' or ');
      ctx.addIssue({ code: 'custom', path: [column], message: issue.message });
    }
    return '';
  }
  return JSON.stringify(parsed.data);
}

const source = text(100).optional();

const IntentCsvRow = z
  .object({
    domain: required(companyDomain()),
    topic: required(text(200)),
    score: required(decimal(0).pipe(z.number().max(100, 'must be at most 100'))),
    week: required(calendarDate()),
    source,
  })
  .transform((row, ctx): EventRowValue => ({
    domain: row.domain,
    kind: 'intent',
    occurredAt: `${row.week}T00:00:00.000Z`,
    naturalKey: `intent|${row.domain}|${row.topic.toLowerCase()}|${row.week}`,
    data: checkData('intent', { topic: row.topic, score: row.score, week: row.week }, { topic: 'topic', score: 'score', week: 'week' }, ctx),
    source: row.source,
  }));

const WebVisitCsvRow = z
  .object({
    domain: required(companyDomain()),
    url: required(httpUrl()),
    page_type: choice(PageType.options).optional(),
    time: required(instant()),
    source,
  })
  .transform((row, ctx): EventRowValue => ({
    domain: row.domain,
    kind: 'web_visit',
    occurredAt: row.time,
    naturalKey: `web_visit|${row.domain}|${row.time}|${row.url}`,
    data: checkData('web_visit', { url: row.url, pageType: row.page_type ?? 'other' }, { url: 'url', pageType: 'page_type' }, ctx),
    source: row.source,
  }));

/** Which columns feed which kind's data (`amount_usd` → `amountUsd`). */
const COMPANY_FIELDS = {
  funding: { round: 'round', amountUsd: 'amount_usd' },
  exec_hire: { name: 'name', title: 'title' },
  departure: { name: 'name', title: 'title' },
  acquisition: { acquirer: 'acquirer', target: 'target' },
  news: { headline: 'headline', url: 'url' },
} as const satisfies Partial<Record<EventKind, Record<string, string>>>;
const COMPANY_KINDS = Object.keys(COMPANY_FIELDS) as [keyof typeof COMPANY_FIELDS, ...(keyof typeof COMPANY_FIELDS)[]];
const DATA_COLUMNS = ['title', 'name', 'round', 'amount_usd', 'headline', 'url', 'acquirer', 'target'] as const;
/** The kinds about one person, and the columns that say who (besides `name`). */
const PERSON_KINDS: ReadonlySet<string> = new Set(['exec_hire', 'departure']);
const PERSON_COLUMNS = ['contact_external_id', 'contact_email', 'contact_linkedin_url'] as const;

const CompanyEventCsvRow = z
  .object({
    domain: required(companyDomain()),
    kind: required(choice(COMPANY_KINDS)),
    occurred_at: required(instant()),
    title: text(200).optional(),
    name: text(200).optional(),
    round: text(100).optional(),
    amount_usd: decimal(0).optional(),
    headline: text(500).optional(),
    url: httpUrl().optional(),
    acquirer: text(200).optional(),
    target: text(200).optional(),
    contact_external_id: text(200).optional(),
    contact_email: email().optional(),
    contact_linkedin_url: linkedInSlug().optional(),
    source,
  })
  .transform((row, ctx): EventRowValue => {
    const fields: Record<string, string> = COMPANY_FIELDS[row.kind];
    const columnOf = Object.fromEntries(Object.entries(fields));
    for (const column of DATA_COLUMNS) {
      if (row[column] !== undefined && !Object.values(fields).includes(column)) {
        ctx.addIssue({ code: 'custom', path: [column], message: `does not apply to ${row.kind} events (leave it blank)` });
      }
    }
    const aboutPerson = PERSON_KINDS.has(row.kind);
    for (const column of PERSON_COLUMNS) {
      if (row[column] !== undefined && !aboutPerson) ctx.addIssue({ code: 'custom', path: [column], message: `does not apply to ${row.kind} events (leave it blank)` });
    }
    const data = Object.fromEntries(Object.entries(fields).map(([key, column]) => [key, row[column as (typeof DATA_COLUMNS)[number]]]));
    const what = [row.round, row.name, row.title, row.headline, row.acquirer, row.target].find((v) => v !== undefined) ?? '';
    return {
      domain: row.domain,
      kind: row.kind,
      occurredAt: row.occurred_at,
      naturalKey: `${row.kind}|${row.domain}|${row.occurred_at}|${what.toLowerCase()}`,
      data: checkData(row.kind, data, columnOf, ctx),
      source: row.source,
      person: aboutPerson ? { externalId: row.contact_external_id, email: row.contact_email, slug: row.contact_linkedin_url, name: row.name } : undefined,
    };
  });

function eventsImporter(entity: EntityName, schema: z.ZodType<EventRowValue, Record<string, string | undefined>>, columns: string[], requiredColumns: string[]): EntityImporter<EventRowValue> {
  return {
    entity,
    columns,
    required: requiredColumns,
    schema,
    async write(trx, { teamId, defaultSource, now }, batch) {
      // Stored keys are keyed hashes (server/ingest/event-keys.ts): a name in a key is not kept in clear.
      const keyOf = await eventKeyHasher(trx, teamId);
      const rows = batch.map((r) => ({ ...r.value, naturalKey: keyOf(r.value.naturalKey), source: r.value.source ?? defaultSource }));
      const accounts = await accountRefs(trx, teamId, rows.map((r) => ({ domain: r.domain })));
      // The unique index leads with (team, source): one query per source keeps every lookup on it.
      const bySource = new Map<string, typeof rows>();
      for (const row of rows) bySource.set(row.source, [...(bySource.get(row.source) ?? []), row]);
      const known = new Map<string, { id?: number; account_id: string; contact_id: string | null; occurred_at: string; data: string; kind: string }>();
      for (const [source, group] of bySource) {
        const found = await inSlices(group.map((r) => r.naturalKey), (slice) =>
          trx
            .selectFrom('events')
            .select(['id', 'natural_key', 'account_id', 'contact_id', 'occurred_at', 'data', 'kind'])
            .where('team_id', '=', teamId)
            .where('source', '=', source)
            .where('natural_key', 'in', slice)
            .execute(),
        );
        for (const e of found) known.set(`${source}\u0000${e.natural_key}`, e);
      }
      // The person an executive hire or departure names, as one of its account's contacts (or nobody).
      const contactIds = await contactsNamedBy(trx, teamId, rows.map((r) => ({ accountId: accountOf(accounts, undefined, r.domain), person: r.person })));
      const inserts: { team_id: string; account_id: string; contact_id: string | null; kind: string; occurred_at: string; source: string; natural_key: string; delivery_id: null; data: string; known_at: string }[] = [];
      const updates = new Map<number, { account_id: string; contact_id: string | null; occurred_at: string; data: string; kind: string; known_at: string }>();
      // Known when imported (a CSV of last week's visits is today's news), and again when it changes.
      const knownAt = now.toISOString();

      const outcomes = rows.map((row, i): RowOutcome => {
        const accountId = accountOf(accounts, undefined, row.domain);
        if (!accountId) return { column: 'domain', message: 'no account in this team has this domain (import accounts first)' };
        const key = `${row.source}\u0000${row.naturalKey}`;
        const next = { account_id: accountId, contact_id: contactIds[i] ?? null, occurred_at: row.occurredAt, data: row.data, kind: row.kind };
        const stored = known.get(key);
        if (!stored) {
          const created = { team_id: teamId, source: row.source, natural_key: row.naturalKey, delivery_id: null, ...next, known_at: knownAt };
          inserts.push(created);
          known.set(key, created);
          return 'created';
        }
        const same =
          stored.account_id === next.account_id && stored.contact_id === next.contact_id && stored.occurred_at === next.occurred_at && stored.data === next.data && stored.kind === next.kind;
        if (same) return 'unchanged';
        Object.assign(stored, next);
        if (stored.id !== undefined) updates.set(stored.id, { ...next, known_at: knownAt });
        return 'updated';
      });

      await insertMany(inserts, 500, (slice) => trx.insertInto('events').values(slice).execute());
      for (const [id, set] of updates) await trx.updateTable('events').set(set).where('team_id', '=', teamId).where('id', '=', id).execute();
      await markAccountIntelStale(trx, teamId, [...inserts, ...updates.values()].map((e) => e.account_id));
      return outcomes;
    },
  };
}

/** @example await runImport(db, intentImporter, source, { teamId, now }) // one event per domain, topic and week */
export const intentImporter = eventsImporter('intent', IntentCsvRow, Object.keys(IntentCsvRow.in.shape), ['domain', 'topic', 'score', 'week']);
/** @example await runImport(db, webVisitsImporter, source, { teamId, now }) // one event per domain, time and URL */
export const webVisitsImporter = eventsImporter('web-visits', WebVisitCsvRow, Object.keys(WebVisitCsvRow.in.shape), ['domain', 'url', 'time']);
/** @example await runImport(db, companyEventsImporter, source, { teamId, now }) // funding, hires, departures, acquisitions, news */
export const companyEventsImporter = eventsImporter(
  'company-events',
  CompanyEventCsvRow,
  Object.keys(CompanyEventCsvRow.in.shape),
  ['domain', 'kind', 'occurred_at'],
);
