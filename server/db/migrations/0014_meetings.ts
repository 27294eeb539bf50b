/**
 * Meetings seen in a calendar (issue 13): one row per team, calendar event and start (each
 * instance of a recurring event has its own start), with the conference it is held on and the
 * guests' addresses. Stored for the team so a teammate's Meet or Zoom join page finds the event
 * by its conference id. Nothing else of the event is kept: no title, no description.
 */
import type { Kysely, Migration } from 'kysely';

export function meetings(): Migration {
  return {
    async up(db: Kysely<unknown>) {
      await db.schema
        .createTable('meetings')
        .addColumn('team_id', 'text', (c) => c.notNull())
        .addColumn('event_id', 'text', (c) => c.notNull())
        /** ISO UTC to the second (`2026-12-08T15:00:00Z`): the same instance from two time zones is one row. */
        .addColumn('start', 'text', (c) => c.notNull())
        .addColumn('provider', 'text', (c) => c.notNull())
        .addColumn('conference_id', 'text', (c) => c.notNull())
        /** JSON array of normalised addresses. */
        .addColumn('attendees', 'text', (c) => c.notNull())
        .addColumn('created_by', 'text', (c) => c.notNull())
        .addColumn('created_at', 'text', (c) => c.notNull())
        .addColumn('updated_at', 'text', (c) => c.notNull())
        .addPrimaryKeyConstraint('meetings_pk', ['team_id', 'event_id', 'start'])
        .execute();
      // A join page's lookup: the team's meetings on one conference, nearest start first.
      await db.schema.createIndex('meetings_conference').on('meetings').columns(['team_id', 'provider', 'conference_id', 'start']).execute();
    },
    async down(db: Kysely<unknown>) {
      await db.schema.dropTable('meetings').ifExists().execute();
    },
  };
}
