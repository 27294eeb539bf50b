/**
 * The status rules applied by the nightly job (`npm run intel:refresh` → refreshAccountIntel) on a
 * fixed clock, against the real database: a meeting request moves a stage, a held meeting with a
 * second one booked moves to evaluating, a surge with fit promotes a tier, each with its rule and
 * reason in account_history; a stage or tier set by hand or by import is never overwritten (the
 * move stays a suggestion in the account's intelligence), and a second run changes nothing.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { computeAccountIntel } from '../../../../server/briefs/parts.ts';
import { refreshAccountIntel } from '../../../../server/briefs/refresh.ts';
import type { OpenedDatabase } from '../../../../server/db/connect.ts';
import { createTeam } from '../../../../server/auth/users.ts';
import { INTEL_SETTINGS_KEY } from '../../../../server/intel/settings.ts';
import { dialectUnderTest, openTestDatabase } from '../harness.ts';

const NOW = new Date('2026-11-23T09:00:00.000Z');
const DAY = 86_400_000;
const ago = (days: number) => new Date(NOW.getTime() - days * DAY).toISOString();

describe(`automatic stage and tier updates (${dialectUnderTest})`, () => {
  let db: OpenedDatabase;
  let cleanup: () => Promise<void>;
  let team: string;

  beforeAll(async () => {
    ({ db, cleanup } = await openTestDatabase());
    const k = db.kysely;
    team = (await createTeam(k, 'Status team', NOW)).id;
    const stamp = { created_at: ago(400), updated_at: ago(30), field_sources: '{}' };
    const account = (id: string, fields: Record<string, unknown>) => ({ id, team_id: team, name: id, stage: 'awareness', tier: 2, ...stamp, ...fields });
    await k
      .insertInto('accounts')
      .values([
        account('acc_requested', {}),
        account('acc_requested_hand', { stage_set_by: 'u_someone' }),
        account('acc_meetings', { stage: 'engaged', stage_set_by: 'rule:meeting-requested' }),
        account('acc_surge', { industry: 'Software', employees: 900, country: 'Germany' }),
        account('acc_surge_import', { industry: 'Software', employees: 900, country: 'Germany', tier_set_by: 'import' }),
        account('acc_quiet', { industry: 'Software', employees: 900, country: 'Germany' }),
      ])
      .execute();
    let n = 0;
    const event = (accountId: string, kind: string, daysAgo: number, data: unknown) => ({
      team_id: team, account_id: accountId, contact_id: null, kind, occurred_at: ago(daysAgo), source: 'test', natural_key: `e${++n}`, delivery_id: null, data: JSON.stringify(data),
    });
    const surge = { topic: 'Data warehousing', score: 72, week: '2026-11-16' };
    await k
      .insertInto('events')
      .values([
        event('acc_requested', 'meeting_request', 3, {}),
        event('acc_requested_hand', 'meeting_request', 3, {}),
        event('acc_surge', 'intent', 1, surge),
        event('acc_surge_import', 'intent', 1, surge),
        // Under the promotion threshold of 70: no change.
        event('acc_quiet', 'intent', 1, { ...surge, score: 65 }),
      ])
      .execute();
    const activity = (id: string, accountId: string, daysAgo: number) => ({
      id, team_id: team, natural_key: null, type: 'meeting', subject: null, body: null, occurred_at: ago(daysAgo), contact_id: null, account_id: accountId, deal_id: null, user_id: null, surface: 'api', payload_hash: id, recorded_at: ago(Math.max(daysAgo, 0)),
    });
    await k
      .insertInto('activities')
      .values([activity('00000000-0000-4000-8000-0000000000a1', 'acc_meetings', 6), activity('00000000-0000-4000-8000-0000000000a2', 'acc_meetings', -4)])
      .execute();
    const icp = { icp: { industries: { values: ['Software'], weight: 40 }, employees: { bands: [{ min: 200, max: 5000 }], weight: 30 }, geographies: { values: ['Germany'], weight: 30 } } };
    await k.insertInto('settings').values({ team_id: team, key: INTEL_SETTINGS_KEY, value: JSON.stringify(icp), updated_at: ago(1) }).execute();
  });
  afterAll(async () => cleanup());

  const accountRow = (id: string) => db.kysely.selectFrom('accounts').select(['stage', 'tier', 'stage_set_by', 'tier_set_by']).where('id', '=', id).executeTakeFirstOrThrow();
  const historyOf = (id: string) =>
    db.kysely.selectFrom('account_history').select(['kind', 'from_value', 'to_value', 'changed_at', 'changed_by', 'reason']).where('account_id', '=', id).orderBy('id').execute();

  it('applies the rules once, with the rule and its reason in the history, and never overwrites a value set by hand', async () => {
    const first = await refreshAccountIntel(db, team, NOW);
    expect(first).toEqual({ accounts: 6, statusChanges: 3 });

    expect(await accountRow('acc_requested')).toEqual({ stage: 'engaged', tier: 2, stage_set_by: 'rule:meeting-requested', tier_set_by: null });
    expect(await historyOf('acc_requested')).toEqual([
      { kind: 'stage', from_value: 'awareness', to_value: 'engaged', changed_at: NOW.toISOString(), changed_by: 'rule:meeting-requested', reason: 'meeting requested on 2026-11-20 → engaged' },
    ]);
    expect(await historyOf('acc_meetings')).toEqual([
      expect.objectContaining({ from_value: 'engaged', to_value: 'evaluating', changed_by: 'rule:meeting-held-next-scheduled', reason: 'meeting held on 2026-11-17 and another scheduled for 2026-11-27 → evaluating' }),
    ]);
    expect(await accountRow('acc_surge')).toMatchObject({ tier: 1, tier_set_by: 'rule:intent-surge-fit' });
    expect(await historyOf('acc_surge')).toEqual([expect.objectContaining({ kind: 'tier', from_value: '2', to_value: '1', reason: 'surge 72 on Data warehousing and ICP fit 100 → Tier 1' })]);

    // Set by hand / by import: untouched, no history, and the move is offered as a suggestion.
    expect(await accountRow('acc_requested_hand')).toEqual({ stage: 'awareness', tier: 2, stage_set_by: 'u_someone', tier_set_by: null });
    expect(await accountRow('acc_surge_import')).toMatchObject({ tier: 2, tier_set_by: 'import' });
    expect(await historyOf('acc_requested_hand')).toEqual([]);
    expect(await historyOf('acc_surge_import')).toEqual([]);
    const hand = await computeAccountIntel(db, team, 'acc_requested_hand', NOW);
    expect(hand?.intel.status).toEqual({ changes: [], suggestions: [expect.objectContaining({ kind: 'stage', to: 'engaged', reason: 'meeting requested on 2026-11-20 → engaged' })] });
    const imported = await computeAccountIntel(db, team, 'acc_surge_import', NOW);
    expect(imported?.intel.status.suggestions).toEqual([expect.objectContaining({ kind: 'tier', from: '2', to: '1' })]);
    expect(await historyOf('acc_quiet')).toEqual([]);

    // The stored intelligence shows the new status and its history entry.
    const moved = await computeAccountIntel(db, team, 'acc_requested', NOW);
    expect(moved?.intel.account.stage).toBe('engaged');
    expect(moved?.intel.account.history[0]).toMatchObject({ kind: 'stage', to: 'engaged', by: 'rule:meeting-requested', reason: 'meeting requested on 2026-11-20 → engaged' });
    expect(moved?.intel.account.icpFit?.score).toBe(0);

    // Nothing left to do on a second run.
    expect(await refreshAccountIntel(db, team, NOW)).toEqual({ accounts: 6, statusChanges: 0 });
  });

  it('a person setting the stage between computing and applying wins', async () => {
    const { applyStatusChanges } = await import('../../../../server/briefs/apply-status.ts');
    await db.kysely.updateTable('accounts').set({ stage: 'awareness', stage_set_by: 'u_manager' }).where('id', '=', 'acc_requested').execute();
    const applied = await applyStatusChanges(db, team, 'acc_requested', [{ kind: 'stage', from: 'awareness', to: 'engaged', rule: 'rule:meeting-requested', reason: 'meeting requested on 2026-11-20 → engaged' }], NOW);
    expect(applied).toBe(0);
    expect(await accountRow('acc_requested')).toMatchObject({ stage: 'awareness', stage_set_by: 'u_manager' });
  });
});
