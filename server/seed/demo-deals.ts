/**
 * Demo deals: open deals where the account's stage says a buying process is under way, won
 * deals at customers, lost deals in the past, each with its stage, amount, close date, forecast
 * category and next step, and a history of stage, close-date and amount changes. Some carry the
 * risks a brief must show: stalled, no next step, a competitor, a close date that slipped.
 */
import type { AccountPlan } from './demo-accounts.ts';
import { type DemoContext, type Row, dateFromNow, daysAgo } from './demo-context.ts';
import { DEAL_STAGES, NEXT_STEPS, TECHNOLOGIES } from './vocab.ts';

export interface DealPlan {
  row: Row<'deals'>;
  account: AccountPlan;
  open: boolean;
}

export interface DealsOutput {
  plans: DealPlan[];
  history: Row<'deal_history'>[];
}

const PRODUCTS = ['Data Cloud', 'Team plan', 'Enterprise', 'Migration accelerator', 'Analytics add-on'] as const;
const COMPETITORS = TECHNOLOGIES.filter((t) => t.competitor).map((t) => t.name);
const OPEN_BY_ACCOUNT_STAGE: Record<string, [number, number[]]> = {
  // [chance of an open deal, which deal stages (indexes into DEAL_STAGES) it may be in]
  identified: [0, []],
  awareness: [0.15, [0]],
  engaged: [0.6, [0, 1]],
  evaluating: [1, [1, 2]],
  negotiating: [1, [2, 3, 3]],
  closed: [0.35, [0, 1]],
};

export function generateDeals(ctx: DemoContext, accounts: AccountPlan[]): DealsOutput {
  const rng = ctx.rng.fork('deals');
  const out: DealsOutput = { plans: [], history: [] };

  for (const account of accounts) {
    const { row } = account;
    const size = row.tier === 1 ? [80, 600] : row.tier === 2 ? [20, 150] : [8, 60];
    const amount = () => rng.int(size[0]!, size[1]!) * 1000;
    const make = (fields: { name: string; stage: string; forecast: string; amount: number; closeDate: string; nextStep: string | null; competitor: string | null; stageDaysAgo: number; createdDaysAgo: number; slippedDays?: number }) => {
      const id = ctx.id('deal');
      const createdDaysAgo = Math.max(fields.createdDaysAgo, fields.stageDaysAgo + 1);
      const deal: Row<'deals'> = {
        id,
        team_id: ctx.teamId,
        account_id: row.id,
        external_id: `SF-OPP-${id.slice(-8)}`,
        name: fields.name,
        stage: fields.stage,
        amount: fields.amount,
        currency: 'USD',
        close_date: fields.closeDate,
        forecast_category: fields.forecast,
        next_step: fields.nextStep,
        competitor: fields.competitor,
        owner_id: row.owner_id,
        stage_changed_at: daysAgo(ctx.now, fields.stageDaysAgo),
        created_at: daysAgo(ctx.now, createdDaysAgo),
        updated_at: daysAgo(ctx.now, Math.min(fields.stageDaysAgo, rng.int(0, 20))),
      };
      const open = !fields.stage.startsWith('closed');
      out.plans.push({ row: deal, account, open });
      dealHistory(ctx, rng, deal, createdDaysAgo, fields.stageDaysAgo, fields.slippedDays ?? 0, out.history);
    };

    if (account.featured) {
      const d = account.featured.deal;
      make({ ...d, closeDate: dateFromNow(ctx.now, d.closeInDays), stageDaysAgo: rng.int(6, 20), createdDaysAgo: rng.int(60, 120) });
    } else {
      const [chance, stages] = OPEN_BY_ACCOUNT_STAGE[row.stage]!;
      if (rng.chance(chance)) {
        const stage = DEAL_STAGES[rng.pick(stages)]!;
        const stalled = rng.chance(0.2);
        const overdue = rng.chance(0.12);
        make({
          name: `${row.name}: ${row.stage === 'closed' ? 'Expansion' : rng.pick(PRODUCTS)}`,
          stage: stage.stage,
          forecast: stage.forecast,
          amount: amount(),
          closeDate: dateFromNow(ctx.now, overdue ? -rng.int(3, 20) : rng.int(10, 120)),
          nextStep: rng.chance(0.8) ? rng.pick(NEXT_STEPS) : null,
          competitor: rng.chance(0.2) ? rng.pick(COMPETITORS) : null,
          stageDaysAgo: stalled ? rng.int(45, 90) : rng.int(1, 30),
          createdDaysAgo: rng.int(40, 200),
          slippedDays: rng.chance(0.3) ? rng.int(14, 60) : 0,
        });
      }
      if (row.stage === 'closed') {
        const wonDaysAgo = rng.int(10, 300);
        make({ name: `${row.name}: ${rng.pick(PRODUCTS)}`, stage: 'closed_won', forecast: 'commit', amount: amount(), closeDate: dateFromNow(ctx.now, -wonDaysAgo), nextStep: null, competitor: null, stageDaysAgo: wonDaysAgo, createdDaysAgo: wonDaysAgo + rng.int(60, 180) });
      }
    }
    if (rng.chance(0.15)) {
      const lostDaysAgo = rng.int(120, 500);
      make({ name: `${row.name}: ${rng.pick(PRODUCTS)} (${new Date(Date.parse(daysAgo(ctx.now, lostDaysAgo))).getUTCFullYear()})`, stage: 'closed_lost', forecast: 'omitted', amount: amount(), closeDate: dateFromNow(ctx.now, -lostDaysAgo), nextStep: null, competitor: rng.chance(0.5) ? rng.pick(COMPETITORS) : null, stageDaysAgo: lostDaysAgo, createdDaysAgo: lostDaysAgo + rng.int(40, 150) });
    }
  }
  return out;
}

const PATH = ['qualification', 'discovery', 'proposal', 'negotiation'];
const FORECAST: Record<string, string> = { qualification: 'pipeline', discovery: 'pipeline', proposal: 'best_case', negotiation: 'commit' };

/** Stage steps from creation to the current stage, plus a slipped close date or a changed amount. */
function dealHistory(ctx: DemoContext, rng: DemoContext['rng'], deal: Row<'deals'>, createdDaysAgo: number, stageDaysAgo: number, slippedDays: number, out: Row<'deal_history'>[]) {
  const base = { team_id: ctx.teamId, deal_id: deal.id };
  const target = deal.stage === 'closed_won' || deal.stage === 'closed_lost' ? PATH.length : PATH.indexOf(deal.stage);
  out.push({ ...base, field: 'stage', from_value: null, to_value: 'qualification', changed_at: daysAgo(ctx.now, createdDaysAgo) });
  const stepDays = (createdDaysAgo - stageDaysAgo) / Math.max(1, target);
  for (let s = 1; s <= target; s++) {
    const to = PATH[s] ?? deal.stage;
    const at = daysAgo(ctx.now, s === target ? stageDaysAgo : createdDaysAgo - stepDays * s);
    out.push({ ...base, field: 'stage', from_value: PATH[s - 1]!, to_value: to, changed_at: at });
    const fromForecast = FORECAST[PATH[s - 1]!]!;
    const toForecast = FORECAST[to] ?? deal.forecast_category;
    if (fromForecast !== toForecast) out.push({ ...base, field: 'forecast_category', from_value: fromForecast, to_value: toForecast, changed_at: at });
  }
  if (slippedDays > 0 && deal.close_date) {
    const earlier = new Date(Date.parse(`${deal.close_date}T00:00:00Z`) - slippedDays * 86_400_000).toISOString().slice(0, 10);
    out.push({ ...base, field: 'close_date', from_value: earlier, to_value: deal.close_date, changed_at: daysAgo(ctx.now, Math.max(1, Math.min(stageDaysAgo, rng.int(3, 25)))) });
  }
  if (rng.chance(0.15) && deal.amount) {
    out.push({ ...base, field: 'amount', from_value: String(Math.round((deal.amount as number) * 0.8)), to_value: String(deal.amount), changed_at: daysAgo(ctx.now, Math.min(createdDaysAgo, Math.max(1, stageDaysAgo + rng.int(0, 10)))) });
  }
}
