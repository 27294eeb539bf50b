/**
 * Issue 9 item 11: a file that is not UTF-8 is refused by row and column with a hint (never read
 * with replacement characters), a charset the sender names is honoured, a UTF-8 BOM still works,
 * and a NUL character is a row error naming the cell on both dialects (PostgreSQL cannot store it).
 */
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { makeHarness, type Harness } from '../harness.ts';
import { countOf } from './helpers.ts';

let h: Harness;
beforeAll(async () => {
  h = await makeHarness();
});
afterAll(() => h.close());

beforeEach(async () => {
  for (const table of ['contact_emails', 'contacts', 'account_domains', 'account_history', 'accounts'] as const) {
    await h.db.kysely.deleteFrom(table).where('team_id', '=', h.teamA).execute();
  }
});

async function post(body: Buffer | string, contentType = 'text/csv', entity = 'accounts') {
  const bytes = typeof body === 'string' ? body : new Uint8Array(body);
  const res = await h.request('POST', `/v1/import/${entity}`, { token: h.admin.token, body: bytes, headers: { 'content-type': contentType } });
  return { status: res.status, body: (await res.json()) as Record<string, unknown> };
}

const names = async () =>
  (await h.db.kysely.selectFrom('accounts').select('name').where('team_id', '=', h.teamA).orderBy('name').execute()).map((r) => r.name);

/** `René Ström AB` as Excel on Windows saves it ("CSV", not "CSV UTF-8"). */
const WINDOWS_1252 = Buffer.from('external_id,name,domains\r\nA-1,Acme,acme.com\r\nA-2,René Ström AB,strom.se\r\n', 'latin1');

describe('the encoding of an imported CSV', () => {
  it('refuses a Windows-1252 file sent as UTF-8, naming row 3, column name, with a hint; nothing written', async () => {
    const { status, body } = await post(WINDOWS_1252);
    expect(status).toBe(422);
    expect(body.errors).toEqual([
      {
        field: 'row 3, column name',
        message: expect.stringMatching(/not UTF-8 \(the byte 0xE9 here.*save it as "CSV UTF-8".*charset=windows-1252.*--encoding windows-1252/),
      },
    ]);
    expect(await countOf(h, 'accounts', h.teamA)).toBe(0);
  });

  it('reads it as named: text/csv; charset=windows-1252 (and latin1, its common label) keeps René', async () => {
    expect((await post(WINDOWS_1252, 'text/csv; charset=windows-1252')).body).toMatchObject({ summary: { created: 2, rejected: 0 } });
    expect(await names()).toEqual(['Acme', 'René Ström AB']);
    expect((await post(WINDOWS_1252, 'text/csv;charset="latin1"')).body).toMatchObject({ summary: { unchanged: 2 } });
  });

  it('refuses a charset it cannot read with 415 before reading the body', async () => {
    const { status, body } = await post(WINDOWS_1252, 'text/csv; charset=utf-16le');
    expect(status).toBe(415);
    expect(body).toMatchObject({ type: '/problems/unsupported-media-type', field: 'content-type', detail: expect.stringContaining('utf-16le') });
  });

  it('still reads a UTF-8 file with a BOM, its first column name included', async () => {
    const file = Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from('External_ID,Name\nA-1,René Ström AB\n')]);
    const { status, body } = await post(file, 'text/csv; charset=utf-8');
    expect(status).toBe(200);
    expect(body).toMatchObject({ summary: { created: 1 } });
    expect(await names()).toEqual(['René Ström AB']);
  });

  it('keeps characters split between two read chunks whole (a file of several 256 KB chunks)', async () => {
    const rows = Array.from({ length: 12_000 }, (_, i) => `A-${i},Ångström ${i} 北京 😀`);
    const { status, body } = await post(`external_id,name\n${rows.join('\n')}\n`);
    expect(status).toBe(200);
    expect(body).toMatchObject({ summary: { created: 12_000, rejected: 0 } });
    const bad = await h.db.kysely.selectFrom('accounts').select('name').where('team_id', '=', h.teamA).where('name', 'like', '%\uFFFD%').execute();
    expect(bad).toEqual([]);
  });

  it('refuses a file cut short inside a character, naming where', async () => {
    const file = Buffer.concat([Buffer.from('external_id,name\nA-1,Ren'), Buffer.from([0xc3])]);
    const { status, body } = await post(file);
    expect(status).toBe(422);
    expect(body.errors).toEqual([{ field: 'row 2, column name', message: expect.stringContaining('0xC3') }]);
  });

  it('names UTF-16 when the file is UTF-16 (Excel "Unicode Text")', async () => {
    const file = Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from('external_id,name\nA-1,René\n', 'utf16le')]);
    const { status, body } = await post(file);
    expect(status).toBe(422);
    expect(body.errors).toEqual([{ field: 'row 1, column #1', message: expect.stringContaining('this file is UTF-16, not UTF-8') }]);
  });
});

describe('a NUL character in a cell', () => {
  it('rejects that row naming row 3, column name, and imports the others (PostgreSQL cannot store NUL in text)', async () => {
    const { status, body } = await post('external_id,name,domains\nA-1,Acme,acme.com\nA-2,Glo\u0000bex,globex.com\nA-3,Initech,initech.com\n');
    expect(status).toBe(200);
    expect(body).toMatchObject({ summary: { created: 2, rejected: 1 }, totalErrors: 1 });
    expect(body.errors).toEqual([{ row: 3, column: 'name', message: expect.stringContaining('NUL character') }]);
    expect(await names()).toEqual(['Acme', 'Initech']);
  });

  it('rejects a NUL in a contact email the same way (a key column)', async () => {
    await post('external_id,name\nA-1,Acme\n');
    const { status, body } = await post('external_id,name,emails,account_external_id\nC-1,Jane,jane@acme.com\u0000,A-1\n', 'text/csv', 'contacts');
    expect(status).toBe(200);
    expect(body.errors).toEqual([{ row: 2, column: 'emails', message: expect.stringContaining('NUL character') }]);
  });

  it('rejects a NUL sent in JSON rows (`\\u0000`) naming the row and column', async () => {
    const res = await h.request('POST', '/v1/import/accounts', { token: h.admin.token, json: { rows: [{ external_id: 'A-1', name: 'Acme\u0000' }] } });
    expect(res.status).toBe(200);
    expect(await res.json()).toMatchObject({ summary: { rejected: 1 }, errors: [{ row: 2, column: 'name', message: expect.stringContaining('NUL') }] });
  });
});
