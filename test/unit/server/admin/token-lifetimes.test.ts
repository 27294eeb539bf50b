/**
 * Tokens that end: expiry on issue (CLI and HTTP), rotation with a grace period, an expired
 * token's own problem type, and last use in the token list, recorded without a write per request.
 * Runs on SQLite, or PostgreSQL with TEST_DATABASE_URL.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runAdmin } from '../../../../server/cli/admin.ts';
import { makeHarness, TEST_NOW, type Harness } from '../harness.ts';

const MIN = 60_000;
const DAY = 86_400_000;

let h: Harness;
beforeAll(async () => {
  h = await makeHarness();
});
afterAll(() => h.close());

const asAdmin = (method: string, url: string, json?: unknown) => h.request(method, url, { token: h.admin.token, ...(json === undefined ? {} : { json }) });
const me = (token: string) => h.request('GET', '/v1/me', { token });
/** Runs the clock forward for the duration of `run`, then back to the harness's start. */
async function at<T>(offsetMs: number, run: () => Promise<T>): Promise<T> {
  h.clock.now = new Date(TEST_NOW.getTime() + offsetMs);
  try {
    return await run();
  } finally {
    h.clock.now = new Date(TEST_NOW);
  }
}

async function admin(...argv: string[]) {
  const out: string[] = [];
  const err: string[] = [];
  const code = await runAdmin(argv, { db: h.db, now: () => h.clock.now, io: { out: (l) => out.push(l), err: (l) => err.push(l) } });
  return { code, out: out.join('\n'), err: err.join('\n') };
}

async function newRep(email: string) {
  const res = await asAdmin('POST', '/v1/admin/users', { email, name: 'Robin Vale', role: 'rep' });
  expect(res.status).toBe(201);
  return ((await res.json()) as { user: { id: string } }).user.id;
}

describe('token expiry', () => {
  it('issues a token over HTTP that works for 90 days and then answers 401 token-expired, saying when, without echoing the token', async () => {
    const userId = await newRep('robin.vale@a.test');
    const res = await asAdmin('POST', `/v1/admin/users/${userId}/tokens`, { label: 'laptop', expiresIn: '90d' });
    expect(res.status).toBe(201);
    const issued = (await res.json()) as { token: string; expiresAt: string };
    const expiresAt = new Date(TEST_NOW.getTime() + 90 * DAY).toISOString();
    expect(issued.expiresAt).toBe(expiresAt);

    expect((await at(90 * DAY - MIN, () => me(issued.token))).status).toBe(200);
    const expired = await at(90 * DAY, () => me(issued.token));
    expect(expired.status).toBe(401);
    expect(expired.headers.get('content-type')).toBe('application/problem+json');
    const text = await expired.text();
    expect(text).not.toContain(issued.token);
    const body = JSON.parse(text) as { type: string; detail: string; expiredAt: string };
    expect(body.type).toBe('/problems/token-expired');
    expect(body.expiredAt).toBe(expiresAt);
    expect(body.detail).toContain(expiresAt);
    expect(body.detail).toMatch(/expired.*ask an admin.*new one/i);

    // An unknown token stays a plain 401: "expired" is said only of a real, expired token.
    const unknown = await me(`shk_${'x'.repeat(40)}`);
    expect(((await unknown.json()) as { type: string }).type).toBe('/problems/unauthorized');
    expect((await h.request('GET', '/problems/token-expired', { token: null })).status).toBe(200);
  });

  it('issues an expiring token from the CLI with --expires-in and says when it ends', async () => {
    await newRep('kim.holt@a.test');
    const issued = await admin('issue-token', '--user', 'kim.holt@a.test', '--expires-in', '12h');
    expect(issued.code).toBe(0);
    expect(issued.out).toContain(`It expires on ${new Date(TEST_NOW.getTime() + 12 * 3_600_000).toISOString()}.`);
    const token = /shk_[A-Za-z0-9]{40}/.exec(issued.out)![0];
    expect((await at(12 * 3_600_000 - MIN, () => me(token))).status).toBe(200);
    expect((await at(12 * 3_600_000, () => me(token))).status).toBe(401);
    expect((await admin('issue-token', '--user', 'kim.holt@a.test')).out).toContain('It does not expire.');
  });

  it('refuses an expiry or grace it cannot read: 422 naming the field over HTTP, exit 2 on the CLI', async () => {
    for (const expiresIn of ['90', '90 days', '-1d', '0d', '3651d', 90]) {
      const res = await asAdmin('POST', `/v1/admin/users/${h.rep.id}/tokens`, { expiresIn });
      expect(res.status, String(expiresIn)).toBe(422);
      expect(((await res.json()) as { field: string }).field).toBe('expiresIn');
    }
    const tokens = (await (await asAdmin('GET', '/v1/admin/tokens')).json()) as { tokens: { id: string; userId: string }[] };
    const repToken = tokens.tokens.find((t) => t.userId === h.rep.id)!;
    const rotate = await asAdmin('POST', `/v1/admin/tokens/${repToken.id}/rotate`, { grace: '91d' });
    expect(rotate.status).toBe(422);
    expect(((await rotate.json()) as { field: string }).field).toBe('grace');
    expect((await asAdmin('POST', `/v1/admin/tokens/${repToken.id}/rotate`, { graceDays: 3 })).status).toBe(422);

    const cli = await admin('issue-token', '--user', h.rep.id, '--expires-in', 'soon');
    expect(cli.code).toBe(2);
    expect(cli.err).toMatch(/--expires-in: a number of days or hours/);
    expect((await admin('rotate-token', repToken.id, '--grace', '1y')).code).toBe(2);
  });
});

describe('token rotation', () => {
  it('gives the same user a new token over HTTP; the old one works through the 7-day grace period, then is expired', async () => {
    const userId = await newRep('ana.ruiz@a.test');
    const first = (await (await asAdmin('POST', `/v1/admin/users/${userId}/tokens`, { label: 'desk' })).json()) as { id: string; token: string };
    const res = await asAdmin('POST', `/v1/admin/tokens/${first.id}/rotate`, {});
    expect(res.status).toBe(201);
    const rotated = (await res.json()) as { id: string; token: string; userId: string; label: string; expiresAt: string | null; replaced: { id: string; expiresAt: string } };
    expect(rotated).toMatchObject({ userId, label: 'desk', expiresAt: null, replaced: { id: first.id, expiresAt: new Date(TEST_NOW.getTime() + 7 * DAY).toISOString() } });
    expect(rotated.token).not.toBe(first.token);
    // Another team's admin, or a manager, cannot rotate it.
    expect((await h.request('POST', `/v1/admin/tokens/${rotated.id}/rotate`, { token: h.otherAdmin.token, json: {} })).status).toBe(404);
    expect((await h.request('POST', `/v1/admin/tokens/${rotated.id}/rotate`, { token: h.manager.token, json: {} })).status).toBe(403);

    const who = (await (await me(rotated.token)).json()) as { user: { id: string } };
    expect(who.user.id).toBe(userId);
    expect((await at(7 * DAY - MIN, () => me(first.token))).status).toBe(200);
    const old = await at(7 * DAY, () => me(first.token));
    expect(old.status).toBe(401);
    expect(((await old.json()) as { type: string }).type).toBe('/problems/token-expired');
    expect((await at(365 * DAY, () => me(rotated.token))).status).toBe(200);

    const listed = (await (await asAdmin('GET', '/v1/admin/tokens')).json()) as { tokens: { id: string; replacedBy: string | null; status: string; expiresAt: string | null }[] };
    expect(listed.tokens.find((t) => t.id === first.id)).toMatchObject({ replacedBy: rotated.id, status: 'active', expiresAt: rotated.replaced.expiresAt });
    // Rotating a revoked token would resurrect access: refused.
    await asAdmin('DELETE', `/v1/admin/tokens/${rotated.id}`);
    expect((await asAdmin('POST', `/v1/admin/tokens/${rotated.id}/rotate`, {})).status).toBe(409);
  });

  it('rotates from the CLI with --grace; a 90-day token becomes another 90-day token, and 0h ends the old one at once', async () => {
    await newRep('lee.park@a.test');
    const issued = await admin('issue-token', '--user', 'lee.park@a.test', '--expires-in', '90d');
    const oldToken = /shk_[A-Za-z0-9]{40}/.exec(issued.out)![0];
    const oldId = /Token (tok_\w+)/.exec(issued.out)![1]!;

    const rotated = await at(10 * DAY, () => admin('rotate-token', oldToken.slice(0, 10), '--grace', '2d'));
    expect(rotated.code).toBe(0);
    const newToken = /shk_[A-Za-z0-9]{40}/.exec(rotated.out)![0];
    expect(rotated.out).toContain(`It expires on ${new Date(TEST_NOW.getTime() + 100 * DAY).toISOString()}.`);
    expect(rotated.out).toContain(`The old token ${oldId} keeps working until ${new Date(TEST_NOW.getTime() + 12 * DAY).toISOString()}.`);
    expect((await at(12 * DAY - MIN, () => me(oldToken))).status).toBe(200);
    expect((await at(12 * DAY, () => me(oldToken))).status).toBe(401);

    const again = await at(20 * DAY, () => admin('rotate-token', /Token (tok_\w+)/.exec(rotated.out)![1]!, '--grace', '0h'));
    expect(again.code).toBe(0);
    expect((await at(20 * DAY, () => me(newToken))).status).toBe(401);
  });
});

describe('last use', () => {
  it('shows in the token list over HTTP and on the CLI, recorded at most once per 10 minutes rather than on every request', async () => {
    const userId = await newRep('sam.ito@a.test');
    const { id, token } = (await (await asAdmin('POST', `/v1/admin/users/${userId}/tokens`, {})).json()) as { id: string; token: string };
    const lastUsed = async () => {
      const listed = (await (await asAdmin('GET', '/v1/admin/tokens')).json()) as { tokens: { id: string; lastUsedAt: string | null }[] };
      return listed.tokens.find((t) => t.id === id)!.lastUsedAt;
    };
    expect(await lastUsed()).toBeNull();
    expect((await admin('list-tokens', '--team', h.teamA)).out.split('\n').find((l) => l.startsWith(id))).toMatch(/ never /);

    await at(MIN, () => me(token));
    const first = new Date(TEST_NOW.getTime() + MIN).toISOString();
    expect(await lastUsed()).toBe(first);
    await at(6 * MIN, () => me(token));
    expect(await lastUsed()).toBe(first);
    await at(12 * MIN, () => me(token));
    const later = new Date(TEST_NOW.getTime() + 12 * MIN).toISOString();
    expect(await lastUsed()).toBe(later);
    expect((await admin('list-tokens', '--team', h.teamA)).out.split('\n').find((l) => l.startsWith(id))).toContain(later);
  });
});
