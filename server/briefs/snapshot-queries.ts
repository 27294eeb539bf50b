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
import { prepared } from './prepared.ts';
import { CONTACT_COLUMNS, contactEmails, countsBy, settingsOf, type BriefRowJson, type Scope } from './queries.ts';


/** A warm row: the contact's columns (contact briefs), the account id, the settings and the snapshot if any. */
export type SnapshotRow = Partial<Pick<BriefRowJson, Extract<keyof BriefRowJson, `c_${string}`> | 'activity_counts'>> &
  Pick<BriefRowJson, 'a_id' | 'settings'> & { payload: string | null; shown: string | null; valid_until: string | null };

export const contactSnapshot = prepared<'team' | 'contact', SnapshotRow>((db, p, dialect) =>
  db
    .selectFrom('contacts as c')
    .leftJoin('users as u', 'u.id', 'c.last_touch_by')
    .leftJoin('account_intel as ai', (join) => join.onRef('ai.team_id', '=', 'c.team_id').onRef('ai.account_id', '=', 'c.account_id'))
    .select(CONTACT_COLUMNS)
    .select(['c.account_id as a_id', 'ai.payload', 'ai.shown', 'ai.valid_until'])
    .select((eb) => {
      const scope = eb as unknown as Scope;
      return [contactEmails(scope, dialect), countsBy(scope, dialect, 'contact'), settingsOf(scope, dialect, 'c.team_id')];
    })
    .where('c.team_id', '=', p('team'))
    .where('c.id', '=', p('contact')),
);

export const accountSnapshot = prepared<'team' | 'account', SnapshotRow>((db, p, dialect) =>
  db
    .selectFrom('accounts as a')
    .leftJoin('account_intel as ai', (join) => join.onRef('ai.team_id', '=', 'a.team_id').onRef('ai.account_id', '=', 'a.id'))
    .select(['a.id as a_id', 'ai.payload', 'ai.shown', 'ai.valid_until'])
    .select((eb) => [settingsOf(eb as unknown as Scope, dialect, 'a.team_id')])
    .where('a.team_id', '=', p('team'))
    .where('a.id', '=', p('account')),
);
