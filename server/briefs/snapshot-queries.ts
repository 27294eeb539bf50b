/**
 * The statements of a brief's warm path: ONE per brief. A contact brief reads the contact (its
 * columns, emails, own lifetime counts), the team's settings and its account's `account_intel`
 * row; an account brief reads the account's id, the settings and the row. Nothing about the
 * account is gathered here — that is what the snapshot saves. Compiled once (prepared.ts).
 *
 * @example
 * const [row] = await contactSnapshot(db, { team: teamId, contact: contactId });
 * row?.payload // the account's intelligence as JSON, or null when none is stored
 */
import { jsonObjectFrom as pgJsonObjectFrom } from 'kysely/helpers/postgres';
import { jsonObjectFrom as sqliteJsonObjectFrom } from 'kysely/helpers/sqlite';
import type { DB, Dialect } from '../db/connect.ts';
import { prepared } from './prepared.ts';
import { CONTACT_COLUMNS, contactEmails, countsBy, settingsOf, type BriefRowJson, type Scope } from './queries.ts';

/** The dialect's JSON object of a one-row subquery; both helpers have the same signature. */
const jsonObjectOf = (dialect: Dialect): typeof sqliteJsonObjectFrom => (dialect === 'postgres' ? pgJsonObjectFrom : sqliteJsonObjectFrom);


/** A warm row: the contact's columns (contact briefs), the account id, the settings and the snapshot if any. */
export interface SnapshotRow
  extends Partial<Pick<BriefRowJson, Extract<keyof BriefRowJson, `c_${string}`> | 'activity_counts'>>,
    Pick<BriefRowJson, 'a_id' | 'settings'> {
  payload: string | null;
  shown: string | null;
  valid_until: string | null;
}

/** A contact's warm row without its WHERE: the contact's columns, emails, counts, settings and its account's snapshot. */
const contactRowQuery = (db: DB, dialect: Dialect) =>
  db
    .selectFrom('contacts as c')
    .leftJoin('users as u', 'u.id', 'c.last_touch_by')
    .leftJoin('account_intel as ai', (join) => join.onRef('ai.team_id', '=', 'c.team_id').onRef('ai.account_id', '=', 'c.account_id'))
    .select(CONTACT_COLUMNS)
    .select(['c.account_id as a_id', 'ai.payload', 'ai.shown', 'ai.valid_until'])
    .select((eb) => {
      const scope = eb as unknown as Scope;
      return [contactEmails(scope, dialect), countsBy(scope, dialect, 'contact'), settingsOf(scope, dialect, 'c.team_id')];
    });

export const contactSnapshot = prepared<'team' | 'contact', SnapshotRow>((db, p, dialect) =>
  contactRowQuery(db, dialect).where('c.team_id', '=', p('team')).where('c.id', '=', p('contact')).where('c.crm_deleted_at', 'is', null),
);

/** A team's alias for one key, as the identity lookup reads it (server/identity/lookup.ts); JSON, or null when there is none. */
export interface ProfileRow extends SnapshotRow {
  alias: string | { contact_id: string | null; account_id: string | null; at: string | null } | null;
}

/**
 * The warm row of the contact holding a LinkedIn slug, with the team's alias for that profile:
 * what a brief for one profile needs to resolve it AND answer, in one statement (profile-brief.ts).
 * No row when no contact holds the slug.
 */
export const profileSnapshot = prepared<'team' | 'slug' | 'aliasKey', ProfileRow>((db, p, dialect) =>
  contactRowQuery(db, dialect)
    .select((eb) =>
      jsonObjectOf(dialect)(
        eb
          .selectFrom('aliases as al')
          // As lookup.ts: the joins drop the ids of a correction whose contact or account has since been erased.
          .leftJoin('contacts as alc', (j) => j.onRef('alc.id', '=', 'al.contact_id').onRef('alc.team_id', '=', 'al.team_id'))
          .leftJoin('accounts as ala', (j) => j.onRef('ala.id', '=', 'al.account_id').onRef('ala.team_id', '=', 'al.team_id'))
          .select((a) => ['alc.id as contact_id', a.fn.coalesce('alc.account_id', 'ala.id').as('account_id'), 'al.created_at as at'])
          .whereRef('al.team_id', '=', 'c.team_id')
          .where('al.ref_key', '=', p('aliasKey')),
      ).as('alias'),
    )
    .where('c.team_id', '=', p('team'))
    .where('c.linkedin_slug', '=', p('slug'))
    .where('c.crm_deleted_at', 'is', null),
);

export const accountSnapshot = prepared<'team' | 'account', SnapshotRow>((db, p, dialect) =>
  db
    .selectFrom('accounts as a')
    .leftJoin('account_intel as ai', (join) => join.onRef('ai.team_id', '=', 'a.team_id').onRef('ai.account_id', '=', 'a.id'))
    .select(['a.id as a_id', 'ai.payload', 'ai.shown', 'ai.valid_until'])
    .select((eb) => [settingsOf(eb as unknown as Scope, dialect, 'a.team_id')])
    .where('a.team_id', '=', p('team'))
    .where('a.id', '=', p('account'))
    .where('a.crm_deleted_at', 'is', null),
);
