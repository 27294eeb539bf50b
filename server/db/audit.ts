/**
 * The audit log: who did what to which record. Details name ids and counts, never personal data.
 */
import type { DB } from './connect.ts';

export interface AuditEntry {
  teamId: string;
  actorId: string | null;
  action: string;
  target: string | null;
  detail: Record<string, unknown>;
}

export async function audit(db: DB, entry: AuditEntry, now: Date): Promise<void> {
  await db
    .insertInto('audit_log')
    .values({
      team_id: entry.teamId,
      actor_id: entry.actorId,
      action: entry.action,
      target: entry.target,
      detail: JSON.stringify(entry.detail),
      at: now.toISOString(),
    })
    .execute();
}
