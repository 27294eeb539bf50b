/**
 * Gathers the facts for one brief: runs the brief statements (queries.ts) for a contact and/or
 * an account of one team, and turns their rows into the plain records the intelligence rules
 * and the assembler read. Nothing here decides anything; a malformed stored value becomes
 * "unknown", never an exception.
 *
 * @example
 * const gathered = await gatherBriefFacts(db, teamId, { contactId }, now);
 * gathered?.account?.facts.events.length
 */
import { z } from 'zod';
import { PastEmployer, Stage, type StatusChange, type Touch } from '../../shared/brief.ts';
import { parseEventData, type EventData } from '../../shared/events.ts';
import type { OpenedDatabase } from '../db/connect.ts';
import type { AccountFacts, ActivityFact, DealChange, DealFact, EventFact, PersonFact, TechnologyFact } from '../intel/facts.ts';
import { parseFieldSources, type FieldSources } from '../intel/freshness.ts';
import { touchOf } from '../intel/relationship.ts';
import { settingsFrom, type IntelSettings } from '../intel/settings.ts';
import { daysBefore } from '../intel/time.ts';
import { accountById, accountOfContact, contactById, READ_LIMITS, type AccountRowJson, type ContactRowJson, type JsonArray } from './queries.ts';

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

const PastEmployers = z.array(PastEmployer);
const STAGES: ReadonlySet<string> = new Set(Stage.options);
function pastEmployersOf(json: string | null): PastEmployer[] {
  if (!json || json === '[]') return [];
  try {
    const parsed = PastEmployers.safeParse(JSON.parse(json));
    return parsed.success ? parsed.data : [];
  } catch {
    return [];
  }
}

function countsOf(value: JsonArray | undefined): Record<string, number> {
  const counts: Record<string, number> = {};
  for (const row of listOf(value)) {
    const type = str(row.type);
    if (type) counts[type] = num(row.n) ?? 0;
  }
  return counts;
}

function contactRecord(row: ContactRowJson): ContactRecord {
  return {
    id: row.id,
    accountId: row.account_id,
    name: row.name,
    title: row.title,
    seniority: row.seniority,
    department: row.department,
    location: row.location,
    buyingRole: row.buying_role,
    linkedinSlug: row.linkedin_slug,
    tenureStart: row.tenure_start,
    pastEmployers: pastEmployersOf(row.past_employers),
    fieldSources: parseFieldSources(row.field_sources),
    lastTouch: touchOf(row.last_touch_at, row.last_touch_type, row.last_touch_by_name ?? row.last_touch_by),
    emails: listOf(row.emails).map((r) => str(r.email)).filter((e): e is string => e !== null),
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
    if (typed) events.push({ ...typed, occurredAt, contactId: str(row.contact_id), source: str(row.source) ?? 'unknown' });
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

function accountRecord(row: AccountRowJson, contact: ContactRecord | null): AccountRecord {
  const tier = row.tier === 1 || row.tier === 2 || row.tier === 3 ? row.tier : null;
  return {
    id: row.id,
    name: row.name,
    tier,
    // A stage outside the shared definitions (a CRM's own) shows as the first stage rather than failing the brief.
    stage: STAGES.has(row.stage) ? (row.stage as Stage) : 'identified',
    territory: row.territory,
    industry: row.industry,
    employees: num(row.employees),
    location: row.location,
    revenue: num(row.revenue),
    funding: row.funding,
    description: row.description,
    fieldSources: parseFieldSources(row.field_sources),
    owner: row.owner_id && row.owner_name ? { id: row.owner_id, name: row.owner_name } : null,
    lastTouch: touchOf(row.last_touch_at, row.last_touch_type, row.last_touch_by_name ?? row.last_touch_by),
    domains: listOf(row.domains).map((r) => str(r.domain)).filter((d): d is string => d !== null),
    history: listOf(row.history).map(statusChangeOf),
    activityCounts: row.activity_counts === null || row.activity_counts === undefined ? null : countsOf(row.activity_counts),
    facts: {
      accountId: row.id,
      accountName: row.name,
      focusContactId: contact?.id ?? null,
      events: eventsOf(row.events),
      technologies: listOf(row.technologies).map(technologyOf),
      deals: listOf(row.deals).map(dealOf),
      dealChanges: listOf(row.deal_changes).map(dealChangeOf),
      activities: listOf(row.activities).map(activityOf),
      contacts: listOf(row.people).map(personOf),
      lastTouchAt: row.last_touch_at,
      lastTouchType: row.last_touch_type,
      pastEmployers: contact?.pastEmployers.map((p) => p.company),
    },
  };
}

export interface GatherTarget {
  contactId?: string | undefined;
  accountId?: string | undefined;
}

/**
 * Reads one brief's facts for a team. A contact brief runs the contact and its account
 * statements together (the account is found through the contact, so an id from a ref needs no
 * extra round trip); an account brief runs one. Null when the contact or account is not the team's.
 */
export async function gatherBriefFacts(db: OpenedDatabase, teamId: string, target: GatherTarget, now: Date): Promise<GatheredBrief | null> {
  const since = daysBefore(now, READ_LIMITS.windowDays);
  if (target.contactId) {
    const params = { team: teamId, contact: target.contactId };
    const [contactRows, accountRows] = await Promise.all([
      contactById(db, params),
      accountOfContact(db, { ...params, account: '', since, activitySince: since }),
    ]);
    const contactRow = contactRows[0];
    if (!contactRow) return null;
    const contact = contactRecord(contactRow);
    const accountRow = accountRows[0];
    return {
      contact,
      account: accountRow ? accountRecord(accountRow, contact) : null,
      settings: settingsFrom({ intel: contactRow.intel_settings, thresholds: contactRow.thresholds }),
    };
  }
  if (target.accountId) {
    const rows = await accountById(db, { team: teamId, account: target.accountId, contact: '', since, activitySince: since });
    const row = rows[0];
    if (!row) return null;
    return { contact: null, account: accountRecord(row, null), settings: settingsFrom({ intel: row.intel_settings, thresholds: row.thresholds }) };
  }
  return null;
}
