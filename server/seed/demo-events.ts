/**
 * Demo raw events, the stuff signals are made of: months of visits to Northwind's site (more
 * and more pricing-heavy as an account moves through its stages), weekly intent topic scores with
 * some surges above 60, funding rounds, executive hires, departures (champions among them), news,
 * replies and meeting requests. Every `data` is checked against `shared/events.ts` as it is made.
 */
import { EVENT_DATA, type EventKind } from '../../shared/events.ts';
import type { AccountPlan } from './demo-accounts.ts';
import type { ContactPlan } from './demo-contacts.ts';
import { type DemoContext, type Row, daysAgo, slugOf, weekStart } from './demo-context.ts';
import { FIRST_NAMES, FUNDING_ROUNDS, INTENT_TOPICS, LAST_NAMES, NEWS_HEADLINES, PAGE_TYPES, SITE, STAGES, type AccountStage } from './vocab.ts';

const WEEKS_OF_INTENT = 26;
const VISIT_WINDOW_DAYS = 120;
const HIRE_TITLES = ['VP Data', 'Chief Data Officer', 'CTO', 'VP Engineering', 'CIO', 'Head of Analytics'] as const;

export function generateEvents(ctx: DemoContext, accounts: AccountPlan[], contactsByAccount: Map<string, ContactPlan[]>): Row<'events'>[] {
  const rng = ctx.rng.fork('events');
  const out: Row<'events'>[] = [];

  for (const account of accounts) {
    const { row, featured } = account;
    const id = row.id as string;
    const people = contactsByAccount.get(id) ?? [];
    const featuredPerson = people.find((p) => p.featured)?.row.id ?? null;
    const stage = STAGES.indexOf(row.stage as AccountStage);
    const events: Row<'events'>[] = [];
    const keys = new Set<string>();
    const add = (kind: EventKind, source: string, naturalKey: string, at: string, data: unknown, contactId: string | null = null) => {
      if (keys.has(naturalKey)) return;
      keys.add(naturalKey);
      const checked = EVENT_DATA[kind].parse(data); // a shape mistake here is a bug in the seed
      events.push({ team_id: ctx.teamId, account_id: id, contact_id: contactId, kind, occurred_at: at, source, natural_key: naturalKey, delivery_id: null, data: JSON.stringify(checked) });
    };
    const someone = () => (people.length > 0 && rng.chance(0.3) ? rng.pick(people).row.id as string : null);
    const visit = (pageType: string, path: string, days: number, contactId: string | null) => {
      const at = daysAgo(ctx.now, days);
      const url = `${SITE}${path}`;
      add('web_visit', 'web-visits', `visit:${id}:${url}:${at}`, at, { url, pageType }, contactId);
    };

    // First-party visits: later stages visit more, and look at pricing more.
    const visits = row.tier === 3 && stage === 0 ? rng.int(0, 2) : rng.int(0, 3) + stage * rng.int(1, 4);
    const pages = PAGE_TYPES.map(([type, path, weight]) => [[type, path] as const, type === 'pricing' && stage >= 3 ? weight * 2 : weight] as const);
    for (let v = 0; v < visits; v++) {
      const [type, path] = rng.weighted(pages);
      visit(type, path, VISIT_WINDOW_DAYS * rng.next() ** 1.5, someone());
    }
    const signals = featured?.signals;
    const hot = signals ? (signals.pricingVisits7d ?? 0) : !featured && stage >= 2 && rng.chance(0.1) ? 3 : 0;
    for (let v = 0; v < hot; v++) visit('pricing', '/pricing', 0.3 + v * 1.7 + rng.next(), v === 0 ? featuredPerson : someone());
    if (signals?.demoRequest) visit('demo', '/demo-request', 1.2, featuredPerson);
    if (signals?.trialSignup) visit('trial', '/trial/signup', 2.4, featuredPerson);

    // Third-party intent: a weekly score per topic; some topics surge past 60 lately.
    if (featured || rng.chance(0.55)) {
      const topics = rng.sample(INTENT_TOPICS.filter((t) => t !== signals?.surge?.topic), rng.int(1, 2));
      const surging = signals?.surge ? [signals.surge.topic, signals.surge.score] as const : rng.chance(0.15) ? [topics[0]!, rng.int(61, 92)] as const : null;
      if (signals?.surge) topics.push(signals.surge.topic);
      for (const topic of topics) {
        let score = rng.int(12, 45);
        for (let w = WEEKS_OF_INTENT - 1; w >= 0; w--) {
          score = Math.max(0, Math.min(58, score + rng.int(-8, 8)));
          const rampWeeks = 3;
          const value = surging && surging[0] === topic && w < rampWeeks ? Math.round(score + ((surging[1] - score) * (rampWeeks - w)) / rampWeeks) : score;
          const week = weekStart(ctx.now, w);
          add('intent', 'intent', `intent:${id}:${topic.toLowerCase()}:${week}`, `${week}T00:00:00.000Z`, { topic, score: value, week });
        }
      }
    }

    // Organisational and financial events.
    const funding = signals?.funding ?? (!featured && rng.chance(0.1) ? fundingRound(rng, row.employees as number) : null);
    if (funding) add('funding', 'news', `funding:${id}:${slugOf(funding.round)}`, daysAgo(ctx.now, funding.daysAgo + 0.4), { round: funding.round, amountUsd: funding.amountUsd });
    const hire = signals?.execHire ?? (!featured && rng.chance(0.1) ? { name: `${rng.pick(FIRST_NAMES)} ${rng.pick(LAST_NAMES)}`, title: rng.pick(HIRE_TITLES), daysAgo: rng.int(2, 120) } : null);
    if (hire) add('exec_hire', 'news', `exec_hire:${id}:${rng.hex(10)}`, daysAgo(ctx.now, hire.daysAgo + 0.6), { name: hire.name, title: hire.title });
    if (!featured && people.length > 2 && rng.chance(0.07)) {
      // Champions leave more often than anyone in this data: it is the trigger worth showing.
      const leaver = people.find((p) => p.row.buying_role === 'champion') ?? rng.pick(people);
      add('departure', 'news', `departure:${id}:${leaver.row.id}`, daysAgo(ctx.now, rng.int(3, 90) + 0.5), { contactId: leaver.row.id, name: leaver.row.name, title: leaver.row.title ?? 'Employee' }, leaver.row.id as string);
    }
    const headlines: { headline: string; daysAgo: number }[] = signals?.news ? [signals.news] : [];
    if (!featured && rng.chance(0.3)) {
      for (let n = rng.int(1, 2); n > 0; n--) {
        headlines.push({ headline: rng.pick(NEWS_HEADLINES).replace('{company}', row.name).replace('{city}', account.city.split(',')[0]!), daysAgo: rng.int(1, 200) });
      }
    }
    for (const news of headlines) {
      const key = rng.hex(10);
      add('news', 'news', `news:${id}:${key}`, daysAgo(ctx.now, news.daysAgo + 0.3), { headline: news.headline, url: `https://newswire.example/${slugOf(row.name)}-${key}` });
    }

    // Answers to outreach and meeting requests: first-party buying behaviour too.
    if (stage >= 2 && people.length > 0 && rng.chance(0.25)) {
      const who = featuredPerson ?? rng.pick(people).row.id as string;
      add('reply', 'crm', `reply:${id}:${rng.hex(10)}`, daysAgo(ctx.now, rng.int(1, 30) + 0.2), { channel: 'email', subject: 'Re: Following up on our conversation' }, who);
    }
    if (stage >= 2 && stage < 5 && people.length > 0 && rng.chance(0.1)) {
      const start = daysAgo(ctx.now, -rng.int(2, 10));
      add('meeting_request', 'crm', `meeting_request:${id}:${rng.hex(10)}`, daysAgo(ctx.now, rng.int(1, 5)), { title: 'Intro call with Northwind', start }, rng.pick(people).row.id as string);
    }

    events.sort((a, b) => (a.occurred_at < b.occurred_at ? -1 : a.occurred_at > b.occurred_at ? 1 : a.natural_key < b.natural_key ? -1 : 1));
    out.push(...events);
  }
  return out;
}

function fundingRound(rng: DemoContext['rng'], employees: number) {
  const index = Math.min(FUNDING_ROUNDS.length - 1, Math.max(0, Math.floor(Math.log10(Math.max(10, employees))) - 1 + rng.int(-1, 1)));
  const [round, min, max] = FUNDING_ROUNDS[index]!;
  return { round, amountUsd: Math.round(rng.int(min, max) / 100_000) * 100_000, daysAgo: rng.int(3, 365) };
}
