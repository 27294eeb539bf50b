/**
 * "Add as contact" (`POST /v1/contacts`): a rep adds the person on screen to a CRM account from the
 * page, with where it came from (the page's site and URL, the rep, the time); a retry or a second
 * rep adding the same person creates nobody new; an erased person is refused as imports refuse
 * them; every refusal is problem+json naming the field. Answers the contact's brief. Both dialects.
 */
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AddContactResponse } from '../../../../shared/contact.ts';
import { rememberErased, linkedInKey } from '../../../../server/admin/erased-keys.ts';
import { makeHarness, type Harness } from '../harness.ts';

let h: Harness;
beforeAll(async () => {
  h = await makeHarness();
  const at = h.clock.now.toISOString();
  await h.db.kysely
    .insertInto('accounts')
    .values([
      { id: 'acc_swed', team_id: h.teamA, name: 'Swedbank', stage: 'engaged', owner_id: h.rep.id, field_sources: '{}', created_at: at, updated_at: at },
      { id: 'acc_other', team_id: h.teamB, name: 'Globex', stage: 'engaged', field_sources: '{}', created_at: at, updated_at: at },
    ])
    .execute();
});
afterAll(() => h.close());

const erik = (fields: Record<string, unknown> = {}) => ({
  id: randomUUID(),
  accountId: 'acc_swed',
  name: 'Erik Holm',
  title: 'Head of Data',
  linkedinUrl: 'https://www.linkedin.com/in/erik-holm/?trk=public',
  page: { site: 'linkedin', url: 'https://www.linkedin.com/in/erik-holm/' },
  ...fields,
});
const post = (json: unknown, token = h.rep.token) => h.request('POST', '/v1/contacts', { token, json });

describe('POST /v1/contacts', () => {
  it('creates the contact on the account with its provenance and answers its brief', async () => {
    const body = erik();
    const res = await post(body);
    expect(res.status).toBe(201);
    const answer = AddContactResponse.parse(await res.json());
    expect(answer.created).toBe(true);
    expect(answer.brief.contact).toMatchObject({ id: answer.contactId, name: 'Erik Holm', linkedinUrl: 'https://www.linkedin.com/in/erik-holm/' });
    expect(answer.brief.contact!.title).toMatchObject({ value: 'Head of Data', source: 'page:linkedin', refreshedAt: h.clock.now.toISOString() });
    expect(answer.brief.account).toMatchObject({ id: 'acc_swed', name: 'Swedbank' });
    expect(answer.brief.stakeholders.map((s) => s.name)).toContain('Erik Holm');
    const row = await h.db.kysely.selectFrom('contacts').selectAll().where('id', '=', answer.contactId).executeTakeFirstOrThrow();
    expect(row).toMatchObject({ team_id: h.teamA, account_id: 'acc_swed', linkedin_slug: 'erik-holm', client_id: body.id });
    expect(JSON.parse(row.origin!)).toEqual({ site: 'linkedin', url: 'https://www.linkedin.com/in/erik-holm/', userId: h.rep.id, at: h.clock.now.toISOString() });
    const audit = await h.db.kysely.selectFrom('audit_log').selectAll().where('action', '=', 'contact.added').execute();
    expect(audit.map((a) => [a.actor_id, a.target])).toEqual([[h.rep.id, answer.contactId]]);
    // The audit entry names ids, never the person.
    expect(audit[0]!.detail).not.toContain('Erik');
  });

  it('is idempotent: the same id again, or the same person from another rep, creates nobody new', async () => {
    const body = erik({ linkedinUrl: 'https://www.linkedin.com/in/anna-berg/', name: 'Anna Berg', email: 'Anna.Berg@swedbank.se' });
    const first = AddContactResponse.parse(await (await post(body)).json());
    const again = await post(body);
    expect(again.status).toBe(200);
    expect(AddContactResponse.parse(await again.json())).toMatchObject({ created: false, contactId: first.contactId });
    // A teammate's extension, its own id, the same person by email.
    const teammate = await post({ ...body, id: randomUUID(), linkedinUrl: undefined, email: 'anna.berg@swedbank.se' }, h.manager.token);
    expect(teammate.status).toBe(200);
    expect(AddContactResponse.parse(await teammate.json()).contactId).toBe(first.contactId);
    const count = await h.db.kysely.selectFrom('contacts').select((eb) => eb.fn.countAll<number>().as('n')).where('team_id', '=', h.teamA).where('name', '=', 'Anna Berg').executeTakeFirstOrThrow();
    expect(Number(count.n)).toBe(1);
  });

  it('two requests at once with the same id create one contact', async () => {
    const body = erik({ linkedinUrl: 'https://www.linkedin.com/in/sam-race/', name: 'Sam Race' });
    const answers = await Promise.all([post(body), post(body)]);
    const ids = await Promise.all(answers.map(async (r) => AddContactResponse.parse(await r.json()).contactId));
    expect(new Set(ids).size).toBe(1);
    expect(answers.map((r) => r.status).sort()).toEqual([200, 201]);
  });

  it('refuses a person erased from the team, naming the field, as imports do', async () => {
    await rememberErased(h.db.kysely, h.teamA, [linkedInKey('gone-person')], new Date('2026-11-02T10:00:00Z'));
    const res = await post(erik({ linkedinUrl: 'https://www.linkedin.com/in/gone-person/', name: 'Gone Person' }));
    expect(res.status).toBe(409);
    expect(res.headers.get('content-type')).toContain('application/problem+json');
    expect(await res.json()).toMatchObject({ type: '/problems/conflict', errors: [{ field: 'linkedinUrl', message: 'this person was erased on 2026-11-02 and is not added again' }] });
  });

  it('answers problem+json with the field at fault: unknown fields, no key, another team’s account, a bad URL', async () => {
    const cases: [unknown, number, string][] = [
      [{ ...erik(), phone: '+46' }, 422, 'phone'],
      [erik({ linkedinUrl: undefined }), 422, 'linkedinUrl'],
      [erik({ accountId: 'acc_other' }), 404, 'accountId'],
      [erik({ linkedinUrl: 'https://example.com/not-linkedin' }), 422, 'linkedinUrl'],
      [erik({ page: { site: 'linkedin', url: 'javascript:alert(1)' } }), 422, 'page.url'],
      [erik({ id: 'not-a-uuid' }), 422, 'id'],
    ];
    for (const [json, status, field] of cases) {
      const res = await post(json);
      expect(res.status, JSON.stringify(json)).toBe(status);
      expect(res.headers.get('content-type')).toContain('application/problem+json');
      const problem = (await res.json()) as { errors: { field: string }[] };
      expect(problem.errors.map((e) => e.field)).toContain(field);
    }
    expect((await h.request('POST', '/v1/contacts', { token: null, json: erik() })).status).toBe(401);
  });
});
