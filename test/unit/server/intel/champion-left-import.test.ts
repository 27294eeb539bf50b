/**
 * Through the import and webhook paths: a company-events CSV or webhook delivery may name the
 * person an executive hire or a departure is about (CRM id, email, LinkedIn URL, or a name matched
 * exactly against that account's contacts only), and ingest links it to the contact. A departure naming the
 * champion then shows in the brief as a priority-2 "champion left" with the deal risk, and no
 * play asks the champion. Runs on both dialects.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BriefsResponse } from '../../../../shared/brief.ts';
import { makeHarness, type Harness } from '../harness.ts';
import { csv, postCsv } from '../imports/helpers.ts';

let h: Harness;
const idOf = async (externalId: string) =>
  (await h.db.kysely.selectFrom('contacts').select('id').where('team_id', '=', h.teamA).where('external_id', '=', externalId).executeTakeFirstOrThrow()).id;
const linkedOf = async (title: string) =>
  (await h.db.kysely.selectFrom('events').select(['contact_id', 'data']).where('team_id', '=', h.teamA).execute()).find((e) => (JSON.parse(e.data) as { title?: string }).title === title)
    ?.contact_id;

beforeAll(async () => {
  h = await makeHarness();
  const ok = (r: { body: { summary?: Record<string, number> } }) => expect(r.body.summary?.rejected).toBe(0);
  ok(await postCsv(h, 'accounts', csv('external_id,name,domains,tier,owner_email', 'A-1,Northwind,northwind.test,1,rep@a.test', 'A-2,Contoso,contoso.test,2,rep@a.test')));
  ok(
    await postCsv(
      h,
      'contacts',
      csv(
        'external_id,name,emails,linkedin_url,account_external_id,title,buying_role',
        'C-1,Maya Chen,maya@northwind.test,https://www.linkedin.com/in/maya-chen/,A-1,VP Data,champion',
        'C-2,Lee Park,lee@northwind.test,,A-1,CFO,decision_maker',
        'C-3,Alex Lind,alex.lind@northwind.test,,A-1,Analyst,',
        'C-4,Alex Lind,alex@northwind.test,,A-1,Engineer,',
        'C-5,Jo Moe,jo@contoso.test,,A-2,Buyer,champion',
        'C-6,Ravi Das,ravi@northwind.test,https://www.linkedin.com/in/ravi-das/,A-1,Head of IT,influencer',
      ),
    ),
  );
  ok(await postCsv(h, 'deals', csv('external_id,account_external_id,name,stage,amount,close_date,next_step', 'D-1,A-1,Northwind platform,proposal,50000,2026-12-31,Pricing review')));
});
afterAll(() => h.close());

describe('a company-events CSV that names the person', () => {
  it('links the departure to the champion by email: the brief shows "champion left", the deal risk, and no play asking the champion', async () => {
    const res = await postCsv(h, 'company-events', csv('domain,kind,occurred_at,title,contact_email', 'northwind.test,departure,2026-11-20T09:00:00Z,VP Data,MAYA@northwind.test'));
    expect(res.body.summary).toMatchObject({ created: 1, rejected: 0 });
    expect(await linkedOf('VP Data')).toBe(await idOf('C-1'));

    const brief = await h.request('POST', '/v1/briefs', { json: { refs: [{ kind: 'email', address: 'lee@northwind.test' }] } });
    expect(brief.status).toBe(200);
    const [b] = BriefsResponse.parse(await brief.json()).briefs;
    const left = b!.signals.find((s) => s.kind === 'champion_left');
    expect(left).toMatchObject({ priority: 2, contactId: await idOf('C-1'), reason: 'Maya Chen, your champion, left Northwind on 2026-11-20 (3 days ago)' });
    expect(b!.signals.map((s) => s.kind)).not.toContain('departure');
    expect(b!.openDeals[0]!.risks[0]).toEqual({ kind: 'champion_left', reason: 'Maya Chen, your champion, left on 2026-11-20' });
    const plays = [...b!.signals.map((s) => s.action), b!.nextBestAction!.action];
    expect(plays.filter((p) => p.who === 'Champion' || /\b(call|ask|arm|with) the champion\b/i.test(p.text))).toEqual([]);
  });

  it('links by CRM id, by LinkedIn URL, and by an exact name among the account’s own contacts', async () => {
    const res = await postCsv(
      h,
      'company-events',
      csv(
        'domain,kind,occurred_at,title,name,contact_external_id,contact_linkedin_url',
        'northwind.test,departure,2026-11-21T09:00:00Z,CFO,,C-2,',
        'northwind.test,departure,2026-11-21T10:00:00Z,Head of IT,,,https://linkedin.com/in/Ravi-Das',
        'northwind.test,exec_hire,2026-11-21T11:00:00Z,Chief Analyst,  ALEX  lind ,,',
      ),
    );
    expect(res.body.summary).toMatchObject({ created: 3, rejected: 0 });
    expect(await linkedOf('CFO')).toBe(await idOf('C-2'));
    expect(await linkedOf('Head of IT')).toBe(await idOf('C-6'));
    // Two contacts at Northwind are called Alex Lind: the name links neither.
    expect(await linkedOf('Chief Analyst')).toBeNull();
  });

  it('links nobody outside the account, by a near name, or when the references disagree', async () => {
    const res = await postCsv(
      h,
      'company-events',
      csv(
        'domain,kind,occurred_at,title,name,contact_email,contact_external_id',
        'northwind.test,departure,2026-11-22T09:00:00Z,Buyer,Jo Moe,jo@contoso.test,',
        'northwind.test,departure,2026-11-22T10:00:00Z,Data lead,Maya Chenn,,',
        'northwind.test,departure,2026-11-22T11:00:00Z,Finance,,lee@northwind.test,C-1',
      ),
    );
    expect(res.body.summary).toMatchObject({ created: 3, rejected: 0 });
    expect(await linkedOf('Buyer')).toBeNull();
    expect(await linkedOf('Data lead')).toBeNull();
    expect(await linkedOf('Finance')).toBeNull();
  });

  it('refuses person columns on an event that is about no one, naming the column', async () => {
    const res = await postCsv(h, 'company-events', csv('domain,kind,occurred_at,round,contact_email', 'northwind.test,funding,2026-11-22T09:00:00Z,Seed,maya@northwind.test'));
    expect(res.body.summary).toMatchObject({ created: 0, rejected: 1 });
    expect(res.body.errors).toEqual([{ row: 2, column: 'contact_email', message: 'does not apply to funding events (leave it blank)' }]);
  });
});

describe('the company-events webhook', () => {
  const deliver = (deliveryId: string, events: unknown[]) => h.request('POST', '/v1/webhooks/company-events', { token: h.webhookToken, json: { deliveryId, events } });

  it('links a departure to the champion by the person it names, stores no identifier, and the brief shows champion left', async () => {
    const res = await deliver('d-1', [
      { eventId: 'ev-77', kind: 'departure', domain: 'contoso.test', occurredAt: '2026-11-22T08:00:00Z', data: { title: 'Buyer', name: 'Jo Moe' }, person: { email: 'jo@contoso.test', linkedinUrl: 'https://www.linkedin.com/in/jo-moe/' } },
      { eventId: 'ev-78', kind: 'funding', domain: 'contoso.test', occurredAt: '2026-11-21T08:00:00Z', data: { round: 'Series A', amountUsd: 12000000 } },
    ]);
    expect(res.status).toBe(200);
    expect(await res.json()).toMatchObject({ received: 2, created: 2, unmatched: 0 });
    const rows = await h.db.kysely.selectFrom('events').selectAll().where('source', '=', 'company-events').orderBy('kind').execute();
    expect(rows.map((r) => [r.kind, r.contact_id])).toEqual([
      ['departure', await idOf('C-5')],
      ['funding', null],
    ]);
    // Keyed by a hash of the vendor's event id, never the person; the address and URL are not kept.
    for (const row of rows) {
      expect(`${row.natural_key} ${row.data}`).not.toMatch(/jo@contoso|jo-moe/i);
      expect(row.natural_key).not.toMatch(/moe/i);
    }
    expect(rows[0]!.natural_key).toMatch(/^[0-9a-f]{64}$/);

    const brief = await h.request('POST', '/v1/briefs', { json: { refs: [{ kind: 'domain', domain: 'contoso.test' }] } });
    const [b] = BriefsResponse.parse(await brief.json()).briefs;
    expect(b!.signals.find((s) => s.kind === 'champion_left')?.reason).toBe('Jo Moe, your champion, left Contoso on 2026-11-22 (1 day ago)');
  });

  it('refuses a departure that sets our contact id itself, or an unknown field, naming it', async () => {
    const res = await deliver('d-2', [{ eventId: 'ev-79', kind: 'departure', domain: 'contoso.test', occurredAt: '2026-11-22T08:00:00Z', data: { title: 'Buyer', contactId: 'con_x' } }]);
    expect(res.status).toBe(422);
    expect(JSON.stringify(await res.json())).toContain('events[0].data');
  });
});
