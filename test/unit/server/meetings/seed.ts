/**
 * Issue 13's acceptance 1, as data, on the harness clock (2026-11-23T09:00Z): Initech (initech.example,
 * evaluating → negotiating 7 days ago) with Ana Lund (champion) and Ben Ortiz (decision maker); a
 * meeting logged with Ana three weeks ago; since then two signals (a funding round 10 days ago,
 * pricing-page visits this week) and the stage move; before it, an exec hire that is old news.
 * An open deal whose close date has passed (its risk). Anything else in the team is untouched.
 */
import type { DB } from '../../../../server/db/connect.ts';
import type { Harness } from '../harness.ts';

const DAY = 86_400_000;

export const INITECH = { account: 'acc_initech', ana: 'ct_ana', ben: 'ct_ben', deal: 'deal_initech', meetingDaysAgo: 21 } as const;

export async function seedMeetingCase(h: Harness, accountId: string = INITECH.account): Promise<void> {
  const db: DB = h.db.kysely;
  const ago = (days: number) => new Date(h.clock.now.getTime() - days * DAY).toISOString();
  const A = h.teamA;
  const stamp = { created_at: ago(300), updated_at: ago(1) };
  await db.insertInto('accounts').values({ id: accountId, team_id: A, name: 'Initech', tier: 1, stage: 'negotiating', owner_id: h.rep.id, field_sources: '{}', ...stamp }).execute();
  await db.insertInto('account_domains').values({ team_id: A, domain: 'initech.example', account_id: accountId }).execute();
  await db
    .insertInto('account_history')
    .values([
      { team_id: A, account_id: accountId, kind: 'stage', from_value: 'engaged', to_value: 'evaluating', changed_at: ago(59), changed_by: h.rep.id, reason: null },
      { team_id: A, account_id: accountId, kind: 'stage', from_value: 'evaluating', to_value: 'negotiating', changed_at: ago(7), changed_by: h.rep.id, reason: 'Security review passed' },
    ])
    .execute();
  const contact = (id: string, name: string, title: string, role: string) => ({
    id,
    team_id: A,
    account_id: accountId,
    name,
    name_key: name.toLowerCase(),
    title,
    buying_role: role,
    past_employers: '[]',
    field_sources: '{}',
    ...stamp,
  });
  await db.insertInto('contacts').values([contact(INITECH.ana, 'Ana Lund', 'VP Data', 'champion'), contact(INITECH.ben, 'Ben Ortiz', 'CFO', 'decision_maker')]).execute();
  await db
    .insertInto('contact_emails')
    .values([
      { team_id: A, email: 'ana@initech.example', contact_id: INITECH.ana },
      { team_id: A, email: 'ben@initech.example', contact_id: INITECH.ben },
    ])
    .execute();
  const event = (n: number, kind: string, daysAgo: number, data: unknown) => ({
    team_id: A,
    account_id: accountId,
    contact_id: null,
    kind,
    occurred_at: ago(daysAgo),
    source: 'test',
    natural_key: `mtg-${accountId}-${n}`,
    data: JSON.stringify(data),
  });
  await db
    .insertInto('events')
    .values([
      event(1, 'exec_hire', 40, { title: 'CTO', name: 'Old News' }),
      event(2, 'funding', 10, { round: 'Series C', amountUsd: 60_000_000 }),
      event(3, 'web_visit', 1, { url: 'https://initech.example/pricing', pageType: 'pricing' }),
      event(4, 'web_visit', 2, { url: 'https://initech.example/pricing', pageType: 'pricing' }),
      event(5, 'web_visit', 3, { url: 'https://initech.example/pricing', pageType: 'pricing' }),
    ])
    .execute();
  await db
    .insertInto('deals')
    .values({
      id: INITECH.deal,
      team_id: A,
      account_id: accountId,
      name: 'Initech platform',
      stage: 'negotiation',
      amount: 120_000,
      currency: 'USD',
      close_date: ago(5).slice(0, 10),
      forecast_category: 'commit',
      next_step: 'Send the order form',
      owner_id: h.rep.id,
      stage_changed_at: ago(7),
      ...stamp,
    })
    .execute();
  await db
    .insertInto('activities')
    .values({
      id: '00000000-0000-4000-8000-0000000013a1',
      team_id: A,
      natural_key: 'gcal:initech-review:2026-11-02T15:00:00Z',
      type: 'meeting',
      subject: 'Initech quarterly review',
      occurred_at: ago(INITECH.meetingDaysAgo),
      contact_id: INITECH.ana,
      account_id: accountId,
      user_id: h.rep.id,
      surface: 'calendar',
      payload_hash: 'seed',
      recorded_at: ago(INITECH.meetingDaysAgo),
    })
    .execute();
}
