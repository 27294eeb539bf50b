/**
 * `npm start`'s server side, as a person meets it: a fresh data folder, one command, a URL and a
 * token that works; a restart prints the same token without seeding again. Spawns the real CLI.
 * On the PostgreSQL pass it runs against a throwaway database through DATABASE_URL.
 */
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import crypto from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { dialectUnderTest } from '../harness.ts';

const ROOT = path.resolve(import.meta.dirname, '../../../..');
const PEOPLE = ['daniel-ortega-lind', 'maya-rani-perera-48213c77', 'arongustav', 'ravikumaran', 'nikospetrakis'];

interface Started {
  child: ChildProcess;
  lines: string[];
  url: string;
  token: string;
}

let dataDir: string;
let databaseUrl = '';
let dropDatabase: (() => Promise<void>) | null = null;
const children: ChildProcess[] = [];

beforeAll(async () => {
  dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'sh-start-'));
  const testUrl = process.env.TEST_DATABASE_URL;
  if (testUrl) {
    // A database of its own, not a schema: the CLI takes a plain DATABASE_URL and migrates its default schema.
    const name = `sh_start_${crypto.randomBytes(5).toString('hex')}`;
    const admin = async (statement: string) => {
      const client = new pg.Client({ connectionString: testUrl });
      await client.connect();
      await client.query(statement);
      await client.end();
    };
    await admin(`create database ${name}`);
    const url = new URL(testUrl);
    url.pathname = `/${name}`;
    databaseUrl = url.toString();
    dropDatabase = () => admin(`drop database if exists ${name} with (force)`);
  }
});

afterAll(async () => {
  for (const child of children) if (child.exitCode === null) child.kill('SIGKILL');
  fs.rmSync(dataDir, { recursive: true, force: true });
  await dropDatabase?.();
});

/** The environment both CLIs get: the test's data folder, and its own PostgreSQL database on that pass. */
function cliEnv(host = '127.0.0.1'): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = { ...process.env, PORT: '0', HOST: host, DATA_DIR: dataDir, LOG_REQUESTS: '0' };
  delete env.TEST_DATABASE_URL;
  if (databaseUrl) env.DATABASE_URL = databaseUrl;
  else delete env.DATABASE_URL;
  return env;
}

/**
 * Runs the CLI until it has printed its start-up lines (or fails). The demo admin token is printed
 * last; without demo tokens, the line saying so is last.
 */
function start(host = '127.0.0.1', last: RegExp = /^Demo admin token: /): Promise<Started> {
  const child = spawn(process.execPath, ['--import', 'tsx', 'server/cli/start.ts'], { cwd: ROOT, env: cliEnv(host), stdio: ['ignore', 'pipe', 'pipe'] });
  children.push(child);
  return new Promise((resolve, reject) => {
    const lines: string[] = [];
    let pending = '';
    let stderr = '';
    child.stderr!.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    child.stdout!.on('data', (chunk: Buffer) => {
      pending += chunk.toString();
      const parts = pending.split('\n');
      pending = parts.pop()!;
      lines.push(...parts);
      const token = lines.find((l) => l.startsWith('Demo rep token: '));
      const url = lines.find((l) => l.startsWith('Server: '));
      if (url && lines.some((l) => last.test(l))) resolve({ child, lines, url: url.slice('Server: '.length), token: token?.slice('Demo rep token: '.length) ?? '' });
    });
    child.on('exit', (code) => reject(new StartFailed(code, stderr)));
  });
}

class StartFailed extends Error {
  constructor(
    readonly code: number | null,
    readonly stderr: string,
  ) {
    super(`start exited with ${code}: ${stderr}`);
  }
}

/** Runs `npm run admin -- <argv>` on the same data. */
function admin(...argv: string[]) {
  return spawnSync(process.execPath, ['--import', 'tsx', 'server/cli/admin.ts', ...argv], { cwd: ROOT, env: cliEnv(), encoding: 'utf8' });
}

async function stop(child: ChildProcess): Promise<number | null> {
  if (child.exitCode !== null) return child.exitCode;
  const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
  child.kill('SIGTERM');
  return exited;
}

const call = (base: string, token: string, route: string, json?: unknown) =>
  fetch(`${base}${route}`, {
    method: json === undefined ? 'GET' : 'POST',
    headers: { authorization: `Bearer ${token}`, ...(json === undefined ? {} : { 'content-type': 'application/json' }) },
    ...(json === undefined ? {} : { body: JSON.stringify(json) }),
  });

describe(`npm start on a fresh data folder (${dialectUnderTest})`, () => {
  it('seeds the demo team, serves it, and prints a rep token that works; a restart prints the same token without reseeding', async () => {
    const first = await start();
    expect(first.lines).toContain('Seeding demo data…');
    expect(first.lines.some((l) => /^Seeded the demo team "Northwind Demo" in \d+\.\d s: 300 accounts/.test(l))).toBe(true);
    expect(first.token).toMatch(/^shk_[A-Za-z0-9]{40}$/);
    expect(first.lines.some((l) => /^Demo manager token: shk_/.test(l))).toBe(true);
    expect(first.lines.some((l) => /^Demo admin token: shk_/.test(l))).toBe(true);

    const me = await call(first.url, first.token, '/v1/me');
    expect(me.status).toBe(200);
    expect(await me.json()).toMatchObject({ user: { role: 'rep' }, team: { name: 'Northwind Demo' } });

    // The extension's first question on a profile page: who is this? Every featured person resolves.
    const resolved = await call(first.url, first.token, '/v1/resolve', { refs: PEOPLE.map((slug) => ({ kind: 'linkedin', profileUrl: `https://www.linkedin.com/in/${slug}/` })) });
    expect(resolved.status).toBe(200);
    const { resolutions } = (await resolved.json()) as { resolutions: { match: { method: string; contactId?: string } | null }[] };
    expect(resolutions.map((r) => r.match?.method)).toEqual(PEOPLE.map(() => 'linkedin_url'));
    expect(await stop(first.child)).toBe(0);

    const second = await start();
    expect(second.lines).not.toContain('Seeding demo data…');
    expect(second.token).toBe(first.token);
    expect((await call(second.url, second.token, '/v1/me')).status).toBe(200);
    expect(await stop(second.child)).toBe(0);
  }, 90_000);

  it('keeps the printed tokens in a file of DATA_DIR that only its owner can read', () => {
    const file = path.join(dataDir, 'demo-tokens.json');
    expect((fs.statSync(file).mode & 0o777).toString(8)).toBe('600');
    expect(JSON.parse(fs.readFileSync(file, 'utf8'))).toMatchObject({ rep: expect.stringMatching(/^shk_/), admin: expect.stringMatching(/^shk_/) });
  });

  it('refuses to listen on 0.0.0.0 while the demo tokens work, naming the command that revokes them, and starts once they are revoked', async () => {
    const refused = await start('0.0.0.0').then(
      () => null,
      (error: unknown) => error,
    );
    expect(refused).toBeInstanceOf(StartFailed);
    expect((refused as StartFailed).code).not.toBe(0);
    expect((refused as StartFailed).stderr).toMatch(/refusing to listen on 0\.0\.0\.0: .*`npm run admin -- revoke-demo-tokens`/);

    const revoked = admin('revoke-demo-tokens');
    expect(revoked.status, revoked.stderr).toBe(0);
    expect(revoked.stdout).toMatch(/^Revoked 3 tokens of the demo team/);

    const exposed = await start('0.0.0.0', /^Demo tokens: none on file/);
    expect(exposed.lines.some((l) => l.includes('shk_'))).toBe(false);
    const health = await fetch(`${exposed.url.replace('0.0.0.0', '127.0.0.1')}/v1/health`);
    expect(health.status).toBe(200);
    expect(await stop(exposed.child)).toBe(0);
  }, 90_000);
});
