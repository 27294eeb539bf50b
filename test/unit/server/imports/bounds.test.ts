/**
 * Issue 9 item 4: a file can be wide or large, its problem report cannot. A header or a row with
 * more than MAX_COLUMNS values is refused with one error before anything is built per column,
 * and a single huge cell or row is refused without being held.
 */
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { MAX_COLUMNS } from '../../../../server/ingest/csv/guard.ts';
import { makeHarness, type Harness } from '../harness.ts';
import { countOf, csv } from './helpers.ts';

let h: Harness;
beforeAll(async () => {
  h = await makeHarness();
});
afterAll(() => h.close());

beforeEach(async () => {
  for (const table of ['account_domains', 'account_history', 'accounts'] as const) {
    await h.db.kysely.deleteFrom(table).where('team_id', '=', h.teamA).execute();
  }
});

async function post(body: string) {
  const res = await h.request('POST', '/v1/import/accounts', { token: h.admin.token, body, headers: { 'content-type': 'text/csv' } });
  const text = await res.text();
  return { status: res.status, bytes: text.length, body: JSON.parse(text) as Record<string, unknown> & { errors?: unknown[] } };
}

describe('a CSV too wide or too large for an import', () => {
  it('refuses a header of `name` and 300,000 commas with one error, in a problem of a few hundred bytes', async () => {
    const { status, bytes, body } = await post(`name${','.repeat(300_000)}\nAcme\n`);
    expect(status).toBe(422);
    expect(body.errors).toEqual([{ field: 'row 1', message: `has more than ${MAX_COLUMNS} values: an import reads at most ${MAX_COLUMNS} columns (see docs/imports.md)` }]);
    expect(bytes).toBeLessThan(1000);
    expect(await countOf(h, 'accounts', h.teamA)).toBe(0);
  });

  it(`still lists each unknown column of a header of ${MAX_COLUMNS} columns (the widest it reads)`, async () => {
    const header = ['name', ...Array.from({ length: MAX_COLUMNS - 1 }, (_, i) => `extra_${i}`)].join(',');
    const { status, body } = await post(csv(header, 'Acme'));
    expect(status).toBe(422);
    expect(body.errors).toHaveLength(MAX_COLUMNS - 1);
    expect(body.errors![0]).toEqual({ field: 'row 1, column extra_0', message: expect.stringContaining('unknown column') });
  });

  it('refuses a data row of 2,000,000 commas (past max_record_size, which counts only characters) naming the row', async () => {
    const { status, bytes, body } = await post(`external_id,name\nA-1,Acme\nA-2,Globex${','.repeat(2_000_000)}\n`);
    expect(status).toBe(422);
    expect(body.errors).toEqual([{ field: 'row 3', message: expect.stringContaining(`more than ${MAX_COLUMNS} values`) }]);
    expect(bytes).toBeLessThan(1000);
    expect(await countOf(h, 'accounts', h.teamA)).toBe(0);
  });

  it('counts the values of a row spanning lines (quoted newlines) as one row, and reports the rows after it right', async () => {
    const wide = Array.from({ length: MAX_COLUMNS + 5 }, () => '"a\nb"').join(',');
    const { status, body } = await post(`external_id,name\n"A-1","Acme\nCorp"\r\nA-2,Globex\n${wide}\n`);
    expect(status).toBe(422);
    expect(body.errors).toEqual([{ field: 'row 4', message: expect.stringContaining(`more than ${MAX_COLUMNS} values`) }]);
  });

  it('does not count commas inside quotes, nor rows of a file delimited by a lone CR', async () => {
    const commas = `"${','.repeat(1000)}"`;
    const rows = Array.from({ length: MAX_COLUMNS * 2 }, (_, i) => `A-${i},Acme ${i}`);
    const { status, body } = await post([`external_id,name,description`, `A-x,Commas,${commas}`, ...rows.map((r) => `${r},`)].join('\r') + '\r');
    expect(status).toBe(200);
    expect(body).toMatchObject({ summary: { created: MAX_COLUMNS * 2 + 1, rejected: 0 } });
  });

  it('refuses one cell of 2 MB as a row larger than 1 MB, without echoing it', async () => {
    const { status, bytes, body } = await post(`external_id,name\nA-1,${'x'.repeat(2 * 1024 * 1024)}\n`);
    expect(status).toBe(422);
    expect(body.errors).toEqual([{ field: 'row 2, column name', message: 'this row is larger than 1 MB' }]);
    expect(bytes).toBeLessThan(1000);
  });

  it('refuses JSON rows with more than the widest header of keys with one error', async () => {
    const row = Object.fromEntries(Array.from({ length: 5000 }, (_, i) => [`k${i}`, '']));
    const res = await h.request('POST', '/v1/import/accounts', { token: h.admin.token, json: { rows: [{ name: 'Acme', ...row }] } });
    expect(res.status).toBe(422);
    const body = (await res.json()) as { errors: unknown[] };
    expect(body.errors).toEqual([{ field: 'row 1', message: `has 5001 columns: an import reads at most ${MAX_COLUMNS} (accounts has 16, see docs/imports.md)` }]);
  });
});
