import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makeHarness, type Harness } from '../harness.ts';

let h: Harness;
beforeAll(async () => {
  h = await makeHarness();
});
afterAll(() => h.close());

const asAdmin = (method: string, url: string, json?: unknown) => h.request(method, url, { token: h.admin.token, ...(json === undefined ? {} : { json }) });

describe('admins manage their team’s users and tokens', () => {
  it('an admin adds a rep, issues a token that works, and revoking it locks the rep out', async () => {
    const created = await asAdmin('POST', '/v1/admin/users', { email: 'New.Rep@A.test', name: 'New Rep', role: 'rep' });
    expect(created.status).toBe(201);
    const { user } = await created.json();
    expect(user).toMatchObject({ email: 'new.rep@a.test', role: 'rep', disabledAt: null });

    const issued = await asAdmin('POST', `/v1/admin/users/${user.id}/tokens`, { label: 'laptop' });
    expect(issued.status).toBe(201);
    const token = await issued.json();
    expect(token.token).toMatch(/^shk_[A-Za-z0-9]{40}$/);
    expect(token.notice).toMatch(/only time/);

    const me = await h.request('GET', '/v1/me', { token: token.token });
    expect(me.status).toBe(200);
    expect((await me.json()).user.id).toBe(user.id);

    const listed = await (await asAdmin('GET', '/v1/admin/tokens')).json();
    const mine = listed.tokens.find((t: { id: string }) => t.id === token.id);
    expect(mine).toMatchObject({ prefix: token.prefix, label: 'laptop', userId: user.id, revokedAt: null });
    expect(JSON.stringify(listed)).not.toContain(token.token);

    const revoked = await asAdmin('DELETE', `/v1/admin/tokens/${token.id}`);
    expect(revoked.status).toBe(200);
    expect((await h.request('GET', '/v1/me', { token: token.token })).status).toBe(401);
    // Revoking twice is not an error.
    expect(await (await asAdmin('DELETE', `/v1/admin/tokens/${token.id}`)).json()).toMatchObject({ alreadyRevoked: true });
  });

  it('a second user with the same email is a conflict naming the email', async () => {
    const res = await asAdmin('POST', '/v1/admin/users', { email: 'rep@a.test', name: 'Copy', role: 'rep' });
    expect(res.status).toBe(409);
    expect(await res.json()).toMatchObject({ type: '/problems/conflict', field: 'email' });
  });

  it('rejects unknown fields and bad roles when adding a user', async () => {
    const res = await asAdmin('POST', '/v1/admin/users', { email: 'x@a.test', name: 'X', role: 'boss', admin: true });
    expect(res.status).toBe(422);
    const fields = (await res.json()).errors.map((e: { field: string }) => e.field);
    expect(fields).toEqual(expect.arrayContaining(['role', 'admin']));
  });

  it('disabling a user stops their token at once; enabling restores it', async () => {
    const { user } = await (await asAdmin('POST', '/v1/admin/users', { email: 'leaver@a.test', name: 'Leaver', role: 'rep' })).json();
    const { token } = await (await asAdmin('POST', `/v1/admin/users/${user.id}/tokens`, {})).json();
    const disabled = await asAdmin('PATCH', `/v1/admin/users/${user.id}`, { disabled: true });
    expect((await disabled.json()).user.disabledAt).toBe(h.clock.now.toISOString());
    expect((await h.request('GET', '/v1/me', { token })).status).toBe(401);
    // A disabled user gets no new token either.
    expect((await asAdmin('POST', `/v1/admin/users/${user.id}/tokens`, {})).status).toBe(409);
    await asAdmin('PATCH', `/v1/admin/users/${user.id}`, { disabled: false });
    expect((await h.request('GET', '/v1/me', { token })).status).toBe(200);
  });

  it('promotes a rep to manager', async () => {
    const { user } = await (await asAdmin('POST', '/v1/admin/users', { email: 'climber@a.test', name: 'Climber', role: 'rep' })).json();
    const res = await asAdmin('PATCH', `/v1/admin/users/${user.id}`, { role: 'manager' });
    expect(res.status).toBe(200);
    expect((await res.json()).user.role).toBe('manager');
  });

  it('refuses to demote or disable the team’s last active admin', async () => {
    for (const change of [{ role: 'rep' }, { disabled: true }]) {
      const res = await asAdmin('PATCH', `/v1/admin/users/${h.admin.id}`, change);
      expect(res.status).toBe(409);
    }
    expect((await h.request('GET', '/v1/me', { token: h.admin.token })).status).toBe(200);
  });

  it('an empty change is a validation error', async () => {
    expect((await asAdmin('PATCH', `/v1/admin/users/${h.rep.id}`, {})).status).toBe(422);
  });
});

describe('roles', () => {
  it('a rep gets 403 on every admin route', async () => {
    const calls: Array<[string, string, unknown?]> = [
      ['GET', '/v1/admin/users'],
      ['POST', '/v1/admin/users', { email: 'r@a.test', name: 'R', role: 'admin' }],
      ['PATCH', `/v1/admin/users/${h.rep.id}`, { role: 'admin' }],
      ['GET', '/v1/admin/tokens'],
      ['POST', `/v1/admin/users/${h.rep.id}/tokens`, {}],
      ['DELETE', '/v1/admin/tokens/tok_x'],
      ['GET', '/v1/admin/settings/alertBudget'],
      ['PUT', '/v1/admin/settings/alertBudget', 50],
      ['POST', '/v1/admin/erasures', { contactId: 'ct_x' }],
      ['GET', '/v1/admin/audit'],
    ];
    for (const [method, url, json] of calls) {
      const res = await h.request(method, url, json === undefined ? {} : { json });
      expect(res.status, `${method} ${url}`).toBe(403);
      expect(res.headers.get('content-type')).toBe('application/problem+json');
    }
  });

  it('a manager may list the team’s users but not add, change or issue tokens', async () => {
    const list = await h.request('GET', '/v1/admin/users', { token: h.manager.token });
    expect(list.status).toBe(200);
    const ids = (await list.json()).users.map((u: { id: string }) => u.id);
    expect(ids).toEqual(expect.arrayContaining([h.admin.id, h.manager.id, h.rep.id]));
    expect(ids).not.toContain(h.otherRep.id);

    const token = h.manager.token;
    expect((await h.request('POST', '/v1/admin/users', { token, json: { email: 'm@a.test', name: 'M', role: 'rep' } })).status).toBe(403);
    expect((await h.request('PATCH', `/v1/admin/users/${h.rep.id}`, { token, json: { role: 'manager' } })).status).toBe(403);
    expect((await h.request('POST', `/v1/admin/users/${h.rep.id}/tokens`, { token, json: {} })).status).toBe(403);
    expect((await h.request('GET', '/v1/admin/tokens', { token })).status).toBe(403);
  });
});

describe('teams are isolated', () => {
  it('team B’s admin cannot see or touch team A’s users and tokens', async () => {
    const token = h.otherAdmin.token;
    const users = await (await h.request('GET', '/v1/admin/users', { token })).json();
    expect(users.users.map((u: { id: string }) => u.id)).not.toContain(h.rep.id);

    const patch = await h.request('PATCH', `/v1/admin/users/${h.rep.id}`, { token, json: { disabled: true } });
    expect(patch.status).toBe(404);
    expect(JSON.stringify(await patch.json())).not.toContain('rep@a.test');
    expect((await h.request('POST', `/v1/admin/users/${h.rep.id}/tokens`, { token, json: {} })).status).toBe(404);

    const teamATokens = await (await asAdmin('GET', '/v1/admin/tokens')).json();
    const repToken = teamATokens.tokens.find((t: { userId: string }) => t.userId === h.rep.id);
    expect((await h.request('DELETE', `/v1/admin/tokens/${repToken.id}`, { token })).status).toBe(404);
    expect((await h.request('DELETE', `/v1/admin/tokens/${repToken.prefix}`, { token })).status).toBe(404);
    const bTokens = await (await h.request('GET', '/v1/admin/tokens', { token })).json();
    expect(bTokens.tokens.map((t: { id: string }) => t.id)).not.toContain(repToken.id);

    // Team A's rep is untouched.
    expect((await h.request('GET', '/v1/me')).status).toBe(200);
  });
});

describe('settings', () => {
  it('answers the default until an admin sets a value, then the value', async () => {
    const before = await (await asAdmin('GET', '/v1/admin/settings/thresholds')).json();
    expect(before).toEqual({
      key: 'thresholds',
      value: { pricingVisits: 3, pricingWindowDays: 7, intentSurge: 60, staleAfterDays: 180 },
      updatedAt: null,
    });
    const value = { pricingVisits: 2, pricingWindowDays: 14, intentSurge: 70, staleAfterDays: 120 };
    const put = await asAdmin('PUT', '/v1/admin/settings/thresholds', value);
    expect(put.status).toBe(200);
    expect(await (await asAdmin('GET', '/v1/admin/settings/thresholds')).json()).toEqual({ key: 'thresholds', value, updatedAt: h.clock.now.toISOString() });
    // Team B still has the default.
    const other = await (await h.request('GET', '/v1/admin/settings/thresholds', { token: h.otherAdmin.token })).json();
    expect(other.value.pricingVisits).toBe(3);
  });

  it('a scalar setting takes a bare JSON number', async () => {
    expect((await asAdmin('PUT', '/v1/admin/settings/alertBudget', 5)).status).toBe(200);
    expect((await (await asAdmin('GET', '/v1/admin/settings/alertBudget')).json()).value).toBe(5);
  });

  it('an unknown key is a 404 naming the known ones', async () => {
    for (const method of ['GET', 'PUT']) {
      const res = await asAdmin(method, '/v1/admin/settings/colour', method === 'PUT' ? 1 : undefined);
      expect(res.status).toBe(404);
      expect((await res.json()).detail).toContain('thresholds');
    }
  });

  it('a bad value is a 422 naming the field, and nothing is stored', async () => {
    const bad = await asAdmin('PUT', '/v1/admin/settings/thresholds', { pricingVisits: 0, pricingWindowDays: 7, intentSurge: 60, staleAfterDays: 180 });
    expect(bad.status).toBe(422);
    expect(await bad.json()).toMatchObject({ type: '/problems/validation-error', field: 'pricingVisits' });

    const extra = await asAdmin('PUT', '/v1/admin/settings/thresholds', { pricingVisits: 3, pricingWindowDays: 7, intentSurge: 60, staleAfterDays: 180, colour: 'red' });
    expect((await extra.json()).field).toBe('colour');

    const scalar = await asAdmin('PUT', '/v1/admin/settings/alertBudget', 'lots');
    expect(await scalar.json()).toMatchObject({ status: 422, field: 'alertBudget' });

    const stored = await (await asAdmin('GET', '/v1/admin/settings/thresholds')).json();
    expect(stored.value.pricingVisits).not.toBe(0);
  });
});

describe('the audit log', () => {
  it('lists the team’s entries newest first, a page at a time, with the acting admin', async () => {
    const first = await (await asAdmin('GET', '/v1/admin/audit?limit=2')).json();
    expect(first.entries).toHaveLength(2);
    expect(first.entries[0].id).toBeGreaterThan(first.entries[1].id);
    expect(first.next).toBe(first.entries[1].id);
    const second = await (await asAdmin('GET', `/v1/admin/audit?limit=2&before=${first.next}`)).json();
    expect(second.entries[0].id).toBeLessThan(first.entries[1].id);

    const all = await (await asAdmin('GET', '/v1/admin/audit?limit=500')).json();
    const created = all.entries.find((e: { action: string }) => e.action === 'user.create');
    expect(created).toMatchObject({ actorId: h.admin.id, detail: { role: expect.any(String) } });
    expect(all.entries.some((e: { action: string; actorId: string }) => e.action === 'token.issue' && e.actorId === h.admin.id)).toBe(true);
    // Only ids in the trail: no email addresses of the users created above.
    expect(JSON.stringify(all)).not.toMatch(/@a\.test/);
  });

  it('shows nothing of another team', async () => {
    const b = await (await h.request('GET', '/v1/admin/audit?limit=500', { token: h.otherAdmin.token })).json();
    expect(b.entries.some((e: { action: string }) => e.action === 'user.create')).toBe(false);
  });

  it('rejects a malformed page request', async () => {
    const res = await asAdmin('GET', '/v1/admin/audit?limit=lots');
    expect(res.status).toBe(422);
    expect((await res.json()).field).toBe('limit');
  });
});
