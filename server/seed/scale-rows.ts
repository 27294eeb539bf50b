/**
 * Rows of the scale data set, one account at a time: the account, its domains, contacts with
 * emails and LinkedIn slugs, technologies, deals, a year of events and activities, with last
 * touch already set from the activities. Values are plain arrays in each table's column order
 * (see SCALE_COLUMNS) so the loader binds them to prepared statements without building objects.
 *
 * Ids embed the account and row numbers (`acc_s0001a2b`), so they are unique by construction and
 * arrive in index order, which keeps B-tree inserts at the right edge of each index.
 */
import { canonicalJson, sha256Hex } from '../ledger/payload.ts';
import { linkedInUrlOf, nameKey } from '../identity/normalize.ts';
import { DAY_MS, slugOf, weekStart } from './demo-context.ts';
import type { Rng } from './prng.ts';
import { COMPANY_STEMS, DEPARTMENTS, DEPARTMENT_NAMES, FIRST_NAMES, INDUSTRIES, INTENT_TOPICS, LAST_NAMES, PAGE_TYPES, SENIORITIES, SITE, STAGES, TECHNOLOGIES, TERRITORIES } from './vocab.ts';

export const SCALE_COLUMNS = {
  accounts: ['id', 'team_id', 'external_id', 'name', 'tier', 'stage', 'stage_set_by', 'tier_set_by', 'owner_id', 'territory', 'industry', 'employees', 'location', 'country', 'revenue', 'funding', 'description', 'field_sources', 'last_touch_at', 'last_touch_type', 'last_touch_by', 'created_at', 'updated_at'],
  account_domains: ['team_id', 'domain', 'account_id'],
  account_history: ['team_id', 'account_id', 'kind', 'from_value', 'to_value', 'changed_at', 'changed_by', 'reason'],
  contacts: ['id', 'team_id', 'account_id', 'external_id', 'name', 'name_key', 'title', 'seniority', 'department', 'location', 'buying_role', 'linkedin_slug', 'tenure_start', 'past_employers', 'field_sources', 'last_touch_at', 'last_touch_type', 'last_touch_by', 'created_at', 'updated_at'],
  contact_emails: ['team_id', 'email', 'contact_id'],
  technologies: ['team_id', 'account_id', 'name', 'category', 'competitor', 'added_at', 'removed_at', 'source', 'refreshed_at'],
  deals: ['id', 'team_id', 'account_id', 'external_id', 'name', 'stage', 'amount', 'currency', 'close_date', 'forecast_category', 'next_step', 'competitor', 'owner_id', 'stage_changed_at', 'created_at', 'updated_at'],
  deal_history: ['team_id', 'deal_id', 'field', 'from_value', 'to_value', 'changed_at'],
  events: ['team_id', 'account_id', 'contact_id', 'kind', 'occurred_at', 'source', 'natural_key', 'delivery_id', 'data'],
  activities: ['id', 'team_id', 'natural_key', 'type', 'subject', 'body', 'occurred_at', 'contact_id', 'account_id', 'deal_id', 'user_id', 'surface', 'payload_hash', 'recorded_at'],
} as const;
export type ScaleTable = keyof typeof SCALE_COLUMNS;
type Value = string | number | null;

/** Per account, on average: 10 contacts, 100 events, 10 activities, 1.5 deals, 4 technologies. */
export interface ScaleShape {
  contacts: [number, number];
  visits: [number, number];
  activities: [number, number];
}
export const SCALE_SHAPE: ScaleShape = { contacts: [5, 15], visits: [22, 100], activities: [5, 15] };

export interface ScaleContext {
  rng: Rng;
  now: Date;
  teamId: string;
  repIds: string[];
  shape: ScaleShape;
  emit(table: ScaleTable, values: Value[]): void;
  /** Called for each contact with a LinkedIn slug, for the benchmark's sample. */
  onContact(id: string, linkedinUrl: string, email: string | null): void;
}

const id36 = (n: number, width = 7) => n.toString(36).padStart(width, '0');
const NAME_KEYS = new Map<string, string>();
const keyOf = (name: string) => {
  let key = NAME_KEYS.get(name);
  if (key === undefined) NAME_KEYS.set(name, (key = nameKey(name)));
  return key;
};
const PAGES = PAGE_TYPES.map(([type, path, weight]) => [`{"url":"${SITE}${path}","pageType":"${type}"}`, weight] as const);
const STAGE_WEIGHTS = [[0, 30], [1, 25], [2, 18], [3, 12], [4, 7], [5, 8]] as const;
const ACTIVITY_TYPES: readonly (readonly [readonly [string, string], number])[] = [[['email', 'gmail'], 40], [['call', 'sidepanel'], 18], [['meeting', 'calendar'], 14], [['linkedin_message', 'linkedin'], 18], [['note', 'sidepanel'], 10]];
let weeksMemo: { at: number; weeks: string[] } | null = null;
/** The 26 Mondays of the intent window, oldest first (computed once per anchor). */
function weeksOf(now: Date): string[] {
  if (weeksMemo?.at !== now.getTime()) weeksMemo = { at: now.getTime(), weeks: Array.from({ length: 26 }, (_, n) => weekStart(now, 25 - n)) };
  return weeksMemo.weeks;
}

/** Emits every row of account number `index`. */
export function emitScaleAccount(ctx: ScaleContext, index: number): void {
  const { rng, now, teamId, emit } = ctx;
  const nowMs = now.getTime();
  const iso = (daysBack: number) => new Date(nowMs - Math.floor(daysBack * DAY_MS)).toISOString();
  const accountId = `acc_s${id36(index)}`;
  const territory = TERRITORIES[index % TERRITORIES.length]!;
  const [location, country] = rng.pick(territory.places);
  const industry = rng.pick(INDUSTRIES);
  const name = `${rng.pick(COMPANY_STEMS)} ${rng.pick(industry.suffixes)} ${id36(index, 1).toUpperCase()}`;
  const domain = `${slugOf(name)}.${rng.pick(territory.tlds)}`;
  const tier = rng.weighted([[1, 15], [2, 35], [3, 50]] as const);
  const stage = STAGES[rng.weighted(STAGE_WEIGHTS)]!;
  const owner = ctx.repIds[index % ctx.repIds.length]!;
  const employees = rng.int(20, 50_000);
  const enriched = iso(rng.chance(0.3) ? rng.int(190, 500) : rng.int(2, 170));
  const created = iso(rng.int(370, 1200));

  // Contacts first (ids only), so activities can name them and last touch can be set before insert.
  const contactCount = rng.int(ctx.shape.contacts[0], ctx.shape.contacts[1]);
  const contactIds = Array.from({ length: contactCount }, (_, n) => `con_s${id36(index)}${id36(n, 2)}`);
  const touch = new Map<string, [string, string]>();

  const activities: Value[][] = [];
  const activityCount = rng.int(ctx.shape.activities[0], ctx.shape.activities[1]);
  for (let n = 0; n < activityCount; n++) {
    const [type, surface] = rng.weighted(ACTIVITY_TYPES);
    const occurredAt = iso(365 * rng.next() ** 1.5 + 0.01);
    const contactId = type === 'note' ? null : rng.pick(contactIds);
    const naturalKey = type === 'email' ? `gmail:s${id36(index)}${id36(n, 2)}` : type === 'meeting' ? `gcal:s${id36(index)}${id36(n, 2)}:${occurredAt}` : null;
    const payload = { naturalKey, type, subject: null, body: null, occurredAt, contactId, accountId, dealId: null, surface };
    activities.push([rng.uuid(), teamId, naturalKey, type, null, null, occurredAt, contactId, accountId, null, owner, surface, sha256Hex(canonicalJson(payload)), occurredAt]);
    for (const key of [accountId, contactId]) {
      if (key && (touch.get(key)?.[0] ?? '') < occurredAt) touch.set(key, [occurredAt, type]);
    }
  }

  const accountTouch = touch.get(accountId);
  emit('accounts', [
    accountId, teamId, null, name, tier, stage, owner, owner, owner, territory.territory, industry.industry, employees, location, country,
    employees * 150_000, 'Private', `${name} is a ${industry.industry.toLowerCase()} company in ${location}.`,
    `{"industry":{"source":"enrichment","refreshedAt":"${enriched}"},"employees":{"source":"enrichment","refreshedAt":"${enriched}"},"revenue":{"source":"enrichment","refreshedAt":"${enriched}"}}`,
    accountTouch?.[0] ?? null, accountTouch?.[1] ?? null, accountTouch ? owner : null, created, enriched > created ? enriched : created,
  ]);
  emit('account_domains', [teamId, domain, accountId]);
  emit('account_history', [teamId, accountId, 'stage', null, 'identified', created, owner, 'Added from the target account list']);
  if (stage !== 'identified') emit('account_history', [teamId, accountId, 'stage', 'identified', stage, iso(rng.int(1, 360)), owner, 'Moved by its owner']);

  const taken = new Set<string>();
  for (const [n, contactId] of contactIds.entries()) {
    const first = rng.pick(FIRST_NAMES);
    const last = rng.pick(LAST_NAMES);
    const person = `${first} ${last}`;
    const seniority = SENIORITIES[Math.min(5, n)]!;
    const department = rng.pick(DEPARTMENT_NAMES);
    const slug = `${slugOf(person)}-${id36(index)}${id36(n, 2)}`;
    let local = `${slugOf(first)}.${slugOf(last).replaceAll('-', '')}`;
    if (taken.has(local)) local += id36(n, 2);
    taken.add(local);
    const email = `${local}@${domain}`;
    const contactTouch = touch.get(contactId);
    emit('contacts', [
      contactId, teamId, accountId, null, person, keyOf(person), DEPARTMENTS[department][seniority], seniority, department, location,
      n === 0 ? 'decision_maker' : n === 1 ? 'champion' : 'influencer', slug, iso(rng.int(60, 3000)).slice(0, 7), '[]',
      `{"title":{"source":"enrichment","refreshedAt":"${enriched}"}}`,
      contactTouch?.[0] ?? null, contactTouch?.[1] ?? null, contactTouch ? owner : null, created, enriched > created ? enriched : created,
    ]);
    emit('contact_emails', [teamId, email, contactId]);
    ctx.onContact(contactId, linkedInUrlOf(slug), email);
  }

  for (const tech of rng.sample(TECHNOLOGIES, rng.int(2, 6))) {
    emit('technologies', [teamId, accountId, tech.name, tech.category, tech.competitor ? 1 : 0, iso(rng.int(30, 1500)).slice(0, 10), null, 'technographics', enriched]);
  }
  for (let n = rng.int(0, 3); n > 0; n--) {
    const dealId = `deal_s${id36(index)}${id36(n, 1)}`;
    const dealStage = rng.pick(['qualification', 'discovery', 'proposal', 'negotiation', 'closed_won', 'closed_lost']);
    const changed = iso(rng.int(1, 200));
    emit('deals', [dealId, teamId, accountId, null, `${name}: Data Cloud ${n}`, dealStage, rng.int(8, 600) * 1000, 'USD', new Date(nowMs + rng.int(-60, 120) * DAY_MS).toISOString().slice(0, 10), dealStage === 'closed_lost' ? 'omitted' : dealStage === 'proposal' ? 'best_case' : 'pipeline', null, null, owner, changed, created, changed]);
    emit('deal_history', [teamId, dealId, 'stage', null, 'qualification', created]);
    emit('deal_history', [teamId, dealId, 'stage', 'qualification', dealStage, changed]);
  }

  emitEvents(ctx, index, accountId, contactIds, iso);
  for (const row of activities) emit('activities', row);
}

function emitEvents(ctx: ScaleContext, index: number, accountId: string, contactIds: string[], iso: (daysBack: number) => string) {
  const { rng, teamId, emit } = ctx;
  const key = id36(index);
  const visits = rng.int(ctx.shape.visits[0], ctx.shape.visits[1]);
  for (let n = 0; n < visits; n++) {
    emit('events', [teamId, accountId, rng.chance(0.2) ? rng.pick(contactIds) : null, 'web_visit', iso(365 * rng.next()), 'web-visits', `v:${key}:${n}`, null, rng.weighted(PAGES)]);
  }
  const weeks = weeksOf(ctx.now);
  for (const topic of rng.sample(INTENT_TOPICS, rng.int(1, 2))) {
    const surge = rng.chance(0.1);
    let score = rng.int(10, 45);
    for (const [w, week] of weeks.entries()) {
      score = Math.max(0, Math.min(58, score + rng.int(-8, 8)));
      const value = surge && w >= weeks.length - 2 ? score + 30 : score;
      emit('events', [teamId, accountId, null, 'intent', `${week}T00:00:00.000Z`, 'intent', `i:${key}:${topic}:${week}`, null, `{"topic":"${topic}","score":${value},"week":"${week}"}`]);
    }
  }
  if (rng.chance(0.04)) emit('events', [teamId, accountId, null, 'funding', iso(rng.int(1, 365)), 'news', `f:${key}`, null, `{"round":"Series B","amountUsd":${rng.int(10, 90) * 1_000_000}}`]);
  if (rng.chance(0.06)) emit('events', [teamId, accountId, null, 'exec_hire', iso(rng.int(1, 180)), 'news', `h:${key}`, null, '{"title":"VP Data"}']);
  if (rng.chance(0.03)) emit('events', [teamId, accountId, contactIds[1] ?? null, 'departure', iso(rng.int(1, 90)), 'news', `d:${key}`, null, `{"contactId":"${contactIds[1] ?? contactIds[0]}","title":"Champion"}`]);
  if (rng.chance(0.2)) emit('events', [teamId, accountId, null, 'news', iso(rng.int(1, 200)), 'news', `n:${key}`, null, `{"headline":"Company news ${key}","url":"https://newswire.example/${key}"}`]);
}
