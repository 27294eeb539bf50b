/**
 * The demo team's tokens are this install's own: random at seeding, kept in DATA_DIR in a file
 * only its owner can read, printed from there at each start, refused by a server that listens
 * beyond loopback until revoked; and the tokens every install used to share no longer work.
 * Runs on SQLite, or PostgreSQL with TEST_DATABASE_URL.
 */
import crypto from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { Migrator } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApp } from '../../../../server/app.ts';
import { runAdmin } from '../../../../server/cli/admin.ts';
import { demoTokenLines, seedIfEmpty } from '../../../../server/cli/start.ts';
import { exposureRefusal, isLoopbackHost } from '../../../../server/admin/demo-tokens.ts';
import { startServer } from '../../../../server/index.ts';
import { migrateToLatest, migrations, openDatabase, type OpenedDatabase } from '../../../../server/db/connect.ts';
import { readEnv } from '../../../../server/env.ts';
import { hashToken } from '../../../../server/auth/tokens.ts';
import { DEMO_TOKEN_FILE } from '../../../../server/seed/demo-tokens.ts';
import { dialectUnderTest, openTestDatabase } from '../harness.ts';
import { legacyDemoToken } from './legacy-demo-tokens.ts';

const NOW = new Date('2026-11-23T09:00:00.000Z');

interface Install {
  db: OpenedDatabase;
  dataDir: string;
  cleanup: () => Promise<void>;
}

const installs: Install[] = [];
async function freshInstall(): Promise<Install> {
  const { db, cleanup } = await openTestDatabase();
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'sh-demo-tokens-'));
  const install = { db, dataDir, cleanup: async () => (await cleanup(), fs.rmSync(dataDir, { recursive: true, force: true })) };
  installs.push(install);
  return install;
}
afterAll(async () => {
  for (const install of installs) await install.cleanup();
});

const printed = (lines: string[], role: string) => lines.find((l) => l.startsWith(`Demo ${role} token: `))?.slice(`Demo ${role} token: `.length);

async function admin(install: Install, ...argv: string[]) {
  const out: string[] = [];
  const err: string[] = [];
  const code = await runAdmin(argv, { db: install.db, dataDir: install.dataDir, now: () => NOW, io: { out: (l) => out.push(l), err: (l) => err.push(l) } });
  return { code, out: out.join('\n'), err: err.join('\n') };
}

describe(`the demo team's tokens (${dialectUnderTest})`, () => {
  let first: Install;
  let second: Install;
  let firstLines: string[];
  beforeAll(async () => {
    first = await freshInstall();
    second = await freshInstall();
    // umask 0 would let a file written with default permissions be world-readable: the file must not depend on it.
    const umask = process.umask(0);
    try {
      await seedIfEmpty(first.db, NOW, first.dataDir);
    } finally {
      process.umask(umask);
    }
    await seedIfEmpty(second.db, NOW, second.dataDir);
    firstLines = await demoTokenLines(first.db, first.dataDir, NOW);
  }, 120_000);

  it('gives two fresh data folders different tokens, printed from a file in DATA_DIR that only its owner can read', async () => {
    const secondLines = await demoTokenLines(second.db, second.dataDir, NOW);
    for (const role of ['rep', 'manager', 'admin']) {
      expect(printed(firstLines, role), role).toMatch(/^shk_[A-Za-z0-9]{40}$/);
      expect(printed(secondLines, role), role).not.toBe(printed(firstLines, role));
    }
    for (const install of [first, second]) {
      const file = path.join(install.dataDir, DEMO_TOKEN_FILE);
      expect((fs.statSync(file).mode & 0o777).toString(8)).toBe('600');
      expect(fs.readdirSync(install.dataDir).filter((f) => f.endsWith('.tmp'))).toEqual([]);
    }
    // The database keeps hashes only.
    const stored = await first.db.kysely.selectFrom('api_tokens').select(['hash', 'prefix', 'label']).execute();
    expect(JSON.stringify(stored)).not.toContain(printed(firstLines, 'rep')!);
    expect(stored.map((t) => t.hash)).toContain(hashToken(printed(firstLines, 'rep')!));
    // A restart prints the same tokens.
    expect(await demoTokenLines(first.db, first.dataDir, NOW)).toEqual(firstLines);
  });

  it('refuses the tokens every install used to accept, derived from the seed in the repository', async () => {
    const app = createApp({ db: first.db, now: () => NOW, env: readEnv({ LOG_REQUESTS: '0' }) });
    for (const role of ['rep', 'admin'] as const) {
      const res = await app.request('/v1/me', { headers: { authorization: `Bearer ${legacyDemoToken(role)}` } });
      expect(res.status, role).toBe(401);
    }
    const works = await app.request('/v1/me', { headers: { authorization: `Bearer ${printed(firstLines, 'admin')}` } });
    expect(works.status).toBe(200);
  });

  it('calls only 127.0.0.0/8, ::1 and localhost loopback', () => {
    for (const host of ['127.0.0.1', '127.8.9.10', '::1', 'localhost', 'LOCALHOST']) expect(isLoopbackHost(host), host).toBe(true);
    for (const host of ['0.0.0.0', '::', '10.0.0.5', '192.168.1.20', '128.0.0.1', 'signalhouse.internal', '127.0.0.1.nip.io']) expect(isLoopbackHost(host), host).toBe(false);
  });

  it('refuses a non-loopback HOST while the demo tokens work, naming the command that revokes them; allows it once revoked', async () => {
    const install = await freshInstall();
    await seedIfEmpty(install.db, NOW, install.dataDir);
    expect(await exposureRefusal(install.db.kysely, '127.0.0.1', NOW)).toBeNull();
    const refusal = await exposureRefusal(install.db.kysely, '0.0.0.0', NOW);
    expect(refusal).toContain('npm run admin -- revoke-demo-tokens');
    expect(refusal).toMatch(/3 working tokens/);
    // Every way of starting the server checks, not only npm start (server/index.ts, its workers).
    await expect(startServer(readEnv({ HOST: '0.0.0.0', PORT: '0', LOG_REQUESTS: '0' }), install.db)).rejects.toThrow(/revoke-demo-tokens/);

    const revoked = await admin(install, 'revoke-demo-tokens');
    expect(revoked).toMatchObject({ code: 0, out: expect.stringMatching(/^Revoked 3 tokens of the demo team/) });
    expect(await exposureRefusal(install.db.kysely, '0.0.0.0', NOW)).toBeNull();
    expect(fs.existsSync(path.join(install.dataDir, DEMO_TOKEN_FILE))).toBe(false);
    expect(await demoTokenLines(install.db, install.dataDir, NOW)).toEqual([expect.stringMatching(/none on file.*npm run admin -- issue-demo-tokens/)]);

    // Any token of the demo team counts, not only the printed three.
    const issued = await admin(install, 'issue-token', '--user', 'sofia.lindqvist@northwind-demo.test');
    expect(issued.code).toBe(0);
    expect(await exposureRefusal(install.db.kysely, '192.168.1.20', NOW)).toMatch(/1 working token,/);
    expect((await admin(install, 'revoke-demo-tokens')).out).toMatch(/^Revoked 1 token of the demo team/);
  });

  it('issues new random demo tokens on request (a lost file, an upgraded install), revoking the ones on file', async () => {
    const install = await freshInstall();
    await seedIfEmpty(install.db, NOW, install.dataDir);
    const before = await demoTokenLines(install.db, install.dataDir, NOW);
    const reissued = await admin(install, 'issue-demo-tokens');
    expect(reissued.code).toBe(0);
    const after = await demoTokenLines(install.db, install.dataDir, NOW);
    expect(printed(after, 'rep')).toMatch(/^shk_/);
    expect(printed(after, 'rep')).not.toBe(printed(before, 'rep'));
    expect((fs.statSync(path.join(install.dataDir, DEMO_TOKEN_FILE)).mode & 0o777).toString(8)).toBe('600');
    const app = createApp({ db: install.db, now: () => NOW, env: readEnv({ LOG_REQUESTS: '0' }) });
    const me = (token: string) => app.request('/v1/me', { headers: { authorization: `Bearer ${token}` } });
    expect((await me(printed(before, 'rep')!)).status).toBe(401);
    expect((await me(printed(after, 'rep')!)).status).toBe(200);
    expect(await exposureRefusal(install.db.kysely, '0.0.0.0', NOW)).toMatch(/3 working tokens/);
  });
});

describe(`migration 0008 on an install seeded with the seed-derived tokens (${dialectUnderTest})`, () => {
  let db: OpenedDatabase;
  let close: () => Promise<void>;
  beforeAll(async () => {
    const url = process.env.TEST_DATABASE_URL;
    const schema = `t_${crypto.randomBytes(6).toString('hex')}`;
    const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'sh-legacy-'));
    db = url ? await openDatabase({ databaseUrl: url, pgSchema: schema, poolSize: 2 }) : await openDatabase({ dataDir });
    close = async () => {
      if (url) {
        const { sql } = await import('kysely');
        await sql.raw(`drop schema ${schema} cascade`).execute(db.kysely);
      }
      await db.close();
      fs.rmSync(dataDir, { recursive: true, force: true });
    };
    // The schema as it was before 0008, with the demo admin's old token in it.
    const before = Object.fromEntries(Object.entries(migrations(db.dialect)).filter(([name]) => name < '0008'));
    const migrator = new Migrator({ db: db.kysely, provider: { getMigrations: async () => before }, ...(db.schema ? { migrationTableSchema: db.schema } : {}) });
    expect((await migrator.migrateToLatest()).error).toBeUndefined();
    await db.kysely.insertInto('teams').values({ id: 'team_old', name: 'Northwind Demo', created_at: NOW.toISOString() }).execute();
    await db.kysely.insertInto('users').values({ id: 'usr_old', team_id: 'team_old', email: 'tomas@northwind-demo.test', name: 'Tomás', role: 'admin', created_at: NOW.toISOString(), disabled_at: null }).execute();
    for (const [id, token] of [['tok_old', legacyDemoToken('admin')], ['tok_mine', 'shk_' + 'a'.repeat(40)]] as const) {
      await db.kysely
        .insertInto('api_tokens')
        .values({ id, team_id: 'team_old', user_id: 'usr_old', prefix: token.slice(0, 10), hash: hashToken(token), label: null, scope: 'user', created_at: NOW.toISOString(), last_used_at: null, revoked_at: null } as never)
        .execute();
    }
    await migrateToLatest(db);
  });
  afterAll(async () => close());

  it('revokes the token derived from the committed seed, and only that one, with a line in the audit log', async () => {
    const app = createApp({ db, now: () => NOW, env: readEnv({ LOG_REQUESTS: '0' }) });
    const me = (token: string) => app.request('/v1/me', { headers: { authorization: `Bearer ${token}` } });
    expect((await me(legacyDemoToken('admin'))).status).toBe(401);
    expect((await me('shk_' + 'a'.repeat(40))).status).toBe(200);
    const audit = await db.kysely.selectFrom('audit_log').select(['action', 'target']).where('team_id', '=', 'team_old').execute();
    expect(audit).toEqual([{ action: 'token.revoke', target: 'tok_old' }]);
  });
});
