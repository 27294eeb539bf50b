import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runAdmin } from '../../../../server/cli/admin.ts';
import { makeHarness, type Harness } from '../harness.ts';
import { addContact } from './people.ts';

let h: Harness;
beforeAll(async () => {
  h = await makeHarness();
});
afterAll(() => h.close());

/** Runs a command against the harness database and keeps what it printed. */
async function admin(...argv: string[]) {
  const out: string[] = [];
  const err: string[] = [];
  const code = await runAdmin(argv, { db: h.db, now: () => h.clock.now, io: { out: (l) => out.push(l), err: (l) => err.push(l) } });
  return { code, out: out.join('\n'), err: err.join('\n') };
}

describe('the admin CLI (on the test database)', () => {
  it('creates a team and its first admin, whose printed token then works', async () => {
    const team = await admin('create-team', 'Initech Sales');
    expect(team.code).toBe(0);
    const teamId = /team_[a-z0-9]+/.exec(team.out)![0];

    const user = await admin('create-user', '--team', teamId, '--email', 'Boss@Initech.test', '--name', 'Bill L', '--role', 'admin');
    expect(user).toMatchObject({ code: 0, err: '' });
    const userId = /usr_[a-z0-9]+/.exec(user.out)![0];

    const issued = await admin('issue-token', '--user', 'boss@initech.test', '--label', 'ops laptop');
    expect(issued.code).toBe(0);
    expect(issued.out).toMatch(/cannot be shown again/);
    const token = /shk_[A-Za-z0-9]{40}/.exec(issued.out)![0];
    const me = await h.request('GET', '/v1/me', { token });
    expect((await me.json()).user).toMatchObject({ id: userId, role: 'admin' });

    const users = await admin('list-users', '--team', teamId);
    expect(users.out).toContain('boss@initech.test');
    expect(users.out).not.toContain('rep@a.test');

    const tokens = await admin('list-tokens', '--team', teamId);
    expect(tokens.out).toContain(token.slice(0, 10));
    expect(tokens.out).not.toContain(token);

    const revoked = await admin('revoke-token', token.slice(0, 10));
    expect(revoked).toMatchObject({ code: 0, out: expect.stringMatching(/^Revoked token tok_/) });
    expect((await h.request('GET', '/v1/me', { token })).status).toBe(401);
    expect((await admin('revoke-token', token.slice(0, 10))).out).toMatch(/already revoked/);
  });

  it('erases a person by email without printing who they were', async () => {
    await addContact(h.db.kysely, h.teamA, { id: 'ct_cli', name: 'Pat Rowe', emails: ['pat@rowe.test'] });
    const erased = await admin('erase-person', '--team', h.teamA, '--email', 'pat@rowe.test');
    expect(erased.code).toBe(0);
    expect(erased.out).toContain('ct_cli');
    expect(erased.out).not.toMatch(/pat|rowe/i);
    expect(await h.db.kysely.selectFrom('contacts').select('id').where('id', '=', 'ct_cli').execute()).toEqual([]);
    expect((await admin('erase-person', '--team', h.teamA, '--contact', 'ct_cli')).out).toMatch(/already erased/);
  });

  it('answers a mistake with one line and exit 2, never a stack trace', async () => {
    const mistakes: string[][] = [
      [],
      ['frobnicate'],
      ['create-team'],
      ['create-user', '--team', h.teamA, '--email', 'x@a.test', '--name', 'X', '--role', 'boss'],
      ['create-user', '--team', h.teamA, '--email', 'not-an-email', '--name', 'X', '--role', 'rep'],
      ['list-users'],
      ['list-users', '--team', h.teamA, '--colour', 'red'],
      ['issue-token', '--user', h.rep.id, '--scope', 'root'],
      ['erase-person', '--team', h.teamA],
      ['erase-person', '--team', h.teamA, '--email', 'a@b.test', '--contact', 'ct_1'],
      ['import', 'accounts', '--team', h.teamA],
    ];
    for (const argv of mistakes) {
      const result = await admin(...argv);
      expect(result.code, argv.join(' ')).toBe(2);
      expect(result.err + result.out).not.toMatch(/\n\s+at /);
    }
  });

  it('exits 1 with a plain message for refusals: unknown team, duplicate user, unknown token', async () => {
    expect(await admin('list-users', '--team', 'team_nope')).toMatchObject({ code: 1, err: 'list-users: No team with id team_nope.' });
    const dup = await admin('create-user', '--team', h.teamA, '--email', 'rep@a.test', '--name', 'Again', '--role', 'rep');
    expect(dup).toMatchObject({ code: 1, err: expect.stringContaining('already in the team') });
    expect((await admin('revoke-token', 'shk_nothin')).code).toBe(1);
    expect((await admin('issue-token', '--user', 'nobody@nowhere.test')).code).toBe(1);
  });

  it('hands imports to the import command and passes on its exit code', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'sh-admin-import-'));
    const file = path.join(dir, 'accounts--handmade.csv');
    fs.writeFileSync(file, 'name,domains\nWayne Freight,waynefreight.test\n');
    try {
      const imported = await admin('import', 'accounts', file, '--team', h.teamA);
      expect(imported.code).toBe(0);
      const row = await h.db.kysely.selectFrom('account_domains').select('account_id').where('team_id', '=', h.teamA).where('domain', '=', 'waynefreight.test').executeTakeFirst();
      expect(row).toBeDefined();
      expect((await admin('import', 'widgets', file, '--team', h.teamA)).code).toBe(2);
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });

  it('prints help', async () => {
    const help = await admin('help');
    expect(help.code).toBe(0);
    for (const command of ['create-team', 'create-user', 'issue-token', 'revoke-token', 'import', 'erase-person']) expect(help.out).toContain(command);
  });
});

describe('npm run admin, end to end in a fresh DATA_DIR', () => {
  it('migrates a new database from the environment, creates a team, a user and a token, and lists the token by prefix', async () => {
    const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'sh-admin-cli-'));
    const { DATABASE_URL: _ignored, ...env } = process.env;
    // The real entry point, as `npm run admin` starts it: exit codes must reach the shell.
    const spawn = (...args: string[]) => {
      const result = spawnSync(process.execPath, ['--import', 'tsx', 'server/cli/admin.ts', ...args], {
        cwd: path.resolve(import.meta.dirname, '../../../..'),
        env: { ...env, DATA_DIR: dataDir },
        encoding: 'utf8',
      });
      return { code: result.status, out: result.stdout, err: result.stderr };
    };
    // The rest in-process (each spawn costs a TypeScript start-up), still opening DATA_DIR from the environment.
    const run = async (...argv: string[]) => {
      const out: string[] = [];
      const code = await runAdmin(argv, { env: { DATA_DIR: dataDir }, io: { out: (l) => out.push(l), err: (l) => out.push(l) } });
      return { code, out: out.join('\n') };
    };
    try {
      const team = spawn('create-team', 'Umbrella Sales');
      expect(team).toMatchObject({ code: 0, err: '' });
      expect(fs.existsSync(path.join(dataDir, 'signalhouse.db'))).toBe(true);
      const teamId = /team_[a-z0-9]+/.exec(team.out)![0];
      expect((await run('create-user', '--team', teamId, '--email', 'ada@umbrella.test', '--name', 'Ada', '--role', 'manager')).code).toBe(0);
      const issued = await run('issue-token', '--user', 'ada@umbrella.test');
      const token = /shk_[A-Za-z0-9]{40}/.exec(issued.out)![0];
      const listed = await run('list-tokens', '--team', teamId);
      expect(listed.out).toContain(token.slice(0, 10));
      expect(listed.out).not.toContain(token);
      const mistake = spawn('create-user', '--team', teamId);
      expect(mistake.code).toBe(2);
      expect(mistake.err).toContain('--email is required');
      expect(mistake.err).not.toMatch(/\n\s+at /);
    } finally {
      fs.rmSync(dataDir, { recursive: true, force: true });
    }
  }, 90_000);
});
