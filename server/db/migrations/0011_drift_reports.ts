/**
 * Selector drift reports (shared/drift.ts): one row per team, site, page kind, selector,
 * extension version, UTC day and reporting user, with the failures counted and when the server
 * first and last heard of them. Keeping the user per row is what lets an admin see how many reps
 * a drift reaches (a count of distinct users); the user id is one the team already holds, and no
 * row holds anything read from a page.
 */
import type { Kysely, Migration } from 'kysely';

export function driftReports(): Migration {
  return {
    async up(db: Kysely<unknown>) {
      await db.schema
        .createTable('drift_reports')
        .addColumn('team_id', 'text', (c) => c.notNull())
        .addColumn('site', 'text', (c) => c.notNull())
        .addColumn('page_kind', 'text', (c) => c.notNull())
        .addColumn('selector', 'text', (c) => c.notNull())
        .addColumn('extension_version', 'text', (c) => c.notNull())
        .addColumn('day', 'text', (c) => c.notNull())
        .addColumn('user_id', 'text', (c) => c.notNull())
        .addColumn('count', 'integer', (c) => c.notNull())
        .addColumn('first_seen_at', 'text', (c) => c.notNull())
        .addColumn('last_seen_at', 'text', (c) => c.notNull())
        .addPrimaryKeyConstraint('drift_reports_pk', ['team_id', 'site', 'page_kind', 'selector', 'extension_version', 'day', 'user_id'])
        .execute();
      // The admin's read: a team's reports from a day on.
      await db.schema.createIndex('drift_reports_team_day').on('drift_reports').columns(['team_id', 'day']).execute();
    },
    async down(db: Kysely<unknown>) {
      await db.schema.dropTable('drift_reports').ifExists().execute();
    },
  };
}
