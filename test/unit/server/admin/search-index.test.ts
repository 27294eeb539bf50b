/**
 * The side panel's search by part of a name reads a trigram index (migration 0010), not every
 * contact and account of the team, and still answers what the LIKE scan answered.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CompiledQuery, sql } from 'kysely';
import { dialectUnderTest, makeHarness, type Harness } from '../harness.ts';
import { addAccount, addContact } from './people.ts';
import { DirectorySearch } from '../../../../shared/directory.ts';
import { containingContactsQuery, namedAccountsQuery } from '../../../../server/routes/accounts.ts';
import { compactDatabase } from '../../../../server/db/purge.ts';
import { nameKey } from '../../../../server/identity/normalize.ts';

const CONTACTS = 50_000;
const ACCOUNTS = 5_000;
const AT = '2026-11-01T10:00:00.000Z';

let h: Harness;

/** Many people and companies whose names share no text with the ones searched for below. */
async function fillTeam(teamId: string) {
  const k = h.db.kysely;
  const first = ['Ada', 'Bo', 'Cyd', 'Dag', 'Eva', 'Fay', 'Gus', 'Hal', 'Ida', 'Jon'];
  const last = ['Berg', 'Lund', 'Holm', 'Strand', 'Dahl', 'Ek', 'Sjo', 'Wik', 'Nyman', 'Falk'];
  for (let start = 0; start < ACCOUNTS; start += 500) {
    const rows = Array.from({ length: 500 }, (_, i) => ({
      id: `acc_f${start + i}`, team_id: teamId, name: `Filler ${last[(start + i) % 10]} Industri ${start + i}`, stage: 'engaged', tier: 2,
      field_sources: '{}', created_at: AT, updated_at: AT,
    }));
    await k.insertInto('accounts').values(rows).execute();
  }
  for (let start = 0; start < CONTACTS; start += 1000) {
    const rows = Array.from({ length: 1000 }, (_, i) => {
      const n = start + i;
      const name = `${first[n % 10]} ${last[Math.floor(n / 10) % 10]} ${n}`;
      return { id: `ct_f${n}`, team_id: teamId, account_id: `acc_f${n % ACCOUNTS}`, name, name_key: nameKey(name), past_employers: '[]', field_sources: '{}', created_at: AT, updated_at: AT };
    });
    await k.insertInto('contacts').values(rows).execute();
  }
}

beforeAll(async () => {
  h = await makeHarness();
  const k = h.db.kysely;
  await fillTeam(h.teamA);
  await addAccount(k, h.teamA, { id: 'acc_kv', name: 'Kvarnholmen Logistik' });
  await addAccount(k, h.teamA, { id: 'acc_or', name: 'Skärgårdens Örebrokontor' });
  await addAccount(k, h.teamA, { id: 'acc_pct', name: '100% Organic_Foods' });
  await addAccount(k, h.teamA, { id: 'acc_x', name: 'MagicXFoods' });
  await addAccount(k, h.teamA, { id: 'acc_old', name: 'Tallbacken Maskin' });
  await addContact(k, h.teamA, { id: 'ct_mid', name: 'Maximiliana Osterwaldt', accountId: 'acc_kv' });
  await addContact(k, h.teamA, { id: 'ct_gone', name: 'Quirinus Vexholm', accountId: 'acc_kv', emails: ['quirinus@kvarnholmen.test'] });
  // Rows written after CREATE INDEX wait in GIN's pending list, which the planner prices high, until a
  // vacuum (autovacuum, in production) moves them into the index.
  if (dialectUnderTest === 'postgres') await sql`vacuum analyze`.execute(k);
}, 120_000);
afterAll(() => h.close());

const search = async (q: string) => {
  const res = await h.request('GET', `/v1/accounts?q=${encodeURIComponent(q)}`);
  expect(res.status).toBe(200);
  return DirectorySearch.parse(await res.json());
};

/** The plan of a query, one line per step, as the database describes it. */
async function planOf(query: CompiledQuery): Promise<string> {
  const k = h.db.kysely;
  if (dialectUnderTest === 'sqlite') {
    const { rows } = await k.executeQuery<{ detail: string }>(CompiledQuery.raw(`explain query plan ${query.sql}`, [...query.parameters]));
    return rows.map((r) => r.detail).join('\n');
  }
  // The planner's own choice, sequential scans allowed: with 50k contacts and 5k accounts (vacuumed
  // and analyzed above) it already prefers the trigram index.
  const { rows } = await k.executeQuery<{ 'QUERY PLAN': string }>(CompiledQuery.raw(`explain ${query.sql}`, [...query.parameters]));
  return rows.map((r) => r['QUERY PLAN']).join('\n');
}

/** SQLite: the rowids the FTS index itself holds for a substring (stale entries included). */
const ftsHits = async (table: 'contacts_search' | 'accounts_search', text: string) =>
  (await sql<{ rowid: number }>`select rowid from ${sql.table(table)} where ${sql.table(table)} match ${`"${text}"`}`.execute(h.db.kysely)).rows.length;

describe('search by part of a name reads the trigram index', () => {
  it(`finds a contact by a company name among ${CONTACTS.toLocaleString('en')} contacts without reading every contact`, async () => {
    const query = containingContactsQuery(h.db.kysely, h.teamA, nameKey('Kvarnholmen'), 10, h.db.dialect);
    expect(query).not.toBeNull();
    const plan = await planOf(query!);
    if (dialectUnderTest === 'sqlite') {
      expect(plan).toMatch(/VIRTUAL TABLE INDEX/);
      expect(plan).not.toMatch(/SCAN (c|contacts)\b/);
      expect(plan).not.toMatch(/contacts_team_name/);
    } else {
      expect(plan).toMatch(/Bitmap Index Scan on contacts_name_trgm/);
    }
  });

  it(`finds an account by part of its name among ${ACCOUNTS.toLocaleString('en')} accounts without reading every account`, async () => {
    const plan = await planOf(namedAccountsQuery(h.db.kysely, h.teamA, 'Kvarnholmen', 10, h.db.dialect));
    if (dialectUnderTest === 'sqlite') {
      expect(plan).toMatch(/VIRTUAL TABLE INDEX/);
      expect(plan).not.toMatch(/SCAN accounts\b/);
      expect(plan).not.toMatch(/accounts_team_name/);
    } else {
      expect(plan).toMatch(/Bitmap Index Scan on accounts_name_trgm/);
    }
  });
});

describe('search by part of a name finds what it found before', () => {
  it('finds text in the middle of a word', async () => {
    expect((await search('arnholm')).accounts.map((a) => a.id)).toEqual(['acc_kv']);
    expect((await search('IMILIANA OST')).contacts.map((c) => c.id)).toEqual(['ct_mid']);
    expect((await search('terwal')).contacts.map((c) => c.id)).toEqual(['ct_mid']);
  });

  it('folds the case of letters beyond ASCII', async () => {
    expect((await search('örebro')).accounts.map((a) => a.id)).toEqual(['acc_or']);
    expect((await search('SKÄRGÅRD')).accounts.map((a) => a.id)).toEqual(['acc_or']);
    expect((await search('ÅRDENS')).accounts.map((a) => a.id)).toEqual(['acc_or']);
  });

  it('takes % and _ in the text literally', async () => {
    expect((await search('0% org')).accounts.map((a) => a.id)).toEqual(['acc_pct']);
    expect((await search('ic_foo')).accounts.map((a) => a.id)).toEqual(['acc_pct']);
    expect((await search('icXfoo')).accounts.map((a) => a.id)).toEqual(['acc_x']);
    expect((await search('c%Foods')).accounts).toEqual([]);
  });

  it('finds contacts whose name starts with a 1-2 letter text, and does not read every name for one containing it', async () => {
    expect((await search('ma')).contacts.map((c) => c.id)).toEqual(['ct_mid']);
    // "Osterwaldt" contains "st": a name containing two letters is not a name starting with them.
    expect((await search('st')).contacts).toEqual([]);
    expect((await search('qu')).contacts.map((c) => c.id)).toEqual(['ct_gone']);
  });

  it('no longer finds an erased person, and keeps no trigram of theirs', async () => {
    expect((await search('xholm')).contacts.map((c) => c.id)).toEqual(['ct_gone']);
    const res = await h.request('POST', '/v1/admin/erasures', { token: h.admin.token, json: { contactId: 'ct_gone' } });
    expect(res.status).toBe(200);
    expect((await search('xholm')).contacts).toEqual([]);
    expect((await search('quirinus')).contacts).toEqual([]);
    if (dialectUnderTest === 'sqlite') {
      expect(await ftsHits('contacts_search', 'quirinus vexholm')).toBe(0);
      // A deletion takes the trigrams out of the index's pages at once, not masked until a merge.
      for (const t of ['contacts_search', 'accounts_search']) {
        const { rows } = await sql<{ v: number }>`select v from ${sql.table(`${t}_config`)} where k = 'secure-delete'`.execute(h.db.kysely);
        expect(rows, t).toEqual([{ v: 1 }]);
      }
    }
  });

  it('finds a renamed account by its new name only', async () => {
    expect((await search('llbacken')).accounts.map((a) => a.id)).toEqual(['acc_old']);
    await h.db.kysely.updateTable('accounts').set({ name: 'Granudden Verkstad', updated_at: AT }).where('id', '=', 'acc_old').execute();
    expect((await search('llbacken')).accounts).toEqual([]);
    expect((await search('anudden')).accounts.map((a) => a.id)).toEqual(['acc_old']);
    if (dialectUnderTest === 'sqlite') {
      expect(await ftsHits('accounts_search', 'tallbacken')).toBe(0);
      expect(await ftsHits('accounts_search', 'granudden')).toBe(1);
    }
  });

  it.runIf(dialectUnderTest === 'sqlite')('stays in step with its tables after the database is compacted (VACUUM keeps the rowids)', async () => {
    await h.db.kysely.deleteFrom('contacts').where('id', 'in', ['ct_f7', 'ct_f70', 'ct_f700']).execute();
    await compactDatabase(h.db.kysely, ['contacts']);
    // 'integrity-check' with rank 1 compares the index with the content table, row by row.
    for (const t of ['contacts_search', 'accounts_search']) await sql`insert into ${sql.table(t)}(${sql.table(t)}, rank) values ('integrity-check', 1)`.execute(h.db.kysely);
    expect((await search('terwal')).contacts.map((c) => c.id)).toEqual(['ct_mid']);
    expect((await search('anudden')).accounts.map((a) => a.id)).toEqual(['acc_old']);
  });
});
