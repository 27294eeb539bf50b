/**
 * The statements a brief is gathered with: one for the account (its row, and as JSON arrays its
 * domains, history, technologies, recent events, deals and their changes, contacts, activities
 * and activity counts, plus the team's intel settings and thresholds) and one for the contact. A contact brief
 * runs both at once; an account brief runs one. Each is compiled once (prepared.ts).
 *
 * Why one statement with subqueries rather than ten small ones: the per-statement cost (driver,
 * round trip on PostgreSQL) dominates the work of these indexed lookups. The subqueries are
 * written once and wrapped by the dialect's JSON aggregation (`json_group_array` / `json_agg`).
 * Every subquery is bounded (see the limits below) and scoped to the outer row's team.
 */
import { sql } from 'kysely';
import { jsonArrayFrom as pgJsonArrayFrom } from 'kysely/helpers/postgres';
import { jsonArrayFrom as sqliteJsonArrayFrom } from 'kysely/helpers/sqlite';
import type { Dialect } from '../db/connect.ts';
import { INTEL_SETTINGS_KEY, THRESHOLDS_SETTINGS_KEY } from '../intel/settings.ts';
import { prepared } from './prepared.ts';

/** Hard caps on what one brief reads, whatever an account's size: days back for events and activities, rows per list. */
export const READ_LIMITS = { windowDays: 90, events: 500, contacts: 200, deals: 50, dealChanges: 200, activities: 100, history: 20, technologies: 100, domains: 20, emails: 20 } as const;

/** The dialect's JSON aggregation of a subquery; both helpers have the same signature. */
const jsonArrayOf = (dialect: Dialect): typeof sqliteJsonArrayFrom => (dialect === 'postgres' ? pgJsonArrayFrom : sqliteJsonArrayFrom);

/**
 * Constants go into the SQL as literals, not parameters: SQLite plans a subquery with a bound
 * `LIMIT ?` several times slower (measured 30 µs → 100 µs for the contact statement).
 */
const lit = <T extends string | number>(value: T) => sql.lit(value);

/**
 * `team_id || ''`: still scopes by team, but SQLite's planner (no statistics) would otherwise pick
 * a `(team_id, …)` index and walk every row of the team instead of the account's few.
 */
const teamScope = (column: string) => sql<string>`${sql.ref(column)} || ''`;

function accountStatement(by: 'account' | 'contact') {
  return prepared<'team' | 'account' | 'contact' | 'since' | 'activitySince', AccountRowJson>((db, p, dialect) => {
    const json = jsonArrayOf(dialect);
    const query = db
      .selectFrom('accounts as a')
      .leftJoin('users as o', 'o.id', 'a.owner_id')
      .leftJoin('users as lt', 'lt.id', 'a.last_touch_by')
      .select([
        'a.id',
        'a.name',
        'a.tier',
        'a.stage',
        'a.territory',
        'a.industry',
        'a.employees',
        'a.location',
        'a.revenue',
        'a.funding',
        'a.description',
        'a.field_sources',
        'a.last_touch_at',
        'a.last_touch_type',
        'a.last_touch_by',
        'o.id as owner_id',
        'o.name as owner_name',
        'lt.name as last_touch_by_name',
      ])
      .select((eb) => [
        json(
          eb
            .selectFrom('account_domains as ad')
            .select('ad.domain')
            .whereRef('ad.account_id', '=', 'a.id')
            .where(teamScope('ad.team_id'), '=', sql.ref<string>('a.team_id'))
            .orderBy('ad.domain')
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
            .select(['t.name', 't.category', 't.competitor', 't.added_at', 't.removed_at', 't.source', 't.refreshed_at'])
            .whereRef('t.team_id', '=', 'a.team_id')
            .whereRef('t.account_id', '=', 'a.id')
            .orderBy('t.name')
            .limit(lit(READ_LIMITS.technologies)),
        ).as('technologies'),
        json(
          eb
            .selectFrom('events as e')
            .select(['e.kind', 'e.occurred_at', 'e.contact_id', 'e.source', 'e.data'])
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
            .select(['p.id', 'p.name', 'p.title', 'p.buying_role', 'p.last_touch_at', 'p.last_touch_type', 'p.last_touch_by', 'pu.name as last_touch_by_name'])
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
            .where('x.occurred_at', '>=', p('activitySince'))
            .orderBy('x.occurred_at', 'desc')
            .limit(lit(READ_LIMITS.activities)),
        ).as('activities'),
        // A contact brief counts the person's own activities (contactById); an account brief counts the account's.
        by === 'account'
          ? json(
              eb
                .selectFrom('activities as n')
                .select(['n.type', (c) => c.fn.countAll<number>().as('n')])
                .whereRef('n.team_id', '=', 'a.team_id')
                .whereRef('n.account_id', '=', 'a.id')
                .groupBy('n.type'),
            ).as('activity_counts')
          : sql<null>`null`.as('activity_counts'),
        eb.selectFrom('settings as s').select('s.value').whereRef('s.team_id', '=', 'a.team_id').where('s.key', '=', lit(INTEL_SETTINGS_KEY)).as('intel_settings'),
        eb.selectFrom('settings as s').select('s.value').whereRef('s.team_id', '=', 'a.team_id').where('s.key', '=', lit(THRESHOLDS_SETTINGS_KEY)).as('thresholds'),
      ])
      .where('a.team_id', '=', p('team'));
    return by === 'account'
      ? query.where('a.id', '=', p('account'))
      : query.where('a.id', '=', (eb) => eb.selectFrom('contacts as fc').select('fc.account_id').where('fc.team_id', '=', p('team')).where('fc.id', '=', p('contact')));
  });
}

/** The account (by id) with everything a brief reads about it, including lifetime activity counts. */
export const accountById = accountStatement('account');
/** The contact's account, found through the contact (no counts: a contact brief counts the person's own). */
export const accountOfContact = accountStatement('contact');

/** The contact with its email addresses and lifetime activity counts. */
export const contactById = prepared<'team' | 'contact', ContactRowJson>((db, p, dialect) => {
  const json = jsonArrayOf(dialect);
  return db
    .selectFrom('contacts as c')
    .leftJoin('users as u', 'u.id', 'c.last_touch_by')
    .select([
      'c.id',
      'c.account_id',
      'c.name',
      'c.title',
      'c.seniority',
      'c.department',
      'c.location',
      'c.buying_role',
      'c.linkedin_slug',
      'c.tenure_start',
      'c.past_employers',
      'c.field_sources',
      'c.last_touch_at',
      'c.last_touch_type',
      'c.last_touch_by',
      'u.name as last_touch_by_name',
    ])
    .select((eb) => [
      json(
        eb
          .selectFrom('contact_emails as ce')
          .select('ce.email')
          .whereRef('ce.contact_id', '=', 'c.id')
          .where(teamScope('ce.team_id'), '=', sql.ref<string>('c.team_id'))
          .orderBy('ce.email')
          .limit(lit(READ_LIMITS.emails)),
      ).as('emails'),
      json(
        eb
          .selectFrom('activities as n')
          .select(['n.type', (c) => c.fn.countAll<number>().as('n')])
          .whereRef('n.team_id', '=', 'c.team_id')
          .whereRef('n.contact_id', '=', 'c.id')
          .groupBy('n.type'),
      ).as('activity_counts'),
      eb.selectFrom('settings as s').select('s.value').whereRef('s.team_id', '=', 'c.team_id').where('s.key', '=', lit(INTEL_SETTINGS_KEY)).as('intel_settings'),
      eb.selectFrom('settings as s').select('s.value').whereRef('s.team_id', '=', 'c.team_id').where('s.key', '=', lit(THRESHOLDS_SETTINGS_KEY)).as('thresholds'),
    ])
    .where('c.team_id', '=', p('team'))
    .where('c.id', '=', p('contact'));
});

/** JSON arrays arrive as text from SQLite and parsed from PostgreSQL. */
export type JsonArray = string | unknown[] | null;

export interface AccountRowJson {
  id: string;
  name: string;
  tier: number | null;
  stage: string;
  territory: string | null;
  industry: string | null;
  employees: number | null;
  location: string | null;
  revenue: number | null;
  funding: string | null;
  description: string | null;
  field_sources: string;
  last_touch_at: string | null;
  last_touch_type: string | null;
  last_touch_by: string | null;
  owner_id: string | null;
  owner_name: string | null;
  last_touch_by_name: string | null;
  domains: JsonArray;
  history: JsonArray;
  technologies: JsonArray;
  events: JsonArray;
  deals: JsonArray;
  deal_changes: JsonArray;
  people: JsonArray;
  activities: JsonArray;
  activity_counts?: JsonArray;
  intel_settings: string | null;
  thresholds: string | null;
}

export interface ContactRowJson {
  id: string;
  account_id: string | null;
  name: string;
  title: string | null;
  seniority: string | null;
  department: string | null;
  location: string | null;
  buying_role: string | null;
  linkedin_slug: string | null;
  tenure_start: string | null;
  past_employers: string;
  field_sources: string;
  last_touch_at: string | null;
  last_touch_type: string | null;
  last_touch_by: string | null;
  last_touch_by_name: string | null;
  emails: JsonArray;
  activity_counts: JsonArray;
  intel_settings: string | null;
  thresholds: string | null;
}
