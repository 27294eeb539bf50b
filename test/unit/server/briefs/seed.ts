/**
 * A small hand-made team for brief tests, written straight into the test database on the
 * harness clock (2026-11-23T09:00Z):
 * - Acme (tier 1, evaluating): Dana Reyes (champion, on LinkedIn, two emails), Lee Park
 *   (decision maker), Ravi Kumaran (recorded at Acme, previously at Initech); three pricing-page
 *   visits and a blog visit this week, an intent surge, a funding round, a competitor adopted;
 *   a stalled open deal with no next step and a pushed close date, a won deal; emails and a meeting.
 * - Initech: an account with a domain and nothing else.
 * - Sam Solo: a contact without an account.
 * - In the other team: Globex, with a contact at the same LinkedIn slug as Dana.
 */
import type { DB } from '../../../../server/db/connect.ts';
import type { Harness } from '../harness.ts';

const DAY = 86_400_000;

export interface BriefTeam {
  acme: string;
  initech: string;
  dana: string;
  lee: string;
  ravi: string;
  solo: string;
  openDeal: string;
  globex: string;
  otherContact: string;
}

export async function seedBriefTeam(h: Harness): Promise<BriefTeam> {
  const db: DB = h.db.kysely;
  const now = h.clock.now;
  const ago = (days: number) => new Date(now.getTime() - days * DAY).toISOString();
  const date = (days: number) => ago(days).slice(0, 10);
  const A = h.teamA;
  const stamp = { created_at: ago(400), updated_at: ago(1) };

  await db
    .insertInto('accounts')
    .values([
      {
        id: 'acc_acme',
        team_id: A,
        name: 'Acme',
        tier: 1,
        stage: 'evaluating',
        owner_id: h.rep.id,
        territory: 'Nordics',
        industry: 'Logistics',
        employees: 1200,
        location: 'Stockholm, Sweden',
        field_sources: JSON.stringify({
          industry: { source: 'enrichment-vendor', refreshedAt: ago(200) },
          employees: { source: 'enrichment-vendor', refreshedAt: ago(10) },
        }),
        last_touch_at: ago(3),
        last_touch_type: 'email',
        last_touch_by: h.rep.id,
        ...stamp,
      },
      { id: 'acc_initech', team_id: A, name: 'Initech', stage: 'identified', field_sources: '{}', ...stamp },
      { id: 'acc_globex', team_id: h.teamB, name: 'Globex', stage: 'engaged', field_sources: '{}', ...stamp },
    ])
    .execute();
  await db
    .insertInto('account_domains')
    .values([
      { team_id: A, domain: 'acme.com', account_id: 'acc_acme' },
      { team_id: A, domain: 'initech.com', account_id: 'acc_initech' },
      { team_id: h.teamB, domain: 'globex.com', account_id: 'acc_globex' },
    ])
    .execute();
  await db
    .insertInto('account_history')
    .values({ team_id: A, account_id: 'acc_acme', kind: 'stage', from_value: 'engaged', to_value: 'evaluating', changed_at: ago(40), changed_by: h.rep.id, reason: 'Discovery call held' })
    .execute();

  const contact = (id: string, team: string, account: string | null, name: string, fields: Record<string, unknown> = {}) => ({
    id,
    team_id: team,
    account_id: account,
    name,
    name_key: name.toLowerCase(),
    past_employers: '[]',
    field_sources: '{}',
    ...stamp,
    ...fields,
  });
  await db
    .insertInto('contacts')
    .values([
      contact('ct_dana', A, 'acc_acme', 'Dana Reyes', {
        title: 'Head of Data',
        buying_role: 'champion',
        linkedin_slug: 'dana-reyes',
        tenure_start: '2022-04',
        field_sources: JSON.stringify({ title: { source: 'linkedin', refreshedAt: ago(5) } }),
        last_touch_at: ago(3),
        last_touch_type: 'email',
        last_touch_by: h.rep.id,
      }),
      contact('ct_lee', A, 'acc_acme', 'Lee Park', { title: 'CFO', buying_role: 'decision_maker' }),
      contact('ct_ravi', A, 'acc_acme', 'Ravi Kumaran', {
        title: 'Data Engineer',
        linkedin_slug: 'ravi-kumaran',
        past_employers: JSON.stringify([{ company: 'Initech', title: 'Analyst', from: '2018-01', to: '2021-06' }]),
      }),
      contact('ct_solo', A, null, 'Sam Solo', { linkedin_slug: 'sam-solo' }),
      contact('ct_other', h.teamB, 'acc_globex', 'Dana Reyes (Globex)', { linkedin_slug: 'dana-reyes', buying_role: 'champion' }),
    ])
    .execute();
  await db
    .insertInto('contact_emails')
    .values([
      { team_id: A, email: 'dana@acme.com', contact_id: 'ct_dana' },
      { team_id: A, email: 'dana.reyes@acme.com', contact_id: 'ct_dana' },
      { team_id: h.teamB, email: 'dana@globex.com', contact_id: 'ct_other' },
    ])
    .execute();

  const event = (n: number, kind: string, daysAgo: number, data: unknown, contactId: string | null = null) => ({
    team_id: A,
    account_id: 'acc_acme',
    contact_id: contactId,
    kind,
    occurred_at: ago(daysAgo),
    source: 'test',
    natural_key: `e${n}`,
    data: JSON.stringify(data),
  });
  await db
    .insertInto('events')
    .values([
      event(1, 'web_visit', 1, { url: 'https://northwind.example/pricing', pageType: 'pricing' }, 'ct_dana'),
      event(2, 'web_visit', 2, { url: 'https://northwind.example/pricing', pageType: 'pricing' }),
      event(3, 'web_visit', 4, { url: 'https://northwind.example/pricing', pageType: 'pricing' }),
      event(4, 'web_visit', 2, { url: 'https://northwind.example/blog/why', pageType: 'blog' }),
      event(5, 'intent', 2, { topic: 'data warehouse', score: 72, week: date(7) }),
      event(6, 'intent', 9, { topic: 'data warehouse', score: 41, week: date(14) }),
      event(7, 'funding', 12, { round: 'Series B', amountUsd: 40_000_000 }),
      // Stored by an older importer in a shape we no longer know, and a kind we have no rule for: both ignored.
      event(8, 'web_visit', 1, { page: 'pricing' }),
      event(9, 'podcast_mention', 1, { show: 'Data Talks' }),
      event(10, 'web_visit', 120, { url: 'https://northwind.example/pricing', pageType: 'pricing' }),
    ])
    .execute();
  await db
    .insertInto('technologies')
    .values([
      { team_id: A, account_id: 'acc_acme', name: 'Globex Warehouse', category: 'Data warehouse', competitor: 1, added_at: ago(20), source: 'enrichment-vendor', refreshed_at: ago(20) },
      { team_id: A, account_id: 'acc_acme', name: 'PostgreSQL', category: 'Database', competitor: 0, added_at: ago(900), source: 'enrichment-vendor', refreshed_at: ago(300) },
    ])
    .execute();

  const deal = (id: string, fields: Record<string, unknown>) => ({
    id,
    team_id: A,
    account_id: 'acc_acme',
    name: 'Acme platform',
    stage: 'proposal',
    currency: 'USD',
    forecast_category: 'best_case',
    stage_changed_at: ago(45),
    ...stamp,
    ...fields,
  });
  await db
    .insertInto('deals')
    .values([
      deal('deal_open', { amount: 84_000, close_date: date(-20), next_step: null, owner_id: h.rep.id }),
      deal('deal_won', { name: 'Acme pilot', stage: 'closed_won', forecast_category: 'commit', amount: 12_000, close_date: date(200), stage_changed_at: ago(200), next_step: null }),
    ])
    .execute();
  await db
    .insertInto('deal_history')
    .values({ team_id: A, deal_id: 'deal_open', field: 'close_date', from_value: date(10), to_value: date(-20), changed_at: ago(8) })
    .execute();

  const activity = (id: string, type: string, daysAgo: number, contactId: string) => ({
    id,
    team_id: A,
    type,
    occurred_at: ago(daysAgo),
    contact_id: contactId,
    account_id: 'acc_acme',
    user_id: h.rep.id,
    surface: 'api',
    payload_hash: id,
    recorded_at: ago(daysAgo),
  });
  await db
    .insertInto('activities')
    .values([
      activity('00000000-0000-4000-8000-000000000001', 'email', 3, 'ct_dana'),
      activity('00000000-0000-4000-8000-000000000002', 'email', 10, 'ct_dana'),
      activity('00000000-0000-4000-8000-000000000003', 'meeting', 30, 'ct_dana'),
      activity('00000000-0000-4000-8000-000000000004', 'email', 60, 'ct_lee'),
    ])
    .execute();

  return {
    acme: 'acc_acme',
    initech: 'acc_initech',
    dana: 'ct_dana',
    lee: 'ct_lee',
    ravi: 'ct_ravi',
    solo: 'ct_solo',
    openDeal: 'deal_open',
    globex: 'acc_globex',
    otherContact: 'ct_other',
  };
}
