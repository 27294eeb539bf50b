/**
 * Shared by the import tests: posting a CSV as an admin, counting a team's rows, and the small
 * hand-made files every test starts from (accounts first: the other entities refer to them).
 */
import type { Harness } from '../harness.ts';
import type { Database } from '../../../../server/db/schema.ts';

export async function postCsv(h: Harness, entity: string, csv: string, token = h.admin.token) {
  const res = await h.request('POST', `/v1/import/${entity}`, { token, body: csv, headers: { 'content-type': 'text/csv' } });
  return { status: res.status, body: (await res.json()) as Record<string, unknown> & { summary?: Record<string, number> } };
}

/** Rows of `table` in `teamId`. */
export async function countOf(h: Harness, table: keyof Database & string, teamId: string): Promise<number> {
  const { count } = await h.db.kysely
    .selectFrom(table as 'accounts')
    .select((eb) => eb.fn.countAll<number>().as('count'))
    .where('team_id', '=', teamId)
    .executeTakeFirstOrThrow();
  return Number(count);
}

export const csv = (...lines: string[]) => `${lines.join('\n')}\n`;

export const ACCOUNTS = csv(
  'External_ID,Name,Domains,Tier,Stage,Territory,Owner Email,Industry,Employees,Location,Country,Revenue,Funding,Description,Source,Refreshed_At',
  'A-1,Acme Corp,acme.com; WWW.Acme.io,1,Engaged,West,rep@a.test,Software,1200,"Austin, TX",US,50000000,Series C,"Widgets, gadgets",crm,2026-10-01',
  'A-2,Globex,www.Globex.com,2,identified,East,,Manufacturing,300,,US,,,,,',
);
