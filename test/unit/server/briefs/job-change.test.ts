/**
 * A job change the page shows, made coherent (issue 11, acceptance 3). The case is the real
 * capture `2024-08-19--profile--long-tenure` (../shared/fixtures/linkedin): Ravi Kumaran's page
 * says Tata Consultancy Services, "Technical Architect"; the CRM has him at Infosys, its champion.
 * The values are written out here from the capture's expected values; the capture is never copied.
 * The brief's next step comes from the change (find Infosys's new champion, naming whom to ask;
 * Tata Consultancy Services is an account in the CRM, so its id is there to open), and no play of
 * Infosys's is addressed to him. Runs on both dialects, through the one-profile path and the batch.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Brief, type BriefRef } from '../../../../shared/brief.ts';
import type { LinkedInRef } from '../../../../shared/refs.ts';
import type { DB } from '../../../../server/db/connect.ts';
import { makeHarness, type Harness } from '../harness.ts';

const DAY = 86_400_000;
/** From ../shared/fixtures/linkedin/expected.json, "2024-08-19--profile--long-tenure.html". */
const RAVI_PAGE = { url: 'https://www.linkedin.com/in/ravikumaran/', name: 'Ravi Kumaran', company: 'Tata Consultancy Services', title: 'Technical Architect' };

let h: Harness;
beforeAll(async () => {
  h = await makeHarness();
  const db: DB = h.db.kysely;
  const ago = (days: number) => new Date(h.clock.now.getTime() - days * DAY).toISOString();
  const stamp = { created_at: ago(400), updated_at: ago(1) };
  const A = h.teamA;
  const account = (id: string, name: string, owner: string | null) => ({ id, team_id: A, name, tier: 1, stage: 'evaluating', owner_id: owner, field_sources: '{}', ...stamp });
  await db.insertInto('accounts').values([account('acc_infosys', 'Infosys', h.rep.id), account('acc_tcs', 'Tata Consultancy Services Ltd', h.rep.id), account('acc_wipro', 'Wipro', h.rep.id), account('acc_hcl', 'HCL', h.rep.id)]).execute();
  const contact = (id: string, accountId: string, name: string, fields: Record<string, unknown>) => ({ id, team_id: A, account_id: accountId, name, name_key: name.toLowerCase(), past_employers: '[]', field_sources: '{}', ...stamp, ...fields });
  await db
    .insertInto('contacts')
    .values([
      contact('ct_ravi', 'acc_infosys', 'Ravi Kumaran', {
        title: 'Senior Data Engineer',
        buying_role: 'champion',
        linkedin_slug: 'ravikumaran',
        past_employers: JSON.stringify([{ company: 'Petrel Networks', title: 'Data Engineer', from: '2011-08', to: '2014-02' }]),
      }),
      contact('ct_anil', 'acc_infosys', 'Anil Mehta', { title: 'VP Delivery', buying_role: 'decision_maker' }),
      // At Wipro the person who moved is its only contact; at HCL they hold no buying role.
      contact('ct_wen', 'acc_wipro', 'Wen Li', { title: 'Data Lead', buying_role: 'champion', linkedin_slug: 'wen-li' }),
      contact('ct_omar', 'acc_hcl', 'Omar Haddad', { title: 'Analyst', linkedin_slug: 'omar-haddad' }),
    ])
    .execute();
  const visit = (n: number, accountId: string, daysAgo: number, contactId: string | null) => ({
    team_id: A,
    account_id: accountId,
    contact_id: contactId,
    kind: 'web_visit',
    occurred_at: ago(daysAgo),
    source: 'test',
    natural_key: `v${n}`,
    data: JSON.stringify({ url: 'https://our.example/pricing', pageType: 'pricing' }),
  });
  await db.insertInto('events').values([visit(1, 'acc_infosys', 1, 'ct_ravi'), visit(2, 'acc_infosys', 2, null), visit(3, 'acc_infosys', 3, null), visit(4, 'acc_infosys', 4, null)]).execute();
  await db
    .insertInto('deals')
    .values({ id: 'deal_infosys', team_id: A, account_id: 'acc_infosys', name: 'Infosys Nordics: Migration accelerator', stage: 'proposal', amount: 240_000, currency: 'USD', forecast_category: 'best_case', stage_changed_at: ago(45), close_date: ago(-30).slice(0, 10), next_step: null, ...stamp })
    .execute();
});
afterAll(async () => h.close());

const page = (url: string, company: string, title?: string): LinkedInRef => ({ kind: 'linkedin', profileUrl: url, name: RAVI_PAGE.name, company, ...(title ? { title } : {}) });

/** The brief as `POST /v1/briefs` answers it: one ref (the one-profile statement), or in a batch of two (the general path). */
async function briefOf(ref: LinkedInRef, batch = false): Promise<Brief> {
  const refs: BriefRef[] = batch ? [ref, { contactId: 'ct_nobody' }] : [ref];
  const res = await h.request('POST', '/v1/briefs', { json: { refs }, token: h.rep.token });
  expect(res.status).toBe(200);
  return Brief.parse(((await res.json()) as { briefs: unknown[] }).briefs[0]);
}

const addressedTo = (brief: Brief, contactId: string) =>
  brief.signals.filter((s) => s.action.target?.kind === 'contact' && s.action.target.contactId === contactId).map((s) => s.kind);

describe('Ravi Kumaran: LinkedIn says Tata Consultancy Services, the CRM has him as Infosys’s champion', () => {
  for (const batch of [false, true]) {
    it(`his next step is finding Infosys’s new champion, asking its decision maker, with TCS’s account to open${batch ? ' (batch)' : ''}`, async () => {
      const brief = await briefOf(page(RAVI_PAGE.url, RAVI_PAGE.company, RAVI_PAGE.title), batch);
      const step = brief.nextBestAction!;
      expect(step.reason).toBe('Ravi Kumaran, your champion at Infosys, now works at Tata Consultancy Services (LinkedIn)');
      expect(step.about).toEqual({
        kind: 'find',
        role: 'new champion',
        how: 'Ravi Kumaran has moved to Tata Consultancy Services: ask Anil Mehta (decision maker) who now leads the work at Infosys, or search LinkedIn for who took over at Infosys',
      });
      expect(step.action.text).toBe('Find the new champion at Infosys, then follow Ravi Kumaran to Tata Consultancy Services Ltd (an account in the CRM)');
      expect(step.newEmployer).toEqual({ name: 'Tata Consultancy Services', accountId: 'acc_tcs' });
    });
  }

  it('no play of Infosys’s is addressed to him: the pricing play goes to the decision maker instead', async () => {
    const brief = await briefOf(page(RAVI_PAGE.url, RAVI_PAGE.company));
    expect(addressedTo(brief, 'ct_ravi')).toEqual(['job_change']);
    const pricing = brief.signals.find((s) => s.kind === 'pricing_visits')!;
    expect(pricing.action).toMatchObject({ who: 'Anil Mehta', target: { kind: 'contact', contactId: 'ct_anil' } });
    expect(pricing.action.text).toContain('the champion has left');
    for (const s of brief.signals) if (s.kind !== 'job_change') expect(s.action.text, s.kind).not.toContain('Ravi Kumaran');
  });

  it('while the page still says Infosys he is the champion, and the next step is his', async () => {
    const brief = await briefOf(page(RAVI_PAGE.url, 'Infosys'));
    expect(brief.nextBestAction!.about).toEqual({ kind: 'this-person' });
    expect(addressedTo(brief, 'ct_ravi')).toContain('pricing_visits');
    expect(brief.nextBestAction!.newEmployer).toBeUndefined();
  });

  it('with nobody else at the old account, says to ask its owner; a new employer not in the CRM has no account id', async () => {
    const brief = await briefOf(page('https://www.linkedin.com/in/wen-li/', 'Northwind Analytics'));
    expect(brief.nextBestAction!.about).toMatchObject({ kind: 'find', how: expect.stringContaining('ask rep rep@a.test (account owner) who now leads the work at Wipro') });
    expect(brief.nextBestAction!.newEmployer).toEqual({ name: 'Northwind Analytics', accountId: null });
  });

  it('someone outside the buying group who moved is a new door: the step is theirs, at the new company', async () => {
    const brief = await briefOf(page('https://www.linkedin.com/in/omar-haddad/', 'Tata Consultancy Services'));
    expect(brief.nextBestAction!.about).toEqual({ kind: 'this-person' });
    expect(brief.nextBestAction!.action.text).toBe('Congratulate Omar Haddad on the move to Tata Consultancy Services and ask what they work on there (Tata Consultancy Services Ltd is an account in the CRM)');
    expect(brief.nextBestAction!.newEmployer).toEqual({ name: 'Tata Consultancy Services', accountId: 'acc_tcs' });
  });
});
