import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runAdmin } from '../../../../server/cli/admin.ts';
import { runImportCommand } from '../../../../server/cli/import.ts';
import { makeHarness, type Harness } from '../harness.ts';
import { ACCOUNTS, countOf, csv } from './helpers.ts';

let h: Harness;
let dir: string;
beforeAll(async () => {
  h = await makeHarness();
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'sh-import-cli-'));
});
afterAll(async () => {
  fs.rmSync(dir, { recursive: true, force: true });
  await h.close();
});

function fileOf(name: string, content: string) {
  const file = path.join(dir, name);
  fs.writeFileSync(file, content);
  return file;
}

/** Runs the command with captured output; stderr is not a terminal, so progress comes as plain lines. */
async function run(args: string[]) {
  const out: string[] = [];
  const err: string[] = [];
  const code = await runImportCommand(args, h.db, {
    stdout: { write: (t: string) => out.push(t) },
    stderr: { write: (t: string) => err.push(t), isTTY: false },
    now: () => h.clock.now,
  });
  return { code, out: out.join(''), err: err.join('') };
}

describe('npm run admin -- import', () => {
  it('imports a file, shows progress through both passes and prints the summary (exit 0)', async () => {
    const result = await run(['accounts', fileOf('accounts.csv', ACCOUNTS), '--team', h.teamA]);
    expect(result.code).toBe(0);
    expect(result.out).toMatch(/^accounts: 2 created, 0 updated, 0 unchanged, 0 rejected/);
    expect(result.err).toMatch(/validating .*100\.0%/);
    expect(result.err).toMatch(/importing .*100\.0% {2}2 rows/);
    expect(await countOf(h, 'accounts', h.teamA)).toBe(2);
  });

  it('exits 1 when rows were rejected, and prints them by row and column', async () => {
    const file = fileOf('bad-row.csv', csv('external_id,name,tier', 'A-7,Acme 7,1', 'A-8,Acme 8,7'));
    const result = await run(['accounts', file, '--team', h.teamA]);
    expect(result.code).toBe(1);
    expect(result.out).toContain('1 created, 0 updated, 0 unchanged, 1 rejected');
    expect(result.out).toContain('row 3, column tier: must be one of 1, 2, 3');
  });

  it('exits 2 on a file-level problem and writes nothing', async () => {
    const before = await countOf(h, 'accounts', h.teamA);
    const file = fileOf('bad-quote.csv', csv('external_id,name', 'A-20,Fine', 'A-21,"Never closed'));
    const result = await run(['accounts', file, '--team', h.teamA]);
    expect(result.code).toBe(2);
    expect(result.err).toContain('nothing was written');
    expect(result.err).toContain('row 3');
    expect(await countOf(h, 'accounts', h.teamA)).toBe(before);
  });

  it('exits 2 on bad usage, an unknown entity or team, or a missing file', async () => {
    const file = fileOf('ok.csv', ACCOUNTS);
    expect((await run(['accounts', file])).code).toBe(2);
    expect((await run(['leads', file, '--team', h.teamA])).err).toContain('unknown entity');
    expect((await run(['accounts', file, '--team', 'team_nope'])).err).toContain('no such team');
    expect((await run(['accounts', path.join(dir, 'missing.csv'), `--team=${h.teamA}`])).err).toContain('no such file');
  });

  it('also takes the parsed options admin.ts passes, answering the exit code', async () => {
    const lines: string[] = [];
    const code = await runImportCommand({
      db: h.db.kysely,
      teamId: h.teamB,
      entity: 'accounts',
      file: fileOf('b.csv', ACCOUNTS),
      now: () => h.clock.now,
      out: (line) => lines.push(line),
      err: () => {},
    });
    expect(code).toBe(1); // owner rep@a.test is not in team B
    expect(lines[0]).toMatch(/^accounts: 1 created, 0 updated, 0 unchanged, 1 rejected/);
    expect(lines).toContain('  row 2, column owner_email: no user in this team has this email');
  });

  it('prints the warnings of rows it imported (a free-mail domain left out), and exits 0', async () => {
    const file = fileOf('free-mail.csv', csv('external_id,name,domains', 'A-30,Lindqvist Rådgivning,lindqvistradgivning.se;gmail.com'));
    const result = await run(['accounts', file, '--team', h.teamA]);
    expect(result.code).toBe(0);
    expect(result.out).toContain('1 created, 0 updated, 0 unchanged, 0 rejected');
    expect(result.out).toContain('warnings (1; these rows were imported):\n  row 2, column domains: left out gmail.com');
  });

  it('refuses a Windows-1252 file by row and column with the hint, and reads it with --encoding windows-1252', async () => {
    const file = path.join(dir, 'windows-1252.csv');
    fs.writeFileSync(file, Buffer.from('external_id,name\r\nA-40,René Ström AB\r\n', 'latin1'));
    const refused = await run(['accounts', file, '--team', h.teamA]);
    expect(refused.code).toBe(2);
    expect(refused.err).toMatch(/row 2, column name: this file is not UTF-8 .*--encoding windows-1252/);
    const read = await run(['accounts', file, '--team', h.teamA, '--encoding', 'windows-1252']);
    expect(read.code).toBe(0);
    const stored = await h.db.kysely.selectFrom('accounts').select('name').where('external_id', '=', 'A-40').executeTakeFirstOrThrow();
    expect(stored.name).toBe('René Ström AB');
    expect((await run(['accounts', file, '--team', h.teamA, '--encoding=ebcdic'])).err).toContain('cannot read "ebcdic"');
    // The documented entry point, `npm run admin -- import … --encoding windows-1252`, passes it on.
    const out: string[] = [];
    const argv = ['import', 'accounts', file, '--team', h.teamA, '--encoding', 'windows-1252'];
    expect(await runAdmin(argv, { db: h.db, now: () => h.clock.now, io: { out: (l) => out.push(l), err: () => {} } })).toBe(0);
    expect(out[0]).toMatch(/^accounts: 0 created, 0 updated, 1 unchanged, 0 rejected/);
  });
});
