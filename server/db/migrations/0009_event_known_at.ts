/**
 * When we learned of what the signals describe, beside when it happened.
 *
 * `events.known_at`: when we learned of an event (the import or webhook delivery that brought it),
 * beside `occurred_at`, when it happened. A weekly intent score is dated its week's Monday and a
 * funding round may be reported days late, so the digest places a signal by when it became known
 * (server/intel/digest.ts), not by the date it describes.
 *
 * Existing rows: a webhook row takes its delivery's `received_at`; any other row takes its
 * `occurred_at`, which is what the digest used before, so the upgrade neither re-announces old
 * signals nor hides any it showed. A row left NULL (a writer that predates the column) reads as
 * known when it occurred (server/briefs/gather.ts).
 *
 * `technologies.added_known_at` / `removed_known_at`: when the import that set `added_at` /
 * `removed_at` ran (a technographics vendor dates a competitor's adoption when it detected it, and
 * we import that later). Existing rows take the dates themselves, for the same reason as above.
 */
import { sql, type Kysely, type Migration } from 'kysely';

export function eventKnownAt(): Migration {
  return {
    async up(db: Kysely<unknown>) {
      await db.schema.alterTable('events').addColumn('known_at', 'text').execute();
      await sql`
        update events set known_at = (
          select d.received_at from webhook_deliveries d
          where d.team_id = events.team_id and d.source = events.source and d.delivery_id = events.delivery_id
        )
        where delivery_id is not null`.execute(db);
      // A delivery recorded before its event could not have been later than it; never earlier than the event itself.
      await sql`update events set known_at = occurred_at where known_at is null or known_at < occurred_at`.execute(db);

      await db.schema.alterTable('technologies').addColumn('added_known_at', 'text').execute();
      await db.schema.alterTable('technologies').addColumn('removed_known_at', 'text').execute();
      await sql`update technologies set added_known_at = added_at, removed_known_at = removed_at`.execute(db);
    },
    async down(db: Kysely<unknown>) {
      await db.schema.alterTable('technologies').dropColumn('removed_known_at').execute();
      await db.schema.alterTable('technologies').dropColumn('added_known_at').execute();
      await db.schema.alterTable('events').dropColumn('known_at').execute();
    },
  };
}
