/**
 * The knobs of the intelligence rules: thresholds, windows, caps and play overrides, as one
 * typed object. Admins change them (the `thresholds` setting of server/admin/settings.ts, and a
 * full override as JSON under the team's `intel` settings key);
 * the rules only ever read the merged result, so "thresholds are admin settings, not code".
 * A brief reads the last 90 days of events and activities (server/briefs), so a window set
 * longer than that sees only those 90 days.
 *
 * @example
 * const settings = settingsFrom({ intel: '{"intent":{"surgeThreshold":70}}' });
 * settings.intent.surgeThreshold; // 70
 * settings.firstParty.pricingVisits; // 3 (default)
 */
import { z } from 'zod';
import { PlayTemplate, STALE_AFTER_DAYS } from '../../shared/brief.ts';

/** Keys in the `settings` table: a full override of these settings, and the admin registry's thresholds. */
export const INTEL_SETTINGS_KEY = 'intel';
export const THRESHOLDS_SETTINGS_KEY = 'thresholds';

const days = z.number().int().min(1).max(3650);
const count = z.number().int().min(1).max(10_000);
const weight = z.number().min(0).max(1000);

export const IntelSettings = z.strictObject({
  /** Enrichment older than this is marked stale wherever it is shown. */
  staleAfterDays: days,
  firstParty: z.strictObject({
    /** The window the visit thresholds count in ("visited pricing 3 times in the last 7 days"). */
    windowDays: days,
    pricingVisits: count,
    demoVisits: count,
    trialVisits: count,
    /** Any pages together; below this, browsing (a blog visit) is not worth a rep's attention. */
    siteVisits: count,
    /** Replies and meeting requests within this many days are signals. */
    engagementDays: days,
    /** A booked meeting this many days ahead is a signal (prepare for it). */
    upcomingMeetingDays: days,
  }),
  org: z.strictObject({
    /** Funding, hires, departures, acquisitions and technology changes this recent are triggers. */
    lookbackDays: days,
  }),
  intent: z.strictObject({
    /** A topic score at or above this is a surge. */
    surgeThreshold: z.number().min(0).max(100),
    /** Only a score from a week this recent counts as current. */
    freshDays: days,
    /** A week-on-week change smaller than this is "flat". */
    trendDelta: z.number().min(0).max(100),
    /** Our topics (case-insensitive); empty means every topic the vendor sends. */
    topics: z.array(z.string().min(1)).max(500),
  }),
  deals: z.strictObject({
    /** Stage names (compared case- and separator-insensitively) that mean won or lost. */
    wonStages: z.array(z.string().min(1)).max(50),
    lostStages: z.array(z.string().min(1)).max(50),
    stalledDays: days,
    noActivityDays: days,
    /** Contacts touched within this window count as engaged (for single-threading). */
    engagedWithinDays: days,
    /** Fewer engaged contacts than this is single-threaded. */
    minEngagedContacts: count,
    /** Stage moves and close-date changes this recent are signals. */
    changeLookbackDays: days,
  }),
  review: z.strictObject({
    /** An account of these tiers with no activity for this many days goes to the review queue. */
    dormantDays: days,
    tiers: z.array(z.union([z.literal(1), z.literal(2), z.literal(3)])).min(1).max(3),
    /** A manager's queue lists the stage moves and deals at risk of this many recent days. */
    stageMovedDays: days,
  }),
  alerts: z.strictObject({
    /** Interruptions per rep per day; the rest of the day's signals wait in the digest. */
    dailyBudget: z.number().int().min(0).max(50),
  }),
  digest: z.strictObject({
    /** The most lines a digest shows (it must read in under five minutes). */
    maxLines: z.number().int().min(1).max(40),
    /** How far back the first digest looks, when there is no previous one. */
    firstLookbackDays: days,
  }),
  limits: z.strictObject({
    signals: count,
    stakeholders: count,
    topics: count,
  }),
  /**
   * The ideal customer profile ICP fit is scored against (server/intel/scores-icp.ts). Each
   * criterion's weight is its share of the 100 points; a criterion with no values is not part of
   * the profile. An excluded technology in use takes `penalty` points off (100: the fit is 0).
   */
  icp: z.strictObject({
    industries: z.strictObject({ values: z.array(z.string().min(1)).max(200), weight: weight }),
    employees: z.strictObject({
      bands: z.array(z.strictObject({ min: z.number().int().min(0), max: z.number().int().min(0).nullable() })).max(20),
      weight: weight,
    }),
    /** Countries or regions, matched against the account's country and location. */
    geographies: z.strictObject({ values: z.array(z.string().min(1)).max(200), weight: weight }),
    /** Technologies in use earn their share in proportion (2 of 4 named: half the points). */
    requiredTechnologies: z.strictObject({ values: z.array(z.string().min(1)).max(200), weight: weight }),
    excludedTechnologies: z.strictObject({ values: z.array(z.string().min(1)).max(200), penalty: z.number().int().min(0).max(100) }),
  }),
  /**
   * Engagement (server/intel/scores-engagement.ts): each activity counts 1, halving every
   * `halfLifeDays`; a component earns its weight's share of 100 in proportion to its weighted
   * count up to `fullAt` (intent: the best current topic score, decayed, up to `fullAt`).
   */
  engagement: z.strictObject({
    halfLifeDays: z.number().min(0.5).max(365),
    visits: z.strictObject({ weight: weight, fullAt: z.number().positive().max(1000) }),
    pricingVisits: z.strictObject({ weight: weight, fullAt: z.number().positive().max(1000) }),
    intent: z.strictObject({ weight: weight, fullAt: z.number().positive().max(100) }),
    replies: z.strictObject({ weight: weight, fullAt: z.number().positive().max(1000) }),
    meetings: z.strictObject({ weight: weight, fullAt: z.number().positive().max(1000) }),
  }),
  /** Automatic stage and tier updates (server/intel/status.ts). */
  status: z.strictObject({
    /** A reply or meeting request this recent moves identified/awareness to engaged. */
    engagedWithinDays: days,
    /** A meeting held this recent, with another one scheduled, moves to evaluating. */
    evaluatingWithinDays: days,
    /** A current topic score at or above this counts as a surge for promotion. */
    promoteSurge: z.number().min(0).max(100),
    /** ...together with an ICP fit at or above this... */
    promoteFit: z.number().int().min(0).max(100),
    /** ...promotes the account to this tier (when it is lower or has none). */
    promoteTier: z.union([z.literal(1), z.literal(2), z.literal(3)]),
  }),
  /** Play overrides by signal or risk kind; anything absent uses the default library. */
  plays: z.record(z.string(), PlayTemplate),
  /**
   * How long an account's persisted intelligence (server/briefs/snapshot.ts) may be served
   * before it is recomputed; it also never outlives the UTC day it was computed in.
   */
  snapshotMaxAgeMinutes: z.number().int().min(1).max(1440),
  /**
   * How often each source's values should be refreshed (server/intel/freshness.ts refreshDue), by
   * the `source` written in provenance; `default` covers any source not named. Separate from
   * `staleAfterDays`: "due" tells RevOps what to re-enrich, "stale" warns the rep.
   */
  freshness: z.strictObject({
    cadenceDays: z.object({ default: days }).catchall(days),
  }),
});
export type IntelSettings = z.infer<typeof IntelSettings>;

export const DEFAULT_SETTINGS: IntelSettings = Object.freeze({
  staleAfterDays: STALE_AFTER_DAYS,
  firstParty: {
    windowDays: 7,
    pricingVisits: 3,
    demoVisits: 1,
    trialVisits: 1,
    siteVisits: 10,
    engagementDays: 7,
    upcomingMeetingDays: 14,
  },
  org: { lookbackDays: 90 },
  intent: { surgeThreshold: 60, freshDays: 14, trendDelta: 5, topics: [] },
  deals: {
    wonStages: ['closed_won', 'won'],
    lostStages: ['closed_lost', 'lost'],
    stalledDays: 30,
    noActivityDays: 14,
    engagedWithinDays: 90,
    minEngagedContacts: 2,
    changeLookbackDays: 30,
  },
  review: { dormantDays: 14, tiers: [1], stageMovedDays: 7 },
  alerts: { dailyBudget: 3 },
  digest: { maxLines: 12, firstLookbackDays: 1 },
  limits: { signals: 10, stakeholders: 12, topics: 10 },
  icp: {
    industries: { values: [], weight: 30 },
    employees: { bands: [], weight: 25 },
    geographies: { values: [], weight: 20 },
    requiredTechnologies: { values: [], weight: 25 },
    excludedTechnologies: { values: [], penalty: 100 },
  },
  engagement: {
    halfLifeDays: 14,
    visits: { weight: 15, fullAt: 10 },
    pricingVisits: { weight: 25, fullAt: 3 },
    intent: { weight: 20, fullAt: 80 },
    replies: { weight: 20, fullAt: 2 },
    meetings: { weight: 20, fullAt: 2 },
  },
  status: { engagedWithinDays: 14, evaluatingWithinDays: 30, promoteSurge: 70, promoteFit: 80, promoteTier: 1 },
  plays: {},
  snapshotMaxAgeMinutes: 1440,
  // PRODUCT.md: firmographics and technographics quarterly, org news weekly, intent daily (most
  // perishable), contact data on change (the CRM is the record; a monthly check catches drift).
  freshness: {
    cadenceDays: {
      default: 90,
      enrichment: 90,
      'enrichment-vendor': 90,
      firmographics: 90,
      technographics: 90,
      intent: 1,
      news: 7,
      crm: 30,
      linkedin: 30,
    },
  },
}) as IntelSettings;

type Plain = Record<string, unknown>;
const isPlain = (v: unknown): v is Plain => typeof v === 'object' && v !== null && !Array.isArray(v);

/**
 * Overrides merged onto defaults, object by object; arrays and values replace. Keys are an admin's
 * (JSON from a request), so they are read and written as own keys only: `constructor` finds no
 * inherited default, and a `__proto__` key stays a key (then refused as unknown) instead of
 * replacing the merged object's prototype.
 */
function merge(base: unknown, override: unknown): unknown {
  if (!isPlain(base) || !isPlain(override)) return override === undefined ? base : override;
  const out: Plain = { ...base };
  for (const [key, value] of Object.entries(override)) {
    const merged = merge(Object.hasOwn(base, key) ? base[key] : undefined, value);
    Object.defineProperty(out, key, { value: merged, enumerable: true, writable: true, configurable: true });
  }
  return out;
}

/** Checks an admin's partial override before it is stored; returns the merged settings or the errors. */
export function validateOverrides(overrides: unknown): z.ZodSafeParseResult<IntelSettings> {
  return IntelSettings.safeParse(merge(DEFAULT_SETTINGS, overrides));
}

/**
 * The admin settings registry's `thresholds` setting (server/admin/settings.ts: pricing visits and
 * their window, the intent surge score, the stale age). Its schema and default live here, below
 * admin/, because the rules read it: admin/ imports them, and nothing here reaches up to admin/.
 */
export const ThresholdsSetting = z.strictObject({
  pricingVisits: z.number().int().min(1).max(100),
  pricingWindowDays: z.number().int().min(1).max(90),
  intentSurge: z.number().min(0).max(100),
  staleAfterDays: days,
});
export const DEFAULT_THRESHOLDS: z.infer<typeof ThresholdsSetting> = { pricingVisits: 3, pricingWindowDays: 7, intentSurge: 60, staleAfterDays: STALE_AFTER_DAYS };

/** The admin's `thresholds` as an override of these settings. */
function thresholdsOverride(thresholds: unknown): Record<string, unknown> {
  const parsed = ThresholdsSetting.safeParse(thresholds);
  if (!parsed.success) return {};
  const t = parsed.data;
  return {
    staleAfterDays: t.staleAfterDays,
    firstParty: { pricingVisits: t.pricingVisits, windowDays: t.pricingWindowDays },
    intent: { surgeThreshold: t.intentSurge },
  };
}

const parseJson = (text: string | null | undefined): unknown => {
  if (!text) return undefined;
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return undefined;
  }
};

// Parsing the same stored JSON for every brief is wasted work; the result depends only on the text.
const parsedCache = new Map<string, IntelSettings>();

/**
 * A team's settings from what is stored: the full `intel` override (plays, windows) and the
 * admin's `thresholds`, which win where both speak. An override that no longer validates (an
 * older server wrote it) falls back to the defaults rather than breaking every brief.
 */
export function settingsFrom(stored: { intel?: string | null; thresholds?: string | null } = {}): IntelSettings {
  const { intel, thresholds } = stored;
  if (!intel && !thresholds) return DEFAULT_SETTINGS;
  const cacheKey = `${intel ?? ''}\u0000${thresholds ?? ''}`;
  const cached = parsedCache.get(cacheKey);
  if (cached) return cached;
  const fromIntel = validateOverrides(parseJson(intel) ?? {});
  const base = fromIntel.success ? fromIntel.data : DEFAULT_SETTINGS;
  const withThresholds = IntelSettings.safeParse(merge(base, thresholdsOverride(parseJson(thresholds))));
  const result = withThresholds.success ? withThresholds.data : base;
  if (parsedCache.size >= 256) parsedCache.clear();
  parsedCache.set(cacheKey, result);
  return result;
}
