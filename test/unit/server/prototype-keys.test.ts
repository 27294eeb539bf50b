/**
 * A name a client sends is looked up as an own key, never through the prototype chain: a problem
 * type, a setting's nested field, a JSON import row's column, an admin command. `constructor`,
 * `__proto__` and friends are unknown names like any other (404, or 422 naming the field), never a
 * JavaScript built-in.
 * Bodies are written as text: `JSON.stringify` would not carry a `__proto__` key.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makeHarness, type Harness } from './harness.ts';
import { countOf } from './imports/helpers.ts';
import { runAdmin } from '../../../server/cli/admin.ts';

let h: Harness;
beforeAll(async () => {
  h = await makeHarness();
});
afterAll(() => h.close());

const INHERITED = ['constructor', '__proto__', 'toString', 'hasOwnProperty', 'valueOf', '__defineGetter__'];

const putJsonText = (url: string, text: string, method = 'PUT') =>
  h.request(method, url, { token: h.admin.token, body: text, headers: { 'content-type': 'application/json' } });

describe('problem types', () => {
  it.each(INHERITED)('answers /problems/%s with a 404 problem, not a built-in', async (name) => {
    const res = await h.request('GET', `/problems/${name}`, { token: null });
    expect(res.status).toBe(404);
    expect(res.headers.get('content-type')).toBe('application/problem+json');
    expect(await res.json()).toMatchObject({ type: '/problems/not-found' });
  });

  it('still describes a real problem type', async () => {
    const res = await h.request('GET', '/problems/payload-too-large', { token: null });
    expect(res.status).toBe(200);
    expect(await res.text()).toMatch(/^payload-too-large: /);
  });
});

describe('settings', () => {
  it.each(INHERITED)('answers the setting named %s with a 404, like any unknown setting', async (name) => {
    const res = await h.request('GET', `/v1/admin/settings/${name}`, { token: h.admin.token });
    expect(res.status).toBe(404);
  });

  it('refuses an intel override with a __proto__ key inside it as an unknown field, and stores nothing', async () => {
    const res = await putJsonText('/v1/admin/settings/intel', '{"firstParty": {"__proto__": {"windowDays": 3}}}');
    expect(res.status).toBe(422);
    expect(await res.json()).toMatchObject({ type: '/problems/validation-error', field: 'firstParty.__proto__' });
    const stored = await (await h.request('GET', '/v1/admin/settings/intel', { token: h.admin.token })).json();
    expect(stored).toMatchObject({ value: {}, updatedAt: null });
  });

  it('refuses an intel override whose top level is keyed __proto__', async () => {
    const res = await putJsonText('/v1/admin/settings/intel', '{"__proto__": {"staleAfterDays": 5}}');
    expect(res.status).toBe(422);
    expect(await res.json()).toMatchObject({ field: '__proto__' });
  });

  it('names an unknown field inside an intel override by its own path', async () => {
    const res = await putJsonText('/v1/admin/settings/intel', '{"firstParty": {"colour": 1}}');
    expect(await res.json()).toMatchObject({ status: 422, field: 'firstParty.colour', errors: [{ field: 'firstParty.colour', message: 'unknown field' }] });
  });

  it('takes a play override for a kind named like a built-in as an ordinary key', async () => {
    const play = { text: 'Call them', channel: 'call', who: 'Champion' };
    const res = await putJsonText('/v1/admin/settings/intel', JSON.stringify({ plays: { constructor: play } }));
    expect(res.status).toBe(200);
    expect((await res.json()).value).toEqual({ plays: { constructor: play } });
  });
});

describe('JSON import rows', () => {
  it('refuses a row keyed __proto__ as an unknown column instead of reading values through it', async () => {
    const body = '{"rows": [{"name": "Injected", "__proto__": {"external_id": "P-1"}}, {"name": "Plain", "external_id": "B-1"}]}';
    const res = await putJsonText('/v1/import/accounts', body, 'POST');
    expect(res.status).toBe(422);
    expect(await res.json()).toMatchObject({ type: '/problems/invalid-csv', errors: [{ field: 'row 1, column __proto__' }] });
    expect(await countOf(h, 'accounts', h.teamA)).toBe(0);
  });
});

describe('admin commands', () => {
  it.each(['constructor', 'toString', '__proto__'])('answers "npm run admin -- %s" as an unknown command', async (name) => {
    const err: string[] = [];
    const code = await runAdmin([name], { db: h.db, io: { out: () => {}, err: (line) => err.push(line) } });
    expect(code).toBe(2);
    expect(err.join('\n')).toContain(`Unknown command "${name}"`);
  });
});
