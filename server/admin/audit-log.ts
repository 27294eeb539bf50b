/**
 * Reading the audit log, newest first, a page at a time. (Writing it is `db/audit.ts`.)
 */
import type { DB } from '../db/connect.ts';

export interface AuditRecord {
  id: number;
  actorId: string | null;
  action: string;
  target: string | null;
  detail: unknown;
  at: string;
}

function parseDetail(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return {};
  }
}

/**
 * One page of the team's audit log. `before` is the `id` of the last entry of the previous page;
 * `next` is what to pass for the following page (null at the end).
 *
 * @example
 * const first = await auditPage(db, teamId, { limit: 50 });
 * const second = await auditPage(db, teamId, { limit: 50, before: first.next ?? undefined });
 */
export async function auditPage(
  db: DB,
  teamId: string,
  page: { limit: number; before?: number },
): Promise<{ entries: AuditRecord[]; next: number | null }> {
  let query = db.selectFrom('audit_log').selectAll().where('team_id', '=', teamId);
  if (page.before !== undefined) query = query.where('id', '<', page.before);
  // One row more than asked tells whether a next page exists without a count.
  const rows = await query.orderBy('id', 'desc').limit(page.limit + 1).execute();
  const entries = rows.slice(0, page.limit).map((r) => ({
    id: Number(r.id),
    actorId: r.actor_id,
    action: r.action,
    target: r.target,
    detail: parseDetail(r.detail),
    at: r.at,
  }));
  return { entries, next: rows.length > page.limit ? entries[entries.length - 1]!.id : null };
}
