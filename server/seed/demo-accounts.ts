/**
 * Demo accounts: the named accounts of the featured people first, then invented companies
 * across territories, tiers and all six stages, each with its domains, firmographics (with
 * per-field provenance, some older than 180 days so stale values show), stage and tier history,
 * and technographics (competitor products flagged, some adopted or dropped lately).
 */
import { normalizeDomain } from '../identity/normalize.ts';
import { type DemoContext, type Row, dateFromNow, daysAgo, slugOf } from './demo-context.ts';
import { FEATURED_ACCOUNTS, type FeaturedAccount } from './featured.ts';
import { COMPANY_STEMS, INDUSTRIES, STAGES, TECHNOLOGIES, TERRITORIES, type AccountStage } from './vocab.ts';

export interface AccountPlan {
  row: Row<'accounts'>;
  domains: string[];
  featured: FeaturedAccount | null;
  /** A Tier 1 account nobody has touched for 14+ days: what the weekly review queue is for. */
  dark: boolean;
  ageDays: number;
  city: string;
}

export interface AccountsOutput {
  plans: AccountPlan[];
  domains: Row<'account_domains'>[];
  history: Row<'account_history'>[];
  technologies: Row<'technologies'>[];
}

const STAGE_WEIGHTS: Record<1 | 2 | 3, number[]> = {
  1: [5, 10, 20, 25, 20, 20],
  2: [15, 20, 25, 20, 10, 10],
  3: [35, 30, 15, 10, 5, 5],
};
const STAGE_REASONS: Record<AccountStage, string> = {
  identified: 'Added from the target account list',
  awareness: 'Opened the outreach sequence',
  engaged: 'Requested a meeting',
  evaluating: 'Discovery call held; second meeting scheduled',
  negotiating: 'Proposal sent',
  closed: 'Order form signed',
};

export function generateAccounts(ctx: DemoContext, count: number): AccountsOutput {
  const rng = ctx.rng.fork('accounts');
  const out: AccountsOutput = { plans: [], domains: [], history: [], technologies: [] };
  const takenNames = new Set<string>();
  const takenDomains = new Set<string>();
  const reps = ctx.users.filter((u) => u.role === 'rep');
  const admin = ctx.users.find((u) => u.role === 'admin')!;

  const addDomain = (accountId: string, raw: string, list: string[]) => {
    const normalized = normalizeDomain(raw);
    if (!normalized.ok || takenDomains.has(normalized.value)) return;
    takenDomains.add(normalized.value);
    list.push(normalized.value);
    out.domains.push({ team_id: ctx.teamId, domain: normalized.value, account_id: accountId });
  };

  for (let i = 0; i < count; i++) {
    const featured = FEATURED_ACCOUNTS[i] ?? null;
    const territoryIndex = featured ? 0 : rng.weighted(TERRITORIES.map((t, n) => [n, n === 0 ? 3 : 2] as const));
    const territory = TERRITORIES[territoryIndex]!;
    const owner = reps[territoryIndex % reps.length]!;
    const id = ctx.id('acc');
    const [city, country] = featured ? [featured.location, featured.country] : rng.pick(territory.places);
    const industryEntry = rng.pick(INDUSTRIES);
    let name = featured?.name ?? '';
    let stem = '';
    while (!name || takenNames.has(name)) {
      stem = rng.pick(COMPANY_STEMS);
      name = `${stem} ${rng.pick(industryEntry.suffixes)}`;
    }
    takenNames.add(name);
    const tier = featured?.tier ?? rng.weighted([[1, 15], [2, 35], [3, 50]] as const);
    const stage = featured?.stage ?? STAGES[rng.weighted(STAGE_WEIGHTS[tier].map((w, n) => [n, w] as const))]!;
    const employees = featured?.employees ?? logUniform(rng.next(), tier === 1 ? 1000 : tier === 2 ? 200 : 20, tier === 1 ? 60000 : tier === 2 ? 6000 : 1200);
    const revenue = featured?.revenue ?? Math.round((employees * rng.int(80, 320)) / 100) * 100_000;
    const ageDays = rng.int(200, 900);
    // A third of accounts were last enriched over six months ago: the brief must mark those stale.
    const enrichedDaysAgo = rng.chance(0.3) ? rng.int(190, 520) : rng.int(3, 170);
    const enrichedAt = daysAgo(ctx.now, enrichedDaysAgo + rng.next());
    // CRM-owned fields are as fresh as the last sync.
    const crmSyncedAt = daysAgo(ctx.now, rng.int(1, 30) + rng.next());
    const industry = featured?.industry ?? industryEntry.industry;
    const funding = featured?.funding ?? fundingOf(rng, employees);

    const domains: string[] = [];
    if (featured) for (const d of featured.domains) addDomain(id, d, domains);
    else {
      const base = slugOf(name);
      addDomain(id, `${base}.${rng.pick(territory.tlds)}`, domains);
      if (rng.chance(0.25)) addDomain(id, `${slugOf(stem)}.${rng.pick(['io', 'com', 'net'])}`, domains);
      if (rng.chance(0.1)) addDomain(id, `${base}.${rng.pick(['de', 'co.uk', 'se', 'fr'])}`, domains);
      if (domains.length === 0) addDomain(id, `${base}-${rng.hex(4)}.com`, domains);
    }

    const source = (src: string, at = enrichedAt) => ({ source: src, refreshedAt: at });
    const row: Row<'accounts'> = {
      id,
      team_id: ctx.teamId,
      external_id: `SF-ACC-${String(100001 + i)}`,
      name,
      tier,
      stage,
      stage_set_by: owner.id,
      tier_set_by: admin.id,
      owner_id: owner.id,
      territory: territory.territory,
      industry,
      employees,
      location: city,
      country,
      revenue,
      funding,
      description: featured?.description ?? `${name} is a ${industry.toLowerCase()} company headquartered in ${city}.`,
      field_sources: JSON.stringify({
        industry: source('enrichment'),
        employees: source('enrichment'),
        location: source('crm', crmSyncedAt),
        revenue: source('enrichment'),
        funding: source('enrichment'),
        description: source('crm', crmSyncedAt),
      }),
      last_touch_at: null,
      last_touch_type: null,
      last_touch_by: null,
      created_at: daysAgo(ctx.now, ageDays),
      updated_at: enrichedAt > crmSyncedAt ? enrichedAt : crmSyncedAt,
    };
    const plan: AccountPlan = { row, domains, featured, dark: false, ageDays, city };
    out.plans.push(plan);
    stageHistory(ctx, rng, plan, owner.id, admin.id, out.history);
    technologiesOf(ctx, rng, plan, out.technologies);
  }

  // The review queue needs Tier 1 accounts that went quiet: pick some that are not featured.
  const candidates = out.plans.filter((p) => !p.featured && p.row.tier === 1 && p.row.stage !== 'identified');
  for (const plan of rng.sample(candidates, Math.min(10, candidates.length))) plan.dark = true;
  return out;
}

function logUniform(u: number, min: number, max: number): number {
  return Math.round(Math.exp(Math.log(min) + u * (Math.log(max) - Math.log(min))));
}

function fundingOf(rng: DemoContext['rng'], employees: number): string {
  if (employees > 5000) return rng.chance(0.7) ? 'Public' : 'Private equity backed';
  if (employees < 400 && rng.chance(0.6)) {
    const round = rng.pick(['Seed', 'Series A', 'Series B', 'Series C']);
    return `${round}, $${rng.int(3, 90)}M`;
  }
  return rng.pick(['Private', 'Bootstrapped', 'Private equity backed']);
}

/** The path from `identified` to the current stage, at increasing times, plus the odd tier change. */
function stageHistory(ctx: DemoContext, rng: DemoContext['rng'], plan: AccountPlan, ownerId: string, adminId: string, out: Row<'account_history'>[]) {
  const { row, ageDays } = plan;
  const base = { team_id: ctx.teamId, account_id: row.id };
  out.push({ ...base, kind: 'stage', from_value: null, to_value: 'identified', changed_at: row.created_at, changed_by: adminId, reason: STAGE_REASONS.identified });
  out.push({ ...base, kind: 'tier', from_value: null, to_value: String(row.tier), changed_at: row.created_at, changed_by: adminId, reason: 'Target account list' });
  const steps = STAGES.indexOf(row.stage as AccountStage);
  let at = ageDays;
  for (let s = 1; s <= steps; s++) {
    // Later stages arrive more recently; keep each step strictly after the previous one.
    at = Math.max(1, at - rng.int(5, Math.max(6, Math.floor(at / (steps - s + 2)))));
    const byRule = STAGES[s] === 'engaged' && rng.chance(0.4);
    out.push({
      ...base,
      kind: 'stage',
      from_value: STAGES[s - 1]!,
      to_value: STAGES[s]!,
      changed_at: daysAgo(ctx.now, at),
      changed_by: byRule ? 'rule:meeting-requested' : ownerId,
      reason: STAGE_REASONS[STAGES[s]!],
    });
    if (s === steps) row.stage_set_by = byRule ? 'rule:meeting-requested' : ownerId;
  }
  if (row.tier !== 3 && !plan.featured && rng.chance(0.12)) {
    // Intelligence promoted this account: a surge with ICP fit moved it up a tier.
    const from = String((row.tier as number) + 1);
    out.push({ ...base, kind: 'tier', from_value: from, to_value: String(row.tier), changed_at: daysAgo(ctx.now, rng.int(10, 60)), changed_by: 'rule:intent-surge-fit', reason: 'Intent surge with ICP fit above 80' });
    row.tier_set_by = 'rule:intent-surge-fit';
  }
}

function technologiesOf(ctx: DemoContext, rng: DemoContext['rng'], plan: AccountPlan, out: Row<'technologies'>[]) {
  const featured = plan.featured?.signals.competitorAdded;
  const chosen = rng.sample(TECHNOLOGIES.filter((t) => !t.competitor), rng.int(3, 6)).map((t) => ({ ...t }));
  const competitorRoll = rng.next();
  const competitors = TECHNOLOGIES.filter((t) => t.competitor);
  const competitor = competitors.find((t) => t.name === featured?.name) ?? rng.pick(competitors);
  // Featured accounts show only their scripted competitor story; the rest get one 30% of the time.
  if (featured || (!plan.featured && competitorRoll < 0.3)) chosen.push({ ...competitor });
  const refreshedAt = daysAgo(ctx.now, rng.chance(0.25) ? rng.int(185, 400) : rng.int(2, 150));
  for (const [n, tech] of chosen.entries()) {
    const isLast = n === chosen.length - 1;
    let added = dateFromNow(ctx.now, -rng.int(120, 1500));
    let removed: string | null = rng.chance(0.1) ? dateFromNow(ctx.now, -rng.int(10, 110)) : null;
    if (tech.competitor && isLast) {
      if (featured) {
        added = dateFromNow(ctx.now, -featured.daysAgo);
        removed = null;
      } else if (competitorRoll < 0.08) {
        added = dateFromNow(ctx.now, -rng.int(5, 60)); // adopted a competitor lately: a trigger
        removed = null;
      } else if (competitorRoll < 0.13) {
        removed = dateFromNow(ctx.now, -rng.int(5, 60)); // dropped one: a door opens
      }
    }
    out.push({
      team_id: ctx.teamId,
      account_id: plan.row.id,
      name: tech.name,
      category: tech.category,
      competitor: tech.competitor ? 1 : 0,
      added_at: added,
      removed_at: removed,
      source: 'technographics',
      refreshed_at: refreshedAt,
    });
  }
}
