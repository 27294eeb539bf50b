/**
 * A throwaway server for tests: a fresh SQLite file, or a fresh PostgreSQL schema when
 * TEST_DATABASE_URL is set, migrated, with two teams and a user of each role.
 * Requests go through `app.request()`; nothing listens on a port.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import crypto from 'node:crypto';
import { createApp } from '../../../server/app.ts';
import { migrateToLatest, openDatabase, type OpenedDatabase } from '../../../server/db/connect.ts';
import { readEnv } from '../../../server/env.ts';
import { createTeam, createUser, issueToken } from '../../../server/auth/users.ts';
import type { Role } from '../../../server/db/schema.ts';

export const TEST_NOW = new Date('2026-11-23T09:00:00.000Z');

export interface TestUser {
  id: string;
  teamId: string;
  role: Role;
  token: string;
}

export interface Harness {
  db: OpenedDatabase;
  app: ReturnType<typeof createApp>;
  clock: { now: Date };
  teamA: string;
  teamB: string;
  admin: TestUser;
  manager: TestUser;
  rep: TestUser;
  /** A rep in the other team, to prove isolation. */
  otherRep: TestUser;
  otherAdmin: TestUser;
  /** A webhook-scoped token in team A. */
  webhookToken: string;
  request(method: string, url: string, options?: { token?: string | null; json?: unknown; body?: BodyInit; headers?: Record<string, string> }): Promise<Response>;
  close(): Promise<void>;
}

export const dialectUnderTest = process.env.TEST_DATABASE_URL ? 'postgres' : 'sqlite';

export async function openTestDatabase(): Promise<{ db: OpenedDatabase; cleanup: () => Promise<void> }> {
  const url = process.env.TEST_DATABASE_URL;
  if (url) {
    const schema = `t_${crypto.randomBytes(6).toString('hex')}`;
    const db = await openDatabase({ databaseUrl: url, pgSchema: schema, poolSize: 4 });
    await migrateToLatest(db);
    return {
      db,
      cleanup: async () => {
        const { sql } = await import('kysely');
        await sql.raw(`drop schema ${schema} cascade`).execute(db.kysely);
        await db.close();
      },
    };
  }
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'sh-test-'));
  const db = await openDatabase({ dataDir: dir });
  await migrateToLatest(db);
  return {
    db,
    cleanup: async () => {
      await db.close();
      fs.rmSync(dir, { recursive: true, force: true });
    },
  };
}

export async function makeHarness(envOverrides: Record<string, string> = {}): Promise<Harness> {
  const { db, cleanup } = await openTestDatabase();
  const clock = { now: new Date(TEST_NOW) };
  const env = readEnv({ LOG_REQUESTS: '0', ...envOverrides });
  const app = createApp({ db, now: () => clock.now, env });
  const k = db.kysely;
  const teamA = (await createTeam(k, 'Acme Sales', clock.now)).id;
  const teamB = (await createTeam(k, 'Globex Sales', clock.now)).id;
  const user = async (teamId: string, role: Role, email: string): Promise<TestUser> => {
    const u = await createUser(k, { teamId, email, name: `${role} ${email}`, role }, clock.now);
    const { token } = await issueToken(k, u.id, 'test', clock.now);
    return { id: u.id, teamId, role, token };
  };
  const admin = await user(teamA, 'admin', 'admin@a.test');
  const manager = await user(teamA, 'manager', 'manager@a.test');
  const rep = await user(teamA, 'rep', 'rep@a.test');
  const otherRep = await user(teamB, 'rep', 'rep@b.test');
  const otherAdmin = await user(teamB, 'admin', 'admin@b.test');
  const webhookUser = await createUser(k, { teamId: teamA, email: 'intent-vendor@a.test', name: 'Intent vendor', role: 'rep' }, clock.now);
  const webhookToken = (await issueToken(k, webhookUser.id, 'vendor', clock.now, { scope: 'webhook' })).token;

  return {
    db,
    app,
    clock,
    teamA,
    teamB,
    admin,
    manager,
    rep,
    otherRep,
    otherAdmin,
    webhookToken,
    request(method, url, options = {}) {
      const headers: Record<string, string> = { ...options.headers };
      const token = options.token === undefined ? rep.token : options.token;
      if (token) headers.authorization = `Bearer ${token}`;
      let body = options.body;
      if (options.json !== undefined) {
        body = JSON.stringify(options.json);
        headers['content-type'] ??= 'application/json';
      }
      return Promise.resolve(app.request(url, { method, headers, body }));
    },
    close: cleanup,
  };
}
