import { describe, expect, it } from 'vitest';
import type { Score } from '../../../../shared/brief.ts';
import { engagementOf, recencyWeight } from '../../../../server/intel/scores-engagement.ts';
import { icpFitOf, type IcpInput } from '../../../../server/intel/scores-icp.ts';
import { sharesOf } from '../../../../server/intel/scores.ts';
import { DEFAULT_SETTINGS, validateOverrides, type IntelSettings } from '../../../../server/intel/settings.ts';
import { ago, event, intent, NOW, tech, visit } from './facts.ts';

const withOverrides = (overrides: unknown): IntelSettings => {
  const parsed = validateOverrides(overrides);
  if (!parsed.success) throw new Error(parsed.error.message);
  return parsed.data;
};

const PROFILE = withOverrides({
  icp: {
    industries: { values: ['Software', 'Logistics'], weight: 30 },
    employees: { bands: [{ min: 200, max: 5000 }], weight: 25 },
    geographies: { values: ['Germany', 'France'], weight: 20 },
    requiredTechnologies: { values: ['Snowflake', 'Salesforce'], weight: 25 },
    excludedTechnologies: { values: ['Oracle'], penalty: 100 },
  },
});

const northwind: IcpInput = {
  industry: 'Enterprise Software',
  employees: 800,
  country: 'Germany',
  location: 'Berlin',
  technologies: [tech('Snowflake'), tech('Salesforce', { removedAt: '2026-01-01' })],
};

const sum = (score: Score) => score.components.reduce((a, c) => a + c.points, 0);

describe('sharesOf', () => {
  it('splits 100 in proportion, whole numbers that add up to exactly 100', () => {
    expect(sharesOf([30, 25, 20, 25])).toEqual([30, 25, 20, 25]);
    expect(sharesOf([1, 1, 1])).toEqual([34, 33, 33]);
    expect(sharesOf([1, 0, 2])).toEqual([33, 0, 67]);
    expect(sharesOf([0, 0])).toEqual([0, 0]);
  });
});

describe('ICP fit', () => {
  it('scores each criterion of the profile with its reason, the score being their sum', () => {
    const fit = icpFitOf(northwind, PROFILE)!;
    expect(fit.components).toEqual([
      { name: 'Industry', points: 30, max: 30, reason: 'Enterprise Software is in the profile' },
      { name: 'Company size', points: 25, max: 25, reason: '800 employees, in the 200-5000 band' },
      { name: 'Geography', points: 20, max: 20, reason: 'Berlin, Germany is in Germany' },
      // Salesforce was removed, so only one of the two required is in use: half of 25, rounded.
      { name: 'Required technologies', points: 13, max: 25, reason: 'Uses 1 of 2 required (Snowflake); missing Salesforce' },
    ]);
    expect(fit.score).toBe(88);
    expect(sum(fit)).toBe(fit.score);
  });

  it('an excluded technology in use zeroes the fit and says why', () => {
    const fit = icpFitOf({ ...northwind, technologies: [...northwind.technologies, tech('oracle')] }, PROFILE)!;
    expect(fit.score).toBe(0);
    expect(fit.components.at(-1)).toEqual({ name: 'Excluded technologies', points: -88, max: 0, reason: 'Uses oracle, which the profile excludes: fit set to 0' });
    expect(sum(fit)).toBe(0);
  });

  it('a smaller penalty takes only its points off', () => {
    const settings = withOverrides({ ...PROFILE, icp: { ...PROFILE.icp, excludedTechnologies: { values: ['Oracle'], penalty: 40 } } });
    const fit = icpFitOf({ ...northwind, technologies: [tech('Oracle')] }, settings)!;
    expect(fit.components.at(-1)).toMatchObject({ points: -40, reason: 'Uses Oracle, which the profile excludes: 40 points off' });
    expect(fit.score).toBe(75 - 40);
    expect(sum(fit)).toBe(fit.score);
  });

  it('unknown data earns nothing and says it is unknown', () => {
    const fit = icpFitOf({ industry: null, employees: null, country: null, location: null, technologies: [] }, PROFILE)!;
    expect(fit.score).toBe(0);
    expect(fit.components.map((c) => c.reason)).toEqual(['Industry unknown', 'Employee count unknown', 'Location unknown', 'Uses 0 of 2 required; missing Snowflake, Salesforce']);
  });

  it('criteria the profile leaves empty take no share; with no profile at all there is no fit score (absent, not an empty 0)', () => {
    const onlyIndustry = withOverrides({ icp: { industries: { values: ['Software'], weight: 5 } } });
    expect(icpFitOf(northwind, onlyIndustry)).toEqual({ score: 100, components: [{ name: 'Industry', points: 100, max: 100, reason: 'Enterprise Software is in the profile' }] });
    expect(icpFitOf(northwind, DEFAULT_SETTINGS)).toBeNull();
    // An excluded technology alone is no profile either: nothing to score against.
    expect(icpFitOf(northwind, withOverrides({ icp: { excludedTechnologies: { values: ['Snowflake'], penalty: 50 } } }))).toBeNull();
  });
});

describe('engagement', () => {
  it('halves an item every half-life and ignores what has not happened yet', () => {
    expect(recencyWeight(NOW.toISOString(), NOW, 14)).toBe(1);
    expect(recencyWeight(ago(14), NOW, 14)).toBeCloseTo(0.5);
    expect(recencyWeight(ago(28), NOW, 14)).toBeCloseTo(0.25);
    expect(recencyWeight(ago(-1), NOW, 14)).toBe(0);
  });

  it('weighs visits, pricing visits, replies, meetings and intent by recency, parts adding up', () => {
    const facts = {
      events: [
        visit('pricing', 0),
        visit('pricing', 14),
        visit('blog', 1),
        event({ kind: 'reply', data: { channel: 'email' } }, 14),
        event({ kind: 'meeting_request', data: {} }, 2),
        intent('Data warehousing', 80, '2026-11-16', 0),
      ],
      activities: [
        { type: 'meeting', occurredAt: ago(-3), contactId: null, userId: null },
        { type: 'email', occurredAt: ago(1), contactId: null, userId: null },
      ],
    };
    const score = engagementOf(facts, DEFAULT_SETTINGS, NOW);
    const by = Object.fromEntries(score.components.map((c) => [c.name, c]));
    // 1 + 0.5 = 1.5 of 3 → half of 25.
    expect(by['Pricing visits']).toEqual({ name: 'Pricing visits', points: 13, max: 25, reason: '2 pricing-page visits, latest 2026-11-23 (1.5 after recency weighting; full at 3)' });
    expect(by['Site visits']!.points).toBe(Math.round((0.5 ** (1 / 14) / 10) * 15));
    expect(by['Replies']).toMatchObject({ points: 5, max: 20 });
    // The request 2 days ago counts; the meeting in 3 days has not happened.
    expect(by['Meetings']!.reason).toMatch(/^1 meeting held or requested, latest 2026-11-21/);
    expect(by['Intent']).toEqual({ name: 'Intent', points: 20, max: 20, reason: 'Data warehousing 80 in the week of 2026-11-16 (80 after recency weighting; full at 80)' });
    expect(sum(score)).toBe(score.score);
  });

  it('nothing recorded is 0 with a reason for each part', () => {
    const score = engagementOf({ events: [], activities: [] }, DEFAULT_SETTINGS, NOW);
    expect(score.score).toBe(0);
    expect(score.components.map((c) => c.reason)).toEqual(['No visits recorded', 'No pricing-page visits recorded', 'No replies recorded', 'No meetings held or requested recorded', 'No intent topic scores recorded']);
    expect(score.components.reduce((a, c) => a + c.max, 0)).toBe(100);
  });
});
