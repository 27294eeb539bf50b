/**
 * The statement a brief is gathered with: ONE per brief. It reads the contact (when the brief is
 * about one) and its account, and as JSON arrays the account's domains, history, technologies,
 * recent events, deals and their changes, contacts, activities and activity counts, plus the
 * team's intel settings. It is compiled once per database (prepared.ts).
 *
 * Why one statement with subqueries rather than a dozen small ones: the per-statement cost
 * (driver, round trip on PostgreSQL) dominates the work of these indexed lookups. Subqueries are
 * written once and wrapped by the dialect's JSON aggregation (`json_group_array` / `json_agg`).
 * Every subquery is bounded (READ_LIMITS) and scoped to the outer row's team.
 */
import { sql, type ExpressionBuilder } from 'kysely';
import { jsonArrayFrom as pgJsonArrayFrom } from 'kysely/helpers/postgres';
import { jsonArrayFrom as sqliteJsonArrayFrom } from 'kysely/helpers/sqlite';
import type { Dialect } from '../db/connect.ts';
import type { AccountsTable, ContactsTable, Database } from '../db/schema.ts';
import { INTEL_SETTINGS_KEY, THRESHOLDS_SETTINGS_KEY } from '../intel/settings.ts';
import { prepared } from './prepared.ts';

/** Hard caps on what one brief reads, whatever an account's size: days back for events and activities, rows per list. */
export const READ_LIMITS = { windowDays: 90, events: 500, contacts: 200, deals: 50, dealChanges: 200, activities: 100, history: 20, technologies: 100, domains: 20, emails: 20 } as const;

/** The dialect's JSON aggregation of a subquery; both helpers have the same signature. */
export const jsonArrayOf = (dialect: Dialect): typeof sqliteJsonArrayFrom => (dialect === 'postgres' ? pgJsonArrayFrom : sqliteJsonArrayFrom);

/**
 * Constants go into the SQL as literals, not parameters: SQLite plans a subquery with a bound
 * `LIMIT ?` several times slower (measured 30 µs → 100 µs for a contact).
 */
export const lit = <T extends string | number>(value: T) => sql.lit(value);

/**
 * `team_id || ''`: still scopes by team, but SQLite's planner (no statistics) would otherwise pick
 * a `(team_id, …)` index and walk every row of the team instead of the account's few.
 */
export const teamScope = (column: string) => sql<string>`${sql.ref(column)} || ''`;

/**
 * What the subqueries see: the outer `a` (accounts) and, in a contact brief, `c` (contacts) rows.
 * In a contact brief `a` is left-joined (nullable); the subqueries only compare its columns, so a
 * contact without an account yields empty lists. The statements cast their builders to this.
 */
export type Scope = ExpressionBuilder<Database & { a: AccountsTable; c: ContactsTable }, 'a' | 'c'>;
type Param = (name: 'since') => string;

function accountSubqueries(eb: Scope, dialect: Dialect, p: Param) {
  const json = jsonArrayOf(dialect);
  return [
    json(
      eb
        .selectFrom('account_domains as ad')
        .select('ad.domain')
        .whereRef('ad.account_id', '=', 'a.id')
        .where(teamScope('ad.team_id'), '=', sql.ref<string>('a.team_id'))
        .limit(lit(READ_LIMITS.domains)),
    ).as('domains'),
    json(
      eb
        .selectFrom('account_history as ah')
        .leftJoin('users as hu', 'hu.id', 'ah.changed_by')
        .select(['ah.kind', 'ah.from_value', 'ah.to_value', 'ah.changed_at', 'ah.changed_by', 'hu.name as changed_by_name', 'ah.reason'])
        .whereRef('ah.account_id', '=', 'a.id')
        .where(teamScope('ah.team_id'), '=', sql.ref<string>('a.team_id'))
        .orderBy('ah.changed_at', 'desc')
        .limit(lit(READ_LIMITS.history)),
    ).as('history'),
    json(
      eb
        .selectFrom('technologies as t')
        .select(['t.name', 't.category', 't.competitor', 't.added_at', 't.removed_at', 't.added_known_at', 't.removed_known_at', 't.source', 't.refreshed_at'])
        .whereRef('t.team_id', '=', 'a.team_id')
        .whereRef('t.account_id', '=', 'a.id')
        .limit(lit(READ_LIMITS.technologies)),
    ).as('technologies'),
    json(
      eb
        .selectFrom('events as e')
        .select(['e.kind', 'e.occurred_at', 'e.known_at', 'e.contact_id', 'e.source', 'e.data'])
        .whereRef('e.team_id', '=', 'a.team_id')
        .whereRef('e.account_id', '=', 'a.id')
        .where('e.occurred_at', '>=', p('since'))
        .orderBy('e.occurred_at', 'desc')
        .limit(lit(READ_LIMITS.events)),
    ).as('events'),
    json(
      eb
        .selectFrom('deals as d')
        .leftJoin('users as du', 'du.id', 'd.owner_id')
        .select(['d.id', 'd.name', 'd.stage', 'd.amount', 'd.currency', 'd.close_date', 'd.forecast_category', 'd.next_step', 'd.competitor', 'd.owner_id', 'du.name as owner_name', 'd.stage_changed_at', 'd.created_at'])
        .whereRef('d.team_id', '=', 'a.team_id')
        .whereRef('d.account_id', '=', 'a.id')
        .orderBy('d.created_at', 'desc')
        .limit(lit(READ_LIMITS.deals)),
    ).as('deals'),
    json(
      eb
        .selectFrom('deal_history as h')
        .innerJoin('deals as hd', 'hd.id', 'h.deal_id')
        .select(['h.deal_id', 'h.field', 'h.from_value', 'h.to_value', 'h.changed_at'])
        .whereRef('hd.team_id', '=', 'a.team_id')
        .whereRef('hd.account_id', '=', 'a.id')
        .whereRef('h.team_id', '=', 'a.team_id')
        .where('h.field', 'in', [lit('stage'), lit('close_date')])
        .orderBy('h.changed_at', 'desc')
        .limit(lit(READ_LIMITS.dealChanges)),
    ).as('deal_changes'),
    json(
      eb
        .selectFrom('contacts as p')
        .leftJoin('users as pu', 'pu.id', 'p.last_touch_by')
        .select(['p.id', 'p.name', 'p.title', 'p.buying_role', 'p.phones', 'p.last_touch_at', 'p.last_touch_type', 'p.last_touch_by', 'pu.name as last_touch_by_name'])
        .whereRef('p.team_id', '=', 'a.team_id')
        .whereRef('p.account_id', '=', 'a.id')
        // People with a buying role first, then the most recently touched: the map's candidates.
        .orderBy(sql`case when ${sql.ref('p.buying_role')} is null then 1 else 0 end`)
        .orderBy(sql`coalesce(${sql.ref('p.last_touch_at')}, '')`, 'desc')
        .limit(lit(READ_LIMITS.contacts)),
    ).as('people'),
    json(
      eb
        .selectFrom('activities as x')
        .select(['x.type', 'x.occurred_at', 'x.contact_id', 'x.user_id'])
        .whereRef('x.team_id', '=', 'a.team_id')
        .whereRef('x.account_id', '=', 'a.id')
        // The same window as events; later rows (meetings on the calendar) are included.
        .where('x.occurred_at', '>=', p('since'))
        .orderBy('x.occurred_at', 'desc')
        .limit(lit(READ_LIMITS.activities)),
    ).as('activities'),
  ];
}

/**
 * Lifetime activity counts by type, for the account or for the contact a brief is about. A
 * contact's are the activities they are the contact of plus those they were one of the other
 * people on (`activity_participants`: Cc'd, a meeting's guest): two grouped seeks, one row per
 * type from each, summed when read (gather.ts `countsOf`).
 */
export function countsBy(eb: Scope, dialect: Dialect, by: 'account' | 'contact') {
  const base = eb.selectFrom('activities as n').select(['n.type', (c) => c.fn.countAll<number>().as('n')]);
  if (by === 'account') return jsonArrayOf(dialect)(base.whereRef('n.team_id', '=', 'a.team_id').whereRef('n.account_id', '=', 'a.id').groupBy('n.type')).as('activity_counts');
  const asParticipant = eb
    .selectFrom('activity_participants as np')
    .innerJoin('activities as nx', 'nx.id', 'np.activity_id')
    .select(['nx.type', (c) => c.fn.countAll<number>().as('n')])
    .whereRef('np.team_id', '=', 'c.team_id')
    .whereRef('np.contact_id', '=', 'c.id')
    .groupBy('nx.type');
  return jsonArrayOf(dialect)(base.whereRef('n.team_id', '=', 'c.team_id').whereRef('n.contact_id', '=', 'c.id').groupBy('n.type').unionAll(asParticipant)).as('activity_counts');
}

/** Both settings rows the rules read, as one JSON array of {key, value}. */
export function settingsOf(eb: Scope, dialect: Dialect, teamRef: 'a.team_id' | 'c.team_id') {
  return jsonArrayOf(dialect)(
    eb
      .selectFrom('settings as s')
      .select(['s.key', 's.value'])
      .whereRef('s.team_id', '=', teamRef)
      .where('s.key', 'in', [lit(INTEL_SETTINGS_KEY), lit(THRESHOLDS_SETTINGS_KEY)]),
  ).as('settings');
}

/** The contact's own columns, as both the full and the snapshot statement read them. */
export const CONTACT_COLUMNS = [
  'c.id as c_id',
  'c.name as c_name',
  'c.title as c_title',
  'c.seniority as c_seniority',
  'c.department as c_department',
  'c.location as c_location',
  'c.buying_role as c_buying_role',
  'c.linkedin_slug as c_linkedin_slug',
  'c.tenure_start as c_tenure_start',
  'c.past_employers as c_past_employers',
  'c.phones as c_phones',
  'c.field_sources as c_field_sources',
  'c.last_touch_at as c_last_touch_at',
  'c.last_touch_type as c_last_touch_type',
  'c.last_touch_by as c_last_touch_by',
  'u.name as c_last_touch_by_name',
] as const;

/** The contact's emails, as a JSON array. */
export function contactEmails(eb: Scope, dialect: Dialect) {
  return jsonArrayOf(dialect)(
    eb
      .selectFrom('contact_emails as ce')
      .select('ce.email')
      .whereRef('ce.contact_id', '=', 'c.id')
      .where(teamScope('ce.team_id'), '=', sql.ref<string>('c.team_id'))
      .limit(lit(READ_LIMITS.emails)),
  ).as('c_emails');
}

const ACCOUNT_COLUMNS = [
  'a.id as a_id',
  'a.name as a_name',
  'a.tier as a_tier',
  'a.stage as a_stage',
  'a.territory as a_territory',
  'a.industry as a_industry',
  'a.employees as a_employees',
  'a.location as a_location',
  'a.country as a_country',
  'a.stage_set_by as a_stage_set_by',
  'a.tier_set_by as a_tier_set_by',
  'a.revenue as a_revenue',
  'a.funding as a_funding',
  'a.description as a_description',
  'a.field_sources as a_field_sources',
  'a.last_touch_at as a_last_touch_at',
  'a.last_touch_type as a_last_touch_type',
  'a.last_touch_by as a_last_touch_by',
  'o.id as a_owner_id',
  'o.name as a_owner_name',
  'lt.name as a_last_touch_by_name',
] as const;

/** An account brief: the account row and everything about it, with the account's lifetime counts. */
export const accountBrief = prepared<'team' | 'account' | 'since', BriefRowJson>((db, p, dialect) =>
  db
    .selectFrom('accounts as a')
    .leftJoin('users as o', 'o.id', 'a.owner_id')
    .leftJoin('users as lt', 'lt.id', 'a.last_touch_by')
    .select(ACCOUNT_COLUMNS)
    .select((eb) => {
      const scope = eb as unknown as Scope;
      return [...accountSubqueries(scope, dialect, p), countsBy(scope, dialect, 'account'), settingsOf(scope, dialect, 'a.team_id')];
    })
    .where('a.team_id', '=', p('team'))
    .where('a.id', '=', p('account'))
    .where('a.crm_deleted_at', 'is', null),
);

/**
 * A contact brief: the contact (its emails, its own lifetime counts) and its account with
 * everything about it. A contact without an account still answers, with null account columns
 * and empty account lists.
 */
export const contactBrief = prepared<'team' | 'contact' | 'since', BriefRowJson>((db, p, dialect) =>
  db
    .selectFrom('contacts as c')
    .leftJoin('accounts as a', (join) => join.onRef('a.id', '=', 'c.account_id').onRef('a.team_id', '=', 'c.team_id'))
    .leftJoin('users as u', 'u.id', 'c.last_touch_by')
    .leftJoin('users as o', 'o.id', 'a.owner_id')
    .leftJoin('users as lt', 'lt.id', 'a.last_touch_by')
    .select(CONTACT_COLUMNS)
    .select(ACCOUNT_COLUMNS)
    .select((eb) => [
      contactEmails(eb as unknown as Scope, dialect),
      countsBy(eb as unknown as Scope, dialect, 'contact'),
      settingsOf(eb as unknown as Scope, dialect, 'c.team_id'),
      ...accountSubqueries(eb as unknown as Scope, dialect, p),
    ])
    .where('c.team_id', '=', p('team'))
    .where('c.id', '=', p('contact'))
    .where('c.crm_deleted_at', 'is', null),
);

/** JSON arrays arrive as text from SQLite and parsed from PostgreSQL. */
export type JsonArray = string | unknown[] | null;

/** One brief's row: `c_*` only in a contact brief; `a_*` null when the contact has no account. */
export interface BriefRowJson {
  c_id?: string;
  c_name?: string;
  c_title?: string | null;
  c_seniority?: string | null;
  c_department?: string | null;
  c_location?: string | null;
  c_buying_role?: string | null;
  c_linkedin_slug?: string | null;
  c_tenure_start?: string | null;
  c_past_employers?: string;
  c_phones?: string;
  c_field_sources?: string;
  c_last_touch_at?: string | null;
  c_last_touch_type?: string | null;
  c_last_touch_by?: string | null;
  c_last_touch_by_name?: string | null;
  c_emails?: JsonArray;
  a_id: string | null;
  a_name: string | null;
  a_tier: number | null;
  a_stage: string | null;
  a_territory: string | null;
  a_industry: string | null;
  a_employees: number | null;
  a_location: string | null;
  a_country: string | null;
  a_stage_set_by: string | null;
  a_tier_set_by: string | null;
  a_revenue: number | null;
  a_funding: string | null;
  a_description: string | null;
  a_field_sources: string | null;
  a_last_touch_at: string | null;
  a_last_touch_type: string | null;
  a_last_touch_by: string | null;
  a_owner_id: string | null;
  a_owner_name: string | null;
  a_last_touch_by_name: string | null;
  domains: JsonArray;
  history: JsonArray;
  technologies: JsonArray;
  events: JsonArray;
  deals: JsonArray;
  deal_changes: JsonArray;
  people: JsonArray;
  activities: JsonArray;
  /** The account's counts in an account brief, the contact's in a contact brief. */
  activity_counts: JsonArray;
  settings: JsonArray;
}
