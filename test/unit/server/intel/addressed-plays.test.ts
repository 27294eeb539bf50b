/**
 * Every action a rep reads is addressed to someone they can reach (issue 11, acceptance 4), as a
 * property over generated accounts (fast-check): stakeholders with and without each buying role,
 * departures, signals of every kind, deals at risk, Tier 1 accounts gone quiet, and job changes the
 * page shows. For the brief's next step, every digest line and task, and every review-queue item:
 * - no action names a bare role ("Champion", "Visitor", "Trial user", …) as whom to reach;
 * - an action for a contact names a contact of that account who is still there (not departed,
 *   not the person the page shows at another employer);
 * - an action that says how to find someone never does so for a role a person in the CRM holds;
 * - no template placeholder is left in the text.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { BuyingRole, type Play, type Signal } from '../../../../shared/brief.ts';
import type { EventData } from '../../../../shared/events.ts';
import { accountIntelOf, type AccountIntel } from '../../../../server/briefs/account-intel.ts';
import { briefOf } from '../../../../server/briefs/assemble.ts';
import type { AccountRecord, ContactRecord } from '../../../../server/briefs/gather.ts';
import { ROLE_WORDS } from '../../../../server/intel/address.ts';
import { digestOf } from '../../../../server/intel/digest.ts';
import type { DealFact, EventFact, PersonFact } from '../../../../server/intel/facts.ts';
import { DEFAULT_PLAYS } from '../../../../server/intel/plays.ts';
import { dealAtRiskItems, dormantItem, reviewSignalItems, stageMovedItems, statusSuggestionItems } from '../../../../server/intel/review.ts';
import { DEFAULT_SETTINGS } from '../../../../server/intel/settings.ts';

const NOW = new Date('2026-11-23T09:00:00.000Z');
const HOUR = 3_600_000;
const at = (hoursAgo: number) => new Date(NOW.getTime() - hoursAgo * HOUR).toISOString();

/** Whom the library's plays reach by role: none of these may be an addressed play's `who`. */
const BARE_ROLES = new Set([...Object.values(DEFAULT_PLAYS).map((p) => p.who.toLowerCase()), 'visitor', 'trial user']);
const ROLE_OF_WORDS = new Map(Object.entries(ROLE_WORDS).map(([role, words]) => [words, role]));

const PAGES = ['pricing', 'demo', 'trial', 'docs', 'blog'] as const;
const ROLES = [...BuyingRole.options, null] as const;

const personArb = (i: number) =>
  fc.record({
    role: fc.constantFrom(...ROLES),
    touchedHoursAgo: fc.option(fc.integer({ min: 1, max: 2_000 }), { nil: null }),
    title: fc.option(fc.constantFrom('VP Finance', 'Head of Data', 'Analyst'), { nil: null }),
  }).map(({ role, touchedHoursAgo, title }): PersonFact => ({
    id: `ct_${i}`,
    name: `Person ${i}`,
    title,
    buyingRole: role,
    lastTouchAt: touchedHoursAgo === null ? null : at(touchedHoursAgo),
    lastTouchType: touchedHoursAgo === null ? null : 'email',
    lastTouchBy: null,
  }));

/** An event of any kind, perhaps by one of the contacts (by index; resolved once the contacts are known). */
const eventArb = fc.record({
  who: fc.option(fc.integer({ min: 0, max: 5 }), { nil: null }),
  hoursAgo: fc.integer({ min: -48, max: 24 * 60 }),
  data: fc.oneof(
    fc.constantFrom(...PAGES).map((pageType): EventData => ({ kind: 'web_visit', data: { url: 'https://our.example/x', pageType } })),
    fc.integer({ min: 40, max: 100 }).map((score): EventData => ({ kind: 'intent', data: { topic: 'ETL', score, week: '2026-11-16' } })),
    fc.constant<EventData>({ kind: 'funding', data: { round: 'Series B', amountUsd: 30_000_000 } }),
    fc.option(fc.constant('Pat Lee'), { nil: undefined }).map((name): EventData => ({ kind: 'exec_hire', data: { title: 'VP Sales', ...(name ? { name } : {}) } })),
    fc.constant<EventData>({ kind: 'departure', data: { title: 'Head of Data' } }),
    fc.constant<EventData>({ kind: 'acquisition', data: { target: 'Smallco' } }),
    fc.constant<EventData>({ kind: 'news', data: { headline: 'Opens an office', url: 'https://news.example/a' } }),
    fc.constantFrom('email', 'linkedin', 'other').map((channel): EventData => ({ kind: 'reply', data: { channel: channel as 'email' } })),
    fc.constant<EventData>({ kind: 'meeting_request', data: {} }),
  ),
});

const dealArb = (i: number) =>
  fc.record({
    stage: fc.constantFrom('discovery', 'proposal', 'negotiation', 'closed_won', 'closed_lost'),
    idleDays: fc.integer({ min: 0, max: 120 }),
    closeInDays: fc.option(fc.integer({ min: -60, max: 90 }), { nil: null }),
    nextStep: fc.option(fc.constant('Call back'), { nil: null }),
    competitor: fc.option(fc.constant('RivalSignals'), { nil: null }),
  }).map((d): DealFact => ({
    id: `deal_${i}`,
    name: `Deal ${i}`,
    stage: d.stage,
    amount: 10_000 * (i + 1),
    currency: 'EUR',
    closeDate: d.closeInDays === null ? null : at(-d.closeInDays * 24).slice(0, 10),
    forecastCategory: 'pipeline',
    nextStep: d.nextStep,
    competitor: d.competitor,
    owner: null,
    stageChangedAt: at(d.idleDays * 24),
    createdAt: at(24 * 200),
  }));

const accountArb = fc
  .record({
    people: fc.integer({ min: 0, max: 6 }).chain((n) => fc.tuple(...Array.from({ length: n }, (_, i) => personArb(i)))),
    events: fc.array(eventArb, { maxLength: 25 }),
    deals: fc.integer({ min: 0, max: 2 }).chain((n) => fc.tuple(...Array.from({ length: n }, (_, i) => dealArb(i)))),
    lastTouchHoursAgo: fc.option(fc.integer({ min: 1, max: 24 * 60 }), { nil: null }),
    tier: fc.constantFrom(1, 2, 3, null),
    owned: fc.boolean(),
    /** The person on screen (by index) and whether their page shows another employer. */
    focus: fc.option(fc.integer({ min: 0, max: 5 }), { nil: null }),
    jobChange: fc.boolean(),
  })
  .map((a) => {
    const contacts = a.people as PersonFact[];
    const events = a.events
      .map((e): EventFact => {
        const contactId = e.who !== null && contacts[e.who] ? contacts[e.who]!.id : null;
        const data = e.data.kind === 'departure' && contactId ? { ...e.data, data: { ...e.data.data, contactId } } : e.data;
        return { ...data, occurredAt: at(e.hoursAgo), contactId, source: 'generated' } as EventFact;
      })
      .sort((x, y) => (x.occurredAt < y.occurredAt ? 1 : -1));
    const lastTouchAt = a.lastTouchHoursAgo === null ? null : at(a.lastTouchHoursAgo);
    const record: AccountRecord = {
      id: 'acc_gen',
      name: 'Northwind',
      tier: a.tier,
      stage: 'engaged',
      territory: null,
      industry: null,
      employees: null,
      location: null,
      country: null,
      stageSetBy: 'u_ana',
      tierSetBy: null,
      revenue: null,
      funding: null,
      description: null,
      fieldSources: {},
      owner: a.owned ? { id: 'u_ana', name: 'Ana Lind' } : null,
      lastTouch: lastTouchAt ? { at: lastTouchAt, type: 'email', by: 'Ana Lind' } : null,
      domains: ['northwind.example'],
      history: [{ kind: 'stage', from: 'awareness', to: 'engaged', at: at(30), by: 'u_ana', reason: null }],
      activityCounts: {},
      facts: { accountId: 'acc_gen', accountName: 'Northwind', focusContactId: null, events, technologies: [], deals: a.deals as DealFact[], dealChanges: [], activities: [], contacts, lastTouchAt, lastTouchType: lastTouchAt ? 'email' : null },
    };
    const focus = a.focus !== null ? contacts[a.focus] : undefined;
    return { record, focus, jobChange: a.jobChange };
  });

const contactRecordOf = (p: PersonFact): ContactRecord => ({
  id: p.id,
  accountId: 'acc_gen',
  name: p.name,
  title: p.title,
  seniority: null,
  department: null,
  location: null,
  buyingRole: p.buyingRole,
  linkedinSlug: null,
  tenureStart: null,
  pastEmployers: [],
  phones: [],
  fieldSources: {},
  lastTouch: null,
  emails: [],
  activityCounts: {},
});

/** The problems with one action, if any; `unreachable` are contacts no play may go to (departed, moved). */
function problemsOf(play: Play, where: string, record: AccountRecord, unreachable: ReadonlySet<string>): string[] {
  const out: string[] = [];
  const target = play.target;
  if (!target) return [`${where}: no target`];
  if (BARE_ROLES.has(play.who.trim().toLowerCase())) out.push(`${where}: names the bare role "${play.who}"`);
  if (play.text.includes('{who}')) out.push(`${where}: placeholder left in "${play.text}"`);
  if (target.kind === 'contact') {
    if (!record.facts.contacts.some((c) => c.id === target.contactId)) out.push(`${where}: ${target.contactId} is not a contact of the account`);
    if (unreachable.has(target.contactId)) out.push(`${where}: addressed to ${target.contactId}, who is no longer there`);
  }
  if (target.kind === 'find') {
    if (!target.how.trim()) out.push(`${where}: nothing says how to find the ${target.role}`);
    const role = ROLE_OF_WORDS.get(target.role);
    const holder = role && record.facts.contacts.find((c) => c.buyingRole === role && !unreachable.has(c.id));
    if (holder) out.push(`${where}: says to find a ${target.role} while ${holder.name} is one`);
  }
  return out;
}

/** Contacts a departure event names (as the rules read them: any departure in the read window). */
const departed = (record: AccountRecord) =>
  new Set(record.facts.events.flatMap((e) => (e.kind === 'departure' ? [e.data.contactId ?? e.contactId ?? ''] : [])).filter(Boolean));

describe('every action names someone a rep can reach (generated accounts)', () => {
  it('the brief’s next step, the digest’s lines and tasks and the review queue never name a bare role, an absent contact, or a role to find that someone holds', () => {
    let seen = 0;
    let finds = 0;
    let contacts = 0;
    fc.assert(
      fc.property(accountArb, ({ record, focus, jobChange }) => {
        const intel: AccountIntel = accountIntelOf(record, DEFAULT_SETTINGS, NOW);
        const gone = departed(record);
        const problems: string[] = [];
        const check = (play: Play, where: string, unreachable: ReadonlySet<string> = gone) => {
          seen++;
          if (play.target?.kind === 'find') finds++;
          if (play.target?.kind === 'contact') contacts++;
          problems.push(...problemsOf(play, where, record, unreachable));
        };

        const contact = focus ? contactRecordOf(focus) : null;
        const moved = contact && jobChange;
        const brief = briefOf(
          { contact, intel, settings: DEFAULT_SETTINGS },
          { match: { accountId: record.id, method: 'record', confidence: 1, explanation: 'generated' }, ...(moved ? { page: { company: 'Elsewhere Systems' } } : {}) },
          NOW,
        );
        const unreachableInBrief = moved ? new Set([...gone, contact.id]) : gone;
        // The move itself is about the person who moved (congratulate them at the new door), even one a departure names.
        const allButMover = moved ? new Set([...gone].filter((id) => id !== contact.id)) : gone;
        if (brief.nextBestAction) {
          const step = brief.nextBestAction;
          check(step.action, 'next step', moved ? allButMover : unreachableInBrief);
          if (step.about.kind === 'someone-else') expect(step.about.contactId).not.toBe(contact?.id);
        }
        for (const s of brief.signals as Signal[]) {
          // The job change's own play is about the person who moved; every other play of the old account is not.
          check(s.action, `brief signal ${s.kind}`, s.kind === 'job_change' ? allButMover : unreachableInBrief);
        }

        const digest = digestOf([intel], new Map(), DEFAULT_SETTINGS, at(24 * 7), NOW);
        for (const line of digest.lines) check(line.action, `digest line ${line.kind}`);
        for (const task of digest.tasks) check(task.action, 'digest task');

        const review = [
          dormantItem(intel, DEFAULT_SETTINGS, NOW),
          ...reviewSignalItems(intel, DEFAULT_SETTINGS),
          ...stageMovedItems(intel, DEFAULT_SETTINGS, NOW),
          ...dealAtRiskItems(intel, DEFAULT_SETTINGS),
          ...statusSuggestionItems(intel, DEFAULT_SETTINGS, NOW),
        ];
        for (const item of review) if (item) check(item.suggestedAction, `review ${item.kind}`);
        expect(problems).toEqual([]);
      }),
      { numRuns: 400, seed: 20261123 },
    );
    // The generator must reach what the property speaks about: named people and people to find.
    expect(seen).toBeGreaterThan(1_000);
    expect(finds).toBeGreaterThan(50);
    expect(contacts).toBeGreaterThan(50);
  });
});
