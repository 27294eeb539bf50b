/**
 * The new door of a job change: the employer a LinkedIn page shows, looked up among the team's
 * accounts by name (shared/company.ts compares names the way the job-change rule does, so "Tata
 * Consultancy Services Ltd" is "Tata Consultancy Services"). Read only when a brief's page shows a
 * job change, so it costs nothing on the usual profile view.
 *
 * @example
 * await accountNamed(db, teamId, 'Tata Consultancy Services') // { id: 'acc_tcs', name: 'Tata Consultancy Services' }
 */
import { sql } from 'kysely';
import { companyKey, sameCompany } from '../../shared/company.ts';
import type { OpenedDatabase } from '../db/connect.ts';

/** Candidates read per lookup: names starting with the company's first word. */
const CANDIDATES = 50;

const likeEscaped = (text: string) => text.replace(/[\\%_]/g, (c) => `\\${c}`);

/** The team's account with that company's name (the exact key first, then the closest), or null. */
export async function accountNamed(db: OpenedDatabase, teamId: string, company: string): Promise<{ id: string; name: string } | null> {
  const key = companyKey(company);
  const first = key.split(' ')[0];
  if (!first) return null;
  const rows = await db.kysely
    .selectFrom('accounts')
    .select(['id', 'name'])
    .where('team_id', '=', teamId)
    .where(sql<boolean>`lower(name) like ${`${likeEscaped(first)}%`} escape '\\'`)
    .orderBy('name')
    .orderBy('id')
    .limit(CANDIDATES)
    .execute();
  const same = rows.filter((r) => sameCompany(r.name, company));
  return same.find((r) => companyKey(r.name) === key) ?? same[0] ?? null;
}
