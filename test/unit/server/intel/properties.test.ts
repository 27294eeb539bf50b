/**
 * Properties over generated data (a seeded PRNG, so a failure reproduces): for hundreds of random
 * accounts, events, activities, deals and settings, every signal in every account's intelligence,
 * every brief and every digest has a non-empty reason and action; every score's components add up
 * to the score exactly, and scores stay within 0-100; every brief still parses as a Brief.
 * A failing case prints its seed and account id.
 */
import { describe, expect, it } from 'vitest';
import { Brief, Stage, type Play, type Score } from '../../../../shared/brief.ts';
import type { EventData } from '../../../../shared/events.ts';
import { accountIntelOf, type AccountIntel } from '../../../../server/briefs/account-intel.ts';
import { briefOf } from '../../../../server/briefs/assemble.ts';
import type { AccountRecord } from '../../../../server/briefs/gather.ts';
import { digestOf } from '../../../../server/intel/digest.ts';
import type { ActivityFact, DealFact, EventFact, PersonFact, TechnologyFact } from '../../../../server/intel/facts.ts';
import { validateOverrides, type IntelSettings } from '../../../../server/intel/settings.ts';
import { createRng, type Rng } from '../../../../server/seed/prng.ts';

const NOW = new Date('2026-11-23T09:00:00.000Z');
const DAY = 86_400_000;
const SEEDS = 12;
const ACCOUNTS_PER_SEED = 30;

const INDUSTRIES = ['Software', 'Logistics', 'Retail', 'Enterprise Software', 'Healthcare', 'Banking'];
const PLACES: [string, string][] = [['Berlin', 'Germany'], ['Paris', 'France'], ['Austin, TX', 'United States'], ['Stockholm', 'Sweden'], ['Lagos', 'Nigeria']];
const TECH = ['Snowflake', 'Salesforce', 'HubSpot', 'Oracle', 'RivalSignals', 'Looker', 'dbt'];
const TOPICS = ['Data warehousing', 'Sales intelligence', 'CRM', 'ETL'];
const PAGES = ['pricing', 'demo', 'trial', 'docs', 'blog', 'product', 'careers', 'other'] as const;
const ACTIVITY_TYPES = ['email', 'call', 'meeting', 'linkedin_message', 'note'];
const DEAL_STAGES = ['discovery', 'proposal', 'negotiation', 'closed_won', 'closed_lost'];

const at = (rng: Rng, minDays: number, maxDays: number) => new Date(NOW.getTime() - rng.int(minDays * 24, maxDays * 24) * 3_600_000).toISOString();
const maybe = <T>(rng: Rng, p: number, value: () => T): T | null => (rng.chance(p) ? value() : null);

function settingsOf(rng: Rng): IntelSettings {
  const some = <T>(items: readonly T[]) => rng.sample(items, rng.int(0, Math.min(3, items.length)));
  const parsed = validateOverrides({
    icp: {
      industries: { values: some(INDUSTRIES), weight: rng.int(0, 100) },
      employees: { bands: rng.chance(0.7) ? [{ min: rng.int(0, 500), max: rng.chance(0.3) ? null : rng.int(500, 20_000) }] : [], weight: rng.int(0, 100) },
      geographies: { values: some(PLACES.map((p) => p[1])), weight: rng.int(0, 100) },
      requiredTechnologies: { values: some(TECH), weight: rng.int(0, 100) },
      excludedTechnologies: { values: some(TECH), penalty: rng.int(0, 100) },
    },
    engagement: {
      halfLifeDays: rng.int(1, 60),
      visits: { weight: rng.int(0, 50), fullAt: rng.int(1, 20) },
      pricingVisits: { weight: rng.int(0, 50), fullAt: rng.int(1, 10) },
      intent: { weight: rng.int(0, 50), fullAt: rng.int(1, 100) },
      replies: { weight: rng.int(0, 50), fullAt: rng.int(1, 5) },
      meetings: { weight: rng.int(0, 50), fullAt: rng.int(1, 5) },
    },
    status: { promoteSurge: rng.int(0, 100), promoteFit: rng.int(0, 100), promoteTier: rng.pick([1, 2, 3]) },
    intent: { surgeThreshold: rng.int(20, 90), topics: rng.chance(0.3) ? some(TOPICS) : [] },
    firstParty: { pricingVisits: rng.int(1, 4), siteVisits: rng.int(2, 12) },
    alerts: { dailyBudget: rng.int(0, 5) },
    digest: { maxLines: rng.int(1, 15) },
  });
  if (!parsed.success) throw new Error(`generated settings do not validate: ${parsed.error.message}`);
  return parsed.data;
}

function eventOf(rng: Rng, contacts: PersonFact[]): EventFact {
  const contactId = contacts.length && rng.chance(0.5) ? rng.pick(contacts).id : null;
  const data: EventData = rng.weighted<() => EventData>([
    [() => ({ kind: 'web_visit', data: { url: 'https://example.com/x', pageType: rng.pick(PAGES) } }), 8],
    [() => ({ kind: 'intent', data: { topic: rng.pick(TOPICS), score: rng.int(0, 100), week: at(rng, 0, 40).slice(0, 10) } }), 4],
    [() => ({ kind: 'funding', data: { round: 'Series B', ...(rng.chance(0.5) ? { amountUsd: rng.int(1, 90) * 1e6 } : {}) } }), 1],
    [() => ({ kind: 'exec_hire', data: { title: 'VP Sales', ...(rng.chance(0.5) ? { name: 'Pat Lee' } : {}) } }), 1],
    [() => ({ kind: 'departure', data: { title: 'Head of Data', ...(contactId ? { contactId } : {}) } }), 1],
    [() => ({ kind: 'acquisition', data: { target: 'Smallco' } }), 1],
    [() => ({ kind: 'news', data: { headline: 'Opens a new warehouse', url: 'https://news.example/a' } }), 1],
    [() => ({ kind: 'reply', data: { channel: rng.pick(['email', 'linkedin', 'other'] as const) } }), 2],
    [() => ({ kind: 'meeting_request', data: rng.chance(0.5) ? { start: at(rng, -10, 0) } : {} }), 1],
  ])();
  return { ...data, occurredAt: at(rng, -2, 90), contactId, source: 'generated' } as EventFact;
}

function accountOf(rng: Rng, n: number): AccountRecord {
  const id = `acc_${n}`;
  const contacts: PersonFact[] = Array.from({ length: rng.int(0, 6) }, (_, i) => ({
    id: `${id}_ct${i}`,
    name: `Person ${i}`,
    title: maybe(rng, 0.7, () => 'Director'),
    buyingRole: maybe(rng, 0.6, () => rng.pick(['decision_maker', 'champion', 'influencer', 'blocker', 'user', 'other'])),
    lastTouchAt: maybe(rng, 0.6, () => at(rng, 0, 120)),
    lastTouchType: 'email',
    lastTouchBy: maybe(rng, 0.5, () => 'Sam Rep'),
  }));
  const events = Array.from({ length: rng.int(0, 40) }, () => eventOf(rng, contacts)).sort((a, b) => (a.occurredAt < b.occurredAt ? 1 : -1));
  const technologies: TechnologyFact[] = rng.sample(TECH, rng.int(0, 5)).map((name) => ({
    name,
    category: null,
    competitor: name === 'RivalSignals',
    addedAt: maybe(rng, 0.7, () => at(rng, 0, 400).slice(0, 10)),
    removedAt: maybe(rng, 0.2, () => at(rng, 0, 100).slice(0, 10)),
    source: 'generated',
    refreshedAt: maybe(rng, 0.8, () => at(rng, 0, 400)),
  }));
  const deals: DealFact[] = Array.from({ length: rng.int(0, 3) }, (_, i) => ({
    id: `${id}_deal${i}`,
    name: `Deal ${i}`,
    stage: rng.pick(DEAL_STAGES),
    amount: maybe(rng, 0.8, () => rng.int(1, 200) * 1000),
    currency: 'USD',
    closeDate: maybe(rng, 0.8, () => at(rng, -90, 60).slice(0, 10)),
    forecastCategory: rng.pick(['commit', 'best case', 'pipeline', 'omitted', 'odd']),
    nextStep: maybe(rng, 0.5, () => 'Call back'),
    competitor: maybe(rng, 0.2, () => 'RivalSignals'),
    owner: null,
    stageChangedAt: at(rng, 0, 120),
    createdAt: at(rng, 120, 300),
  }));
  const activities: ActivityFact[] = Array.from({ length: rng.int(0, 12) }, () => ({
    type: rng.pick(ACTIVITY_TYPES),
    occurredAt: at(rng, -20, 90),
    contactId: contacts.length && rng.chance(0.7) ? rng.pick(contacts).id : null,
    userId: 'u_sam',
  })).sort((a, b) => (a.occurredAt < b.occurredAt ? 1 : -1));
  const lastTouchAt = maybe(rng, 0.7, () => at(rng, 0, 60));
  const [location, country] = rng.pick(PLACES);
  const setBy = () => rng.pick([null, null, 'u_sam', 'import', 'rule:meeting-requested']);
  return {
    id,
    name: `Account ${n}`,
    tier: rng.pick([1, 2, 3, null]),
    stage: rng.pick(Stage.options),
    territory: null,
    industry: maybe(rng, 0.8, () => rng.pick(INDUSTRIES)),
    employees: maybe(rng, 0.8, () => rng.int(1, 50_000)),
    location: maybe(rng, 0.8, () => location),
    country: maybe(rng, 0.6, () => country),
    stageSetBy: setBy(),
    tierSetBy: setBy(),
    revenue: null,
    funding: null,
    description: null,
    fieldSources: {},
    owner: { id: 'u_sam', name: 'Sam Rep' },
    lastTouch: lastTouchAt ? { at: lastTouchAt, type: 'email', by: 'Sam Rep' } : null,
    domains: [`a${n}.example`],
    history: [],
    activityCounts: {},
    facts: {
      accountId: id,
      accountName: `Account ${n}`,
      focusContactId: null,
      events,
      technologies,
      deals,
      dealChanges: deals.flatMap((d) => (rng.chance(0.3) ? [{ dealId: d.id, field: rng.pick(['stage', 'close_date']), from: 'a', to: 'b', at: at(rng, 0, 40) }] : [])),
      activities,
      contacts,
      lastTouchAt,
      lastTouchType: lastTouchAt ? 'email' : null,
    },
  };
}

const problems: string[] = [];
const check = (ok: boolean, what: string) => {
  if (!ok) problems.push(what);
};
const filled = (text: string | null | undefined) => typeof text === 'string' && text.trim().length > 0;
const playOk = (play: Play) => filled(play.text) && filled(play.who) && filled(play.channel);

function checkScore(score: Score, where: string) {
  const sum = score.components.reduce((a, c) => a + c.points, 0);
  check(sum === score.score, `${where}: components add up to ${sum}, score is ${score.score}`);
  check(Number.isInteger(score.score) && score.score >= 0 && score.score <= 100, `${where}: score ${score.score} outside 0-100`);
  check(score.components.length > 0, `${where}: no components`);
  const maxes = score.components.reduce((a, c) => a + c.max, 0);
  check(maxes === 100 || maxes === 0, `${where}: maxes add up to ${maxes}`);
  for (const c of score.components) {
    check(filled(c.reason) && filled(c.name), `${where}: component without a name or reason`);
    check(c.max > 0 ? c.points >= 0 && c.points <= c.max : c.points <= 0, `${where}: ${c.name} has ${c.points} of ${c.max}`);
  }
}

describe('intelligence properties over generated data', () => {
  it(`${SEEDS * ACCOUNTS_PER_SEED} random accounts: reasons and actions everywhere, scores that add up within 0-100`, () => {
    let signals = 0;
    let lines = 0;
    let statusMoves = 0;
    let penalties = 0;
    for (let seed = 1; seed <= SEEDS; seed++) {
      const rng = createRng(seed);
      const settings = settingsOf(rng.fork('settings'));
      const intels: AccountIntel[] = [];
      for (let n = 0; n < ACCOUNTS_PER_SEED; n++) {
        const account = accountOf(rng.fork(`account ${n}`), n);
        const where = `seed ${seed} ${account.id}`;
        const intel = accountIntelOf(account, settings, NOW);
        intels.push(intel);
        for (const s of intel.signals) {
          signals++;
          check(filled(s.reason) && playOk(s.action), `${where}: signal ${s.kind} without reason or action`);
        }
        if (intel.account.icpFit) checkScore(intel.account.icpFit, `${where} ICP fit`);
        checkScore(intel.account.engagement, `${where} engagement`);
        if (intel.account.icpFit?.components.some((c) => c.points < 0)) penalties++;
        for (const p of [...intel.status.changes, ...intel.status.suggestions]) {
          statusMoves++;
          check(filled(p.reason) && p.rule.startsWith('rule:'), `${where}: status move without reason or rule`);
        }
        const brief = briefOf({ contact: null, intel, settings }, { match: { accountId: account.id, method: 'record', confidence: 1, explanation: 'Opened from a record' } }, NOW);
        const parsed = Brief.safeParse(brief);
        check(parsed.success, `${where}: brief does not parse: ${parsed.error?.message.slice(0, 200)}`);
        for (const s of brief.signals) check(filled(s.reason) && playOk(s.action), `${where}: brief signal ${s.kind} without reason or action`);
        if (brief.nextBestAction) check(filled(brief.nextBestAction.reason) && playOk(brief.nextBestAction.action), `${where}: next best action without reason or action`);
        for (const d of brief.openDeals) for (const r of d.risks) check(filled(r.reason), `${where}: risk ${r.kind} without reason`);
      }
      const digest = digestOf(intels, new Map(), settings, new Date(NOW.getTime() - 7 * DAY).toISOString(), NOW);
      for (const line of digest.lines) {
        lines++;
        check(filled(line.reason) && playOk(line.action), `seed ${seed}: digest line ${line.key} without reason or action`);
      }
      for (const task of digest.tasks) check(filled(task.text) && filled(task.reason) && playOk(task.action), `seed ${seed}: digest task without reason or action`);
      check(digest.lines.length <= settings.digest.maxLines && digest.alerts <= settings.alerts.dailyBudget, `seed ${seed}: digest over its bounds`);
    }
    expect(problems.slice(0, 20)).toEqual([]);
    // The generator must actually exercise what the properties speak about.
    expect(signals).toBeGreaterThan(300);
    expect(lines).toBeGreaterThan(SEEDS);
    expect(statusMoves).toBeGreaterThan(10);
    expect(penalties).toBeGreaterThan(5);
  });
});
