import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { Resolution } from '../../../../shared/match.ts';
import type { Alias } from '../../../../server/identity/aliases.ts';
import { makeHarness, type Harness } from '../harness.ts';
import { ids, seedCrm } from './crm.ts';

let h: Harness;
beforeAll(async () => {
  h = await makeHarness();
  await seedCrm(h);
});
afterAll(() => h.close());
// Each test starts from the automatic matches.
beforeEach(async () => {
  await h.db.kysely.deleteFrom('aliases').execute();
});

const janeUrl = { kind: 'linkedin', profileUrl: 'https://www.linkedin.com/in/jane-doe/' } as const;

/** A 201's alias or a problem's fields, as the tests read them. */
interface Answer {
  alias: Alias;
  type?: string;
  field?: string;
  detail?: string;
}
async function correct(body: Record<string, unknown>, token = h.rep.token) {
  const res = await h.request('POST', '/v1/aliases', { json: body, token });
  return { status: res.status, body: (await res.json()) as Answer };
}
async function resolveOne(ref: unknown, token = h.rep.token): Promise<Resolution> {
  const res = await h.request('POST', '/v1/resolve', { json: { refs: [ref] }, token });
  expect(res.status).toBe(200);
  return ((await res.json()) as { resolutions: Resolution[] }).resolutions[0]!;
}

describe('recording a correction', () => {
  it('overrides the automatic match for that key', async () => {
    expect((await resolveOne(janeUrl)).match).toMatchObject({ contactId: ids.jane, method: 'linkedin_url' });
    const made = await correct({ ref: { ...janeUrl, profileUrl: 'https://se.linkedin.com/in/JANE-DOE?trk=x' }, contactId: ids.janeGlobex });
    expect(made.status).toBe(201);
    expect(made.body.alias).toMatchObject({ refKey: 'linkedin:jane-doe', contactId: ids.janeGlobex, accountId: null, createdBy: h.rep.id });
    expect((await resolveOne(janeUrl)).match).toEqual({
      contactId: ids.janeGlobex,
      accountId: ids.globex,
      method: 'alias',
      confidence: 0.95,
      explanation: 'Corrected by a teammate on 2026-11-23',
    });
  });

  it('is team-wide: another rep of the team sees it, the other team does not', async () => {
    await correct({ ref: { kind: 'domain', domain: 'bob-slydell.example' }, accountId: ids.acme });
    await correct({ ref: { kind: 'linkedin', profileUrl: 'https://www.linkedin.com/in/bob-slydell/' }, contactId: ids.john });
    const teammate = await resolveOne({ kind: 'domain', domain: 'bob-slydell.example' }, h.manager.token);
    expect(teammate.match).toMatchObject({ accountId: ids.acme, method: 'alias' });
    const otherTeamDomain = await resolveOne({ kind: 'domain', domain: 'bob-slydell.example' }, h.otherRep.token);
    expect(otherTeamDomain.match).toBeNull();
    // Team B's own contact at that URL is still theirs.
    const otherTeam = await resolveOne({ kind: 'linkedin', profileUrl: 'https://www.linkedin.com/in/bob-slydell/' }, h.otherRep.token);
    expect(otherTeam.match).toMatchObject({ contactId: ids.bob, method: 'linkedin_url' });
  });

  it('links an unknown address to a person, and a new domain to an account for every address at it', async () => {
    await correct({ ref: { kind: 'email', address: 'JD@Acme-Mail.net' }, contactId: ids.jane });
    await correct({ ref: { kind: 'domain', domain: 'www.acme-mail.net' }, accountId: ids.acme });
    expect((await resolveOne({ kind: 'email', address: 'jd@acme-mail.net' })).match).toMatchObject({ contactId: ids.jane, accountId: ids.acme, method: 'alias' });
    expect((await resolveOne({ kind: 'email', address: 'someone@acme-mail.net' })).match).toEqual({
      accountId: ids.acme,
      method: 'alias',
      confidence: 0.95,
      explanation: 'Corrected by a teammate on 2026-11-23',
    });
  });

  it('recording the same key again replaces the correction and keeps its id', async () => {
    const first = await correct({ ref: janeUrl, contactId: ids.janeGlobex });
    h.clock.now = new Date('2026-11-24T10:00:00Z');
    try {
      const second = await correct({ ref: janeUrl, accountId: ids.acmeEurope }, h.manager.token);
      expect(second.status).toBe(201);
      expect(second.body.alias).toMatchObject({ id: first.body.alias.id, contactId: null, accountId: ids.acmeEurope, createdBy: h.manager.id });
      const list = await (await h.request('GET', '/v1/aliases')).json();
      expect(list.aliases).toHaveLength(1);
      expect((await resolveOne(janeUrl)).match).toMatchObject({ accountId: ids.acmeEurope, explanation: 'Corrected by a teammate on 2026-11-24' });
    } finally {
      h.clock.now = new Date('2026-11-23T09:00:00Z');
    }
  });

  it('an alias to a contact that was erased since is ignored', async () => {
    await correct({ ref: { kind: 'email', address: 'sam@lee.example' }, contactId: ids.noAccount });
    await h.db.kysely.deleteFrom('contacts').where('id', '=', ids.noAccount).execute();
    try {
      expect((await resolveOne({ kind: 'email', address: 'sam@lee.example' })).match).toBeNull();
    } finally {
      const at = h.clock.now.toISOString();
      await h.db.kysely
        .insertInto('contacts')
        .values({ id: ids.noAccount, team_id: h.teamA, account_id: null, name: 'Sam Lee', name_key: 'sam lee', linkedin_slug: 'sam-lee', past_employers: '[]', field_sources: '{}', created_at: at, updated_at: at })
        .execute();
    }
  });

  it('writes the audit log with ids only', async () => {
    const made = await correct({ ref: { kind: 'email', address: 'jane.personal@example.org' }, contactId: ids.jane });
    await h.request('DELETE', `/v1/aliases/${made.body.alias.id}`);
    const rows = await h.db.kysely.selectFrom('audit_log').selectAll().where('target', '=', made.body.alias.id).orderBy('id').execute();
    expect(rows.map((r) => [r.action, r.actor_id])).toEqual([
      ['alias.record', h.rep.id],
      ['alias.delete', h.rep.id],
    ]);
    expect(JSON.parse(rows[0]!.detail)).toEqual({ kind: 'email', contactId: ids.jane });
    expect(rows.map((r) => r.detail).join()).not.toContain('jane.personal');
  });
});

describe('what a correction may point at', () => {
  it("a target outside the caller's team is a 404 naming the field, and nothing is written", async () => {
    for (const [body, field] of [
      [{ ref: janeUrl, contactId: ids.bob }, 'contactId'],
      [{ ref: janeUrl, accountId: ids.initech }, 'accountId'],
      [{ ref: janeUrl, contactId: 'ct_made_up' }, 'contactId'],
    ] as const) {
      const res = await correct(body);
      expect(res.status).toBe(404);
      expect(res.body).toMatchObject({ type: '/problems/not-found', field });
    }
    expect(await h.db.kysely.selectFrom('aliases').selectAll().execute()).toEqual([]);
    expect(await h.db.kysely.selectFrom('audit_log').selectAll().where('action', '=', 'alias.record').where('detail', 'like', '%ct_made_up%').execute()).toEqual([]);
  });

  it.each([
    [{ ref: janeUrl }, 'contactId'],
    [{ ref: janeUrl, contactId: ids.jane, accountId: ids.acme }, 'contactId'],
    [{ ref: { kind: 'domain', domain: 'acme.com' }, contactId: ids.jane }, 'contactId'],
    [{ ref: { kind: 'name', name: 'Jane Doe' }, contactId: ids.jane }, 'ref.kind'],
    [{ ref: janeUrl, contactId: ids.jane, note: 'x' }, 'note'],
    [{ ref: { kind: 'domain', domain: 'аcme.com' }, accountId: ids.acme }, 'ref.domain'],
    [{ ref: { kind: 'email', address: 'jane.doe@ac\u200bme.com' }, contactId: ids.jane }, 'ref.address'],
    [{ ref: { kind: 'domain', domain: 'gmail.com' }, accountId: ids.alphabet }, 'ref.domain'],
    [{ ref: { kind: 'linkedin', profileUrl: 'https://www.linkedin.com/company/acme/' }, accountId: ids.acme }, 'ref.profileUrl'],
  ])('refuses %j (422 at %s)', async (body, field) => {
    const res = await correct(body);
    expect(res.status).toBe(422);
    expect(res.body).toMatchObject({ type: '/problems/validation-error', field });
  });

  it('a lookalike refusal says what it imitates', async () => {
    const res = await correct({ ref: { kind: 'domain', domain: 'аcme.com' }, accountId: ids.acme });
    expect(res.body.detail).toBe('acme.com lookalike: contains Cyrillic letters; a correction cannot link it');
  });

  it('refuses a body that is not JSON with 415', async () => {
    const res = await h.request('POST', '/v1/aliases', { body: 'x', headers: { 'content-type': 'text/plain' } });
    expect(res.status).toBe(415);
  });
});

describe('listing and removing corrections', () => {
  it("lists the team's corrections newest first, page by page, and only the team's", async () => {
    for (const [i, d] of ['one.example', 'two.example', 'three.example'].entries()) {
      h.clock.now = new Date(Date.UTC(2026, 10, 23, 9, i));
      await correct({ ref: { kind: 'domain', domain: d }, accountId: ids.acme });
    }
    h.clock.now = new Date('2026-11-23T09:00:00Z');
    const first = await (await h.request('GET', '/v1/aliases?limit=2')).json();
    expect(first.aliases.map((a: { refKey: string }) => a.refKey)).toEqual(['domain:three.example', 'domain:two.example']);
    const second = await (await h.request('GET', `/v1/aliases?limit=2&cursor=${encodeURIComponent(first.nextCursor)}`)).json();
    expect(second.aliases.map((a: { refKey: string }) => a.refKey)).toEqual(['domain:one.example']);
    expect(second.nextCursor).toBeNull();
    const other = await (await h.request('GET', '/v1/aliases', { token: h.otherRep.token })).json();
    expect(other.aliases).toEqual([]);
  });

  it('refuses unknown query parameters and bad cursors', async () => {
    expect((await h.request('GET', '/v1/aliases?team=x')).status).toBe(422);
    const bad = await h.request('GET', '/v1/aliases?cursor=nope');
    expect(bad.status).toBe(422);
    expect((await bad.json()).field).toBe('cursor');
  });

  it('a rep removes their own correction and the automatic match returns', async () => {
    const made = await correct({ ref: janeUrl, contactId: ids.janeGlobex });
    const res = await h.request('DELETE', `/v1/aliases/${made.body.alias.id}`);
    expect(res.status).toBe(204);
    expect((await resolveOne(janeUrl)).match).toMatchObject({ contactId: ids.jane, method: 'linkedin_url' });
  });

  it("a rep cannot remove a teammate's correction; an admin can; the other team cannot even see it", async () => {
    const made = await correct({ ref: janeUrl, contactId: ids.janeGlobex }, h.manager.token);
    const aliasId = made.body.alias.id;
    expect((await h.request('DELETE', `/v1/aliases/${aliasId}`)).status).toBe(403);
    const foreign = await h.request('DELETE', `/v1/aliases/${aliasId}`, { token: h.otherAdmin.token });
    expect(foreign.status).toBe(404);
    expect(await foreign.json()).toMatchObject({ type: '/problems/not-found', field: 'id' });
    expect((await h.request('DELETE', `/v1/aliases/${aliasId}`, { token: h.admin.token })).status).toBe(204);
    expect((await h.request('DELETE', `/v1/aliases/${aliasId}`, { token: h.admin.token })).status).toBe(404);
  });
});
