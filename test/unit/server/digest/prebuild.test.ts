/**
 * The morning `digest` job builds and stores every rep's digest for today even without SMTP, so
 * a rep's first `GET /v1/digest` reads the stored one (it carries the job's generatedAt, not the
 * request's); reps without a book and disabled reps get none; a second run builds nothing new.
 * Runs on both dialects.
 */
import { afterAll, beforeAll, expect, it } from 'vitest';
import { createUser } from '../../../../server/auth/users.ts';
import { JOBS } from '../../../../server/jobs/definitions.ts';
import { readEnv } from '../../../../server/env.ts';
import { makeHarness, type Harness } from '../harness.ts';

let h: Harness;
let disabledId: string;

beforeAll(async () => {
  h = await makeHarness();
  const db = h.db.kysely;
  const now = h.clock.now;
  const disabled = await createUser(db, { teamId: h.teamA, email: 'gone@a.test', name: 'Gone Rep', role: 'rep' }, now);
  await db.updateTable('users').set({ disabled_at: now.toISOString() }).where('id', '=', disabled.id).execute();
  disabledId = disabled.id;
  const books: [string, string, string][] = [
    ['acc_a', h.teamA, h.rep.id],
    ['acc_gone', h.teamA, disabled.id],
    ['acc_b', h.teamB, h.otherRep.id],
  ];
  await db
    .insertInto('accounts')
    .values(books.map(([id, team, owner]) => ({ id, team_id: team, name: `Account ${id}`, tier: 1, stage: 'engaged', owner_id: owner, field_sources: '{}', created_at: now.toISOString(), updated_at: now.toISOString() })))
    .execute();
});
afterAll(() => h?.close());

const runJob = (teamId: string | null) => JOBS.digest.run({ db: h.db, env: readEnv({}), now: h.clock.now, teamId });
const storedFor = () => h.db.kysely.selectFrom('digests').select(['user_id', 'day', 'generated_at']).orderBy('user_id').execute();

it('without SMTP the job still stores today’s digest of each active rep with a book, one team at a time', async () => {
  expect(await storedFor()).toEqual([]);
  expect(await runJob(h.teamA)).toBe('1 digests ready; SMTP_URL is not set: no digest emails to send');
  expect((await storedFor()).map((r) => r.user_id)).toEqual([h.rep.id]);
  expect(await runJob(h.teamB)).toBe('1 digests ready; SMTP_URL is not set: no digest emails to send');
  const stored = await storedFor();
  expect(stored.map((r) => r.user_id).sort()).toEqual([h.rep.id, h.otherRep.id].sort());
  expect(stored.some((r) => r.user_id === disabledId)).toBe(false);
  expect(stored.every((r) => r.day === '2026-11-23' && r.generated_at === h.clock.now.toISOString())).toBe(true);
});

it('a rep’s first request of the day reads the stored digest, and a second run builds nothing new', async () => {
  const jobTime = h.clock.now;
  h.clock.now = new Date(jobTime.getTime() + 2 * 3_600_000);
  const res = await h.request('GET', '/v1/digest', { token: h.rep.token });
  expect(res.status).toBe(200);
  expect((await res.json()).generatedAt).toBe(jobTime.toISOString());
  expect(await runJob(h.teamA)).toBe('1 digests ready; SMTP_URL is not set: no digest emails to send');
  expect((await storedFor()).every((r) => r.generated_at === jobTime.toISOString())).toBe(true);
});
