/**
 * WORKERS=2 runs two server processes on one port over one SQLite file: both answer, and a write
 * through one is read through the other.
 */
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import crypto from 'node:crypto';
import { afterAll, describe, expect, it } from 'vitest';
import { openDatabase } from '../../../server/db/connect.ts';
import { createTeam, createUser, issueToken } from '../../../server/auth/users.ts';
import { migrateToLatest } from '../../../server/db/connect.ts';

const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'sh-cluster-'));
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

describe('several server processes on one SQLite file', () => {
  it.skipIf(process.env.TEST_DATABASE_URL)('serve the same data from every worker', async () => {
    const db = await openDatabase({ dataDir: dir });
    await migrateToLatest(db);
    const now = new Date();
    const team = await createTeam(db.kysely, 'Cluster', now);
    const user = await createUser(db.kysely, { teamId: team.id, email: 'rep@cluster.test', name: 'Rep', role: 'rep' }, now);
    const { token } = await issueToken(db.kysely, user.id, null, now);
    await db.close();

    const child = spawn(process.execPath, ['--import', 'tsx', 'server/index.ts'], {
      env: { ...process.env, DATA_DIR: dir, DATABASE_URL: '', PORT: '0', WORKERS: '2', LOG_REQUESTS: '0' },
      stdio: ['ignore', 'pipe', 'inherit'],
    });
    try {
      const url = await new Promise<string>((resolve, reject) => {
        let out = '';
        child.stdout!.on('data', (chunk: Buffer) => {
          out += chunk.toString();
          const found = /Listening on (\S+) \(2 workers\)/.exec(out);
          if (found) resolve(found[1]!);
        });
        child.on('exit', (code) => reject(new Error(`server exited with ${code}`)));
      });
      const headers = { authorization: `Bearer ${token}`, 'content-type': 'application/json' };
      const id = crypto.randomUUID();
      const activity = { id, type: 'note', occurredAt: now.toISOString(), surface: 'api', subject: 'cluster' };
      // New connections are spread over the workers; each request opens its own.
      const answers = await Promise.all(
        Array.from({ length: 12 }, () =>
          fetch(`${url}/v1/activities`, { method: 'POST', headers: { ...headers, connection: 'close' }, body: JSON.stringify({ activities: [activity] }) }).then((r) => r.json()),
        ),
      );
      const statuses = answers.map((a) => (a as { results: Array<{ status: string }> }).results[0]!.status).sort();
      expect(statuses.filter((s) => s === 'created')).toHaveLength(1);
      expect(statuses.filter((s) => s === 'duplicate')).toHaveLength(11);
    } finally {
      child.kill('SIGTERM');
    }
  }, 60_000);
});
