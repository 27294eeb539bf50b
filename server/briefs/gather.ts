/**
 * Gathers the facts for one brief: runs the brief statement (queries.ts) for a contact or an
 * account of one team, and turns their rows into the plain records the intelligence rules
 * and the assembler read. Nothing here decides anything; a malformed stored value becomes
 * "unknown", never an exception.
 *
 * @example
 * const gathered = await gatherBriefFacts(db, teamId, { contactId }, now);
 * gathered?.account?.facts.events.length
 */
import { Stage, type PastEmployer, type StatusChange, type Touch } from '../../shared/brief.ts';
import { parseEventData, type EventData } from '../../shared/events.ts';
import type { OpenedDatabase } from '../db/connect.ts';
import type { AccountFacts, ActivityFact, DealChange, DealFact, EventFact, PersonFact, TechnologyFact } from '../intel/facts.ts';
import { parseFieldSources, type FieldSources } from '../intel/freshness.ts';
import { touchOf } from '../intel/relationship.ts';
import { INTEL_SETTINGS_KEY, settingsFrom, THRESHOLDS_SETTINGS_KEY, type IntelSettings } from '../intel/settings.ts';
import { daysBefore } from '../intel/time.ts';
import { accountBrief, contactBrief, READ_LIMITS, type BriefRowJson, type JsonArray } from './queries.ts';

export interface ContactRecord {
  id: string;
  accountId: string | null;
  name: string;
  title: string | null;
  seniority: string | null;
  department: string | null;
  location: string | null;
  buyingRole: string | null;
  linkedinSlug: string | null;
  tenureStart: string | null;
  pastEmployers: PastEmployer[];
  /** E.164 where the import knew the country, else as typed. */
  phones: string[];
  fieldSources: FieldSources;
  lastTouch: Touch | null;
  emails: string[];
  activityCounts: Record<string, number>;
}

export interface AccountRecord {
  id: string;
  name: string;
  tier: 1 | 2 | 3 | null;
  stage: Stage;
  territory: string | null;
  industry: string | null;
  employees: number | null;
  location: string | null;
  country: string | null;
  /** Who set the stage and tier: a user id or 'import' (by hand), `rule:<name>`, or null (never set). */
  stageSetBy: string | null;
  tierSetBy: string | null;
  revenue: number | null;
  funding: string | null;
  description: string | null;
  fieldSources: FieldSources;
  owner: { id: string; name: string } | null;
  lastTouch: Touch | null;
  domains: string[];
  history: StatusChange[];
  /** Lifetime counts for the account; null in a contact brief (which counts the contact's). */
  activityCounts: Record<string, number> | null;
  /** What the intelligence rules read. */
  facts: AccountFacts;
}

export interface GatheredBrief {
  contact: ContactRecord | null;
  account: AccountRecord | null;
  settings: IntelSettings;
}

type Row = Record<string, unknown>;

/** A JSON-aggregated list: text from SQLite, already parsed from PostgreSQL. */
function listOf(value: JsonArray | undefined): Row[] {
  if (value === null || value === undefined) return [];
  if (Array.isArray(value)) return value as Row[];
  try {
    const parsed: unknown = JSON.parse(value);
    return Array.isArray(parsed) ? (parsed as Row[]) : [];
  } catch {
    return [];
  }
}

const str = (v: unknown): string | null => (typeof v === 'string' ? v : null);
const num = (v: unknown): number | null => (typeof v === 'number' && Number.isFinite(v) ? v : typeof v === 'string' && v !== '' && Number.isFinite(Number(v)) ? Number(v) : null);

const STAGES: ReadonlySet<string> = new Set(Stage.options);
const PAST_EMPLOYER_KEYS: ReadonlySet<string> = new Set(['company', 'title', 'from', 'to']);

/** Checked by hand, not with zod: this runs for every brief, and the shape is small (PastEmployer in shared/brief.ts). */
function isPastEmployer(value: unknown): value is PastEmployer {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return false;
  const record = value as Record<string, unknown>;
  if (typeof record.company !== 'string') return false;
  for (const [key, v] of Object.entries(record)) if (!PAST_EMPLOYER_KEYS.has(key) || typeof v !== 'string') return false;
  return true;
}

function pastEmployersOf(json: string | null): PastEmployer[] {
  if (!json || json === '[]') return [];
  try {
    const parsed: unknown = JSON.parse(json);
    return Array.isArray(parsed) && parsed.every(isPastEmployer) ? parsed : [];
  } catch {
    return [];
  }
}

function phonesOf(json: string | null): string[] {
  if (!json || json === '[]') return [];
  try {
    const parsed: unknown = JSON.parse(json);
    return Array.isArray(parsed) ? parsed.filter((p): p is string => typeof p === 'string') : [];
  } catch {
    return [];
  }
}

/** Counts by type; a type listed twice (a contact's own activities and those they were on: queries.ts `countsBy`) is summed. */
function countsOf(value: JsonArray | undefined): Record<string, number> {
  const counts: Record<string, number> = {};
  for (const row of listOf(value)) {
    const type = str(row.type);
    if (type) counts[type] = (counts[type] ?? 0) + (num(row.n) ?? 0);
  }
  return counts;
}

/** The columns a contact's part is made of (the full statement's row, or the snapshot statement's). */
export type ContactRowJson = Pick<BriefRowJson, Extract<keyof BriefRowJson, `c_${string}`> | 'a_id'> & { activity_counts?: JsonArray };

/** The contact part of a contact brief's row. */
export function contactRecord(row: ContactRowJson & { c_id: string }): ContactRecord {
  return {
    id: row.c_id,
    accountId: row.a_id,
    name: row.c_name ?? '',
    title: row.c_title ?? null,
    seniority: row.c_seniority ?? null,
    department: row.c_department ?? null,
    location: row.c_location ?? null,
    buyingRole: row.c_buying_role ?? null,
    linkedinSlug: row.c_linkedin_slug ?? null,
    tenureStart: row.c_tenure_start ?? null,
    pastEmployers: pastEmployersOf(row.c_past_employers ?? null),
    phones: phonesOf(row.c_phones ?? null),
    fieldSources: parseFieldSources(row.c_field_sources),
    lastTouch: touchOf(row.c_last_touch_at ?? null, row.c_last_touch_type ?? null, row.c_last_touch_by_name ?? row.c_last_touch_by ?? null),
    emails: listOf(row.c_emails)
      .map((r) => str(r.email))
      .filter((e): e is string => e !== null)
      .sort(),
    activityCounts: countsOf(row.activity_counts),
  };
}

// Stored event data repeats (the same page visited again, the same vendor row shapes), and
// parsing and validating it was the largest share of gathering: memoise by its text. The parsed
// objects are shared between briefs, which only ever read them.
const eventDataMemo = new Map<string, EventData | null>();
const MEMO_LIMIT = 20_000;

function eventDataOf(kind: string, data: unknown): EventData | null {
  if (typeof data !== 'string') return parseEventData(kind, data);
  const key = `${kind}\u0000${data}`;
  let parsed = eventDataMemo.get(key);
  if (parsed === undefined) {
    parsed = parseEventData(kind, data);
    if (eventDataMemo.size >= MEMO_LIMIT) eventDataMemo.clear();
    eventDataMemo.set(key, parsed);
  }
  return parsed;
}

function eventsOf(value: JsonArray): EventFact[] {
  const events: EventFact[] = [];
  for (const row of listOf(value)) {
    const kind = str(row.kind);
    const occurredAt = str(row.occurred_at);
    if (!kind || !occurredAt) continue;
    // Unknown kinds and data that no longer fits its kind are skipped, not fatal.
    const typed = eventDataOf(kind, row.data);
    // Known when it arrived, and never before it happened (an event recorded ahead of its time).
    const arrived = str(row.known_at);
    const knownAt = arrived && arrived > occurredAt ? arrived : occurredAt;
    if (typed) events.push({ ...typed, occurredAt, knownAt, contactId: str(row.contact_id), source: str(row.source) ?? 'unknown' });
  }
  // JSON aggregation keeps the subquery's order in practice, but the rules rely on newest first.
  return events.sort((a, b) => (a.occurredAt < b.occurredAt ? 1 : a.occurredAt > b.occurredAt ? -1 : 0));
}

const technologyOf = (r: Row): TechnologyFact => ({
  name: str(r.name) ?? '',
  category: str(r.category),
  competitor: r.competitor === 1 || r.competitor === true,
  addedAt: str(r.added_at),
  removedAt: str(r.removed_at),
  addedKnownAt: str(r.added_known_at) ?? undefined,
  removedKnownAt: str(r.removed_known_at) ?? undefined,
  source: str(r.source),
  refreshedAt: str(r.refreshed_at),
});

const dealOf = (r: Row): DealFact => {
  const ownerId = str(r.owner_id);
  return {
    id: str(r.id) ?? '',
    name: str(r.name) ?? '',
    stage: str(r.stage) ?? '',
    amount: num(r.amount),
    currency: str(r.currency) ?? 'USD',
    closeDate: str(r.close_date),
    forecastCategory: str(r.forecast_category) ?? 'pipeline',
    nextStep: str(r.next_step),
    competitor: str(r.competitor),
    owner: ownerId ? { id: ownerId, name: str(r.owner_name) ?? ownerId } : null,
    stageChangedAt: str(r.stage_changed_at) ?? str(r.created_at) ?? '',
    createdAt: str(r.created_at) ?? '',
  };
};

const dealChangeOf = (r: Row): DealChange => ({
  dealId: str(r.deal_id) ?? '',
  field: str(r.field) ?? '',
  from: str(r.from_value),
  to: str(r.to_value),
  at: str(r.changed_at) ?? '',
});

const personOf = (r: Row): PersonFact => ({
  id: str(r.id) ?? '',
  name: str(r.name) ?? '',
  title: str(r.title),
  buyingRole: str(r.buying_role),
  phones: phonesOf(str(r.phones)),
  lastTouchAt: str(r.last_touch_at),
  lastTouchType: str(r.last_touch_type),
  lastTouchBy: str(r.last_touch_by_name) ?? str(r.last_touch_by),
});

const activityOf = (r: Row): ActivityFact => ({
  type: str(r.type) ?? 'activity',
  occurredAt: str(r.occurred_at) ?? '',
  contactId: str(r.contact_id),
  userId: str(r.user_id),
});

const statusChangeOf = (r: Row): StatusChange => ({
  kind: r.kind === 'tier' ? 'tier' : 'stage',
  from: str(r.from_value),
  to: str(r.to_value) ?? '',
  at: str(r.changed_at) ?? '',
  by: str(r.changed_by_name) ?? str(r.changed_by) ?? '',
  reason: str(r.reason),
});

/** The account part of a brief's row (null columns when a contact has no account). */
export function accountRecord(row: BriefRowJson & { a_id: string }, contact: ContactRecord | null): AccountRecord {
  const tier = row.a_tier === 1 || row.a_tier === 2 || row.a_tier === 3 ? row.a_tier : null;
  const name = row.a_name ?? '';
  return {
    id: row.a_id,
    name,
    tier,
    // A stage outside the shared definitions (a CRM's own) shows as the first stage rather than failing the brief.
    stage: row.a_stage && STAGES.has(row.a_stage) ? (row.a_stage as Stage) : 'identified',
    territory: row.a_territory,
    industry: row.a_industry,
    employees: num(row.a_employees),
    location: row.a_location,
    country: row.a_country ?? null,
    stageSetBy: row.a_stage_set_by ?? null,
    tierSetBy: row.a_tier_set_by ?? null,
    revenue: num(row.a_revenue),
    funding: row.a_funding,
    description: row.a_description,
    fieldSources: parseFieldSources(row.a_field_sources),
    owner: row.a_owner_id && row.a_owner_name ? { id: row.a_owner_id, name: row.a_owner_name } : null,
    lastTouch: touchOf(row.a_last_touch_at, row.a_last_touch_type, row.a_last_touch_by_name ?? row.a_last_touch_by),
    domains: listOf(row.domains)
      .map((r) => str(r.domain))
      .filter((d): d is string => d !== null)
      .sort(),
    history: listOf(row.history).map(statusChangeOf),
    activityCounts: contact ? null : countsOf(row.activity_counts),
    facts: {
      accountId: row.a_id,
      accountName: name,
      focusContactId: contact?.id ?? null,
      events: eventsOf(row.events),
      technologies: listOf(row.technologies)
        .map(technologyOf)
        .sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0)),
      deals: listOf(row.deals).map(dealOf),
      dealChanges: listOf(row.deal_changes).map(dealChangeOf),
      activities: listOf(row.activities).map(activityOf),
      contacts: listOf(row.people).map(personOf),
      lastTouchAt: row.a_last_touch_at,
      lastTouchType: row.a_last_touch_type,
      pastEmployers: contact?.pastEmployers.map((p) => p.company),
    },
  };
}

/** The team's stored `intel` override and `thresholds`, from the row's settings list. */
export function storedSettingsOfRow(row: Pick<BriefRowJson, 'settings'>): { intel?: string | null; thresholds?: string | null } {
  const stored: { intel?: string | null; thresholds?: string | null } = {};
  for (const r of listOf(row.settings)) {
    if (r.key === INTEL_SETTINGS_KEY) stored.intel = str(r.value);
    else if (r.key === THRESHOLDS_SETTINGS_KEY) stored.thresholds = str(r.value);
  }
  return stored;
}

/** The team's settings, from the row's settings list. */
export const settingsOfRow = (row: Pick<BriefRowJson, 'settings'>): IntelSettings => settingsFrom(storedSettingsOfRow(row));

export interface GatherTarget {
  contactId?: string | undefined;
  accountId?: string | undefined;
}

/**
 * Reads one brief's facts for a team in one statement: a contact with its account, or an
 * account alone. Null when the contact or account is not the team's.
 */
export async function gatherBriefFacts(db: OpenedDatabase, teamId: string, target: GatherTarget, now: Date): Promise<GatheredBrief | null> {
  const since = daysBefore(now, READ_LIMITS.windowDays);
  const rows = target.contactId
    ? await contactBrief(db, { team: teamId, contact: target.contactId, since })
    : target.accountId
      ? await accountBrief(db, { team: teamId, account: target.accountId, since })
      : [];
  const row = rows[0];
  if (!row) return null;
  const contact = row.c_id ? contactRecord({ ...row, c_id: row.c_id }) : null;
  const account = row.a_id ? accountRecord({ ...row, a_id: row.a_id }, contact) : null;
  return { contact, account, settings: settingsOfRow(row) };
}
