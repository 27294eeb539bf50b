/**
 * The Brief: everything a rep sees about one person or account, in one object.
 * Every enrichment value says where it came from and how old it is; `stale` is set by the server
 * (older than STALE_AFTER_DAYS) so every surface marks the same values.
 */
import { z } from 'zod';
import { Match, Suggestion } from './match.ts';
import { IdentityRef, RecordRef } from './refs.ts';

export const STALE_AFTER_DAYS = 180;

/** A value with its provenance. */
export const fieldOf = <T extends z.ZodType>(value: T) =>
  z.strictObject({
    value: value.nullable(),
    source: z.string().nullable(),
    refreshedAt: z.string().nullable(),
    stale: z.boolean(),
  });
export type Field<T> = { value: T | null; source: string | null; refreshedAt: string | null; stale: boolean };

export const Tier = z.union([z.literal(1), z.literal(2), z.literal(3)]);
export const Stage = z.enum(['identified', 'awareness', 'engaged', 'evaluating', 'negotiating', 'closed']);
export type Stage = z.infer<typeof Stage>;
export const BuyingRole = z.enum(['decision_maker', 'champion', 'influencer', 'blocker', 'user', 'other']);
export type BuyingRole = z.infer<typeof BuyingRole>;
export const ForecastCategory = z.enum(['commit', 'best_case', 'pipeline', 'omitted']);
export type ForecastCategory = z.infer<typeof ForecastCategory>;

export const PastEmployer = z.strictObject({
  company: z.string(),
  title: z.string().optional(),
  from: z.string().optional(),
  to: z.string().optional(),
});
export type PastEmployer = z.infer<typeof PastEmployer>;

export const PersonRef = z.strictObject({ id: z.string(), name: z.string() });

export const ContactView = z.strictObject({
  id: z.string(),
  name: z.string(),
  linkedinUrl: z.string().nullable(),
  emails: z.array(z.string()),
  title: fieldOf(z.string()),
  seniority: fieldOf(z.string()),
  department: fieldOf(z.string()),
  location: fieldOf(z.string()),
  buyingRole: BuyingRole.nullable(),
  /** Start of the current role, `YYYY-MM`. */
  tenureStart: fieldOf(z.string()),
  pastEmployers: fieldOf(z.array(PastEmployer)),
  /**
   * Phone numbers: E.164 (`+46701234567`) where the country was known, else as typed; with their
   * source and age like any enriched field. Always sent; optional so briefs cached by an older version still read.
   */
  phones: fieldOf(z.array(z.string().min(1).max(40))).optional(),
});
export type ContactView = z.infer<typeof ContactView>;

export const Technology = z.strictObject({
  name: z.string(),
  category: z.string().nullable(),
  competitor: z.boolean(),
  addedAt: z.string().nullable(),
  removedAt: z.string().nullable(),
  source: z.string().nullable(),
  refreshedAt: z.string().nullable(),
  stale: z.boolean(),
});
export type Technology = z.infer<typeof Technology>;

export const StatusChange = z.strictObject({
  kind: z.enum(['stage', 'tier']),
  from: z.string().nullable(),
  to: z.string(),
  at: z.string(),
  by: z.string(),
  reason: z.string().nullable(),
});
export type StatusChange = z.infer<typeof StatusChange>;

/**
 * One part of a score: what it earned out of its most. Points are whole numbers and a score is
 * exactly the sum of its components' points, so a reader can check the arithmetic; a penalty
 * (an excluded technology) is a component with negative points and a max of 0.
 */
export const ScoreComponent = z.strictObject({
  name: z.string().min(1),
  points: z.number().int(),
  max: z.number().int().min(0),
  reason: z.string().min(1),
});
export type ScoreComponent = z.infer<typeof ScoreComponent>;
export const Score = z.strictObject({ score: z.number().int().min(0).max(100), components: z.array(ScoreComponent) });
export type Score = z.infer<typeof Score>;

export const AccountView = z.strictObject({
  id: z.string(),
  name: z.string(),
  domains: z.array(z.string()),
  tier: Tier.nullable(),
  stage: Stage,
  owner: PersonRef.nullable(),
  territory: z.string().nullable(),
  industry: fieldOf(z.string()),
  employees: fieldOf(z.number()),
  location: fieldOf(z.string()),
  revenue: fieldOf(z.number()),
  funding: fieldOf(z.string()),
  description: fieldOf(z.string()),
  technologies: z.array(Technology),
  history: z.array(StatusChange),
  /** Fit with the team's ideal customer profile, 0-100, with its parts; null when the team has none set (no empty 0). */
  icpFit: Score.nullable(),
  /** Recency-weighted first-party activity, intent, replies and meetings, 0-100, with its parts. */
  engagement: Score,
});
export type AccountView = z.infer<typeof AccountView>;

/** Priority classes by the product's hierarchy: lower is more urgent; 4 goes to the review queue. */
export const PriorityClass = z.union([z.literal(1), z.literal(2), z.literal(3), z.literal(4)]);
export type PriorityClass = z.infer<typeof PriorityClass>;
export { PRIORITY_LABELS } from './priority.ts';

/**
 * A play as the library and an admin's override write it: what to do, on which channel, and
 * whom to reach by role ("Champion", "Economic buyer", "Account owner"). `{who}` in the text is
 * replaced by the person once the play is addressed (server/intel/address.ts).
 */
export const PlayTemplate = z.strictObject({
  text: z.string().min(1),
  channel: z.enum(['call', 'email', 'linkedin', 'meeting', 'task']),
  who: z.string().min(1),
});
export type PlayTemplate = z.infer<typeof PlayTemplate>;

/**
 * Whom an addressed play goes to, resolved against the CRM: a contact of the account (the panel
 * links to their brief), how to find someone nobody in the CRM is (naming whom to ask when the
 * CRM has anyone), or the rep's own work (review, update the CRM) for the account's owner.
 */
export const PlayTarget = z.discriminatedUnion('kind', [
  z.strictObject({
    kind: z.literal('contact'),
    contactId: z.string(),
    name: z.string(),
    role: BuyingRole.nullable(),
    title: z.string().nullable(),
  }),
  z.strictObject({
    kind: z.literal('find'),
    /** The role or person to find, in words ("champion", "the new VP Data Platforms"). */
    role: z.string().min(1),
    /** A concrete step: whom to ask or where to look. */
    how: z.string().min(1),
  }),
  z.strictObject({ kind: z.literal('owner'), userId: z.string().nullable(), name: z.string().nullable() }),
]);
export type PlayTarget = z.infer<typeof PlayTarget>;

/**
 * A recommended action: `who` is the person's name (or "Find a champion", or the owner) as a line
 * shows it, `target` the same in structure. The server always sends `target`; optional so digests
 * stored and briefs cached by an older version still read.
 */
export const Play = PlayTemplate.extend({ target: PlayTarget.optional() });
export type Play = z.infer<typeof Play>;

export const Signal = z.strictObject({
  kind: z.string(),
  priority: PriorityClass,
  reason: z.string().min(1),
  action: Play,
  occurredAt: z.string(),
  /**
   * When we learned of it (its import or delivery), never before `occurredAt`: a weekly intent
   * score is dated its week's Monday but may arrive on the Thursday. The digest follows it. The
   * server always sends it; optional so briefs an older version cached in the extension still read.
   */
  knownAt: z.string().optional(),
  accountId: z.string(),
  contactId: z.string().nullable(),
});
export type Signal = z.infer<typeof Signal>;

export const IntentTopic = z.strictObject({
  topic: z.string(),
  score: z.number(),
  trend: z.enum(['new', 'up', 'down', 'flat']),
  week: z.string(),
});
export const Intent = z.strictObject({
  topics: z.array(IntentTopic),
  firstParty: z.strictObject({
    visits7d: z.number().int(),
    visits30d: z.number().int(),
    pricing7d: z.number().int(),
    pricing30d: z.number().int(),
    lastVisitAt: z.string().nullable(),
  }),
});
export type Intent = z.infer<typeof Intent>;

export const Touch = z.strictObject({ at: z.string(), type: z.string(), by: z.string().nullable() });
export type Touch = z.infer<typeof Touch>;

export const Relationship = z.strictObject({
  lastTouch: Touch.nullable(),
  meetings: z.number().int(),
  emails: z.number().int(),
  dealsWon: z.number().int(),
  dealsLost: z.number().int(),
});
export type Relationship = z.infer<typeof Relationship>;

export const DealRisk = z.strictObject({ kind: z.string(), reason: z.string() });
export type DealRisk = z.infer<typeof DealRisk>;

export const DealView = z.strictObject({
  id: z.string(),
  name: z.string(),
  stage: z.string(),
  amount: z.number().nullable(),
  currency: z.string(),
  closeDate: z.string().nullable(),
  forecastCategory: ForecastCategory,
  nextStep: z.string().nullable(),
  owner: PersonRef.nullable(),
  risks: z.array(DealRisk),
});
export type DealView = z.infer<typeof DealView>;

export const Stakeholder = z.strictObject({
  contactId: z.string(),
  name: z.string(),
  title: z.string().nullable(),
  role: BuyingRole.nullable(),
  lastTouch: Touch.nullable(),
  /** Their phone numbers, when the CRM has any: the panel offers a call to whoever the next step is about. */
  phones: z.array(z.string().min(1).max(40)).optional(),
});
export type Stakeholder = z.infer<typeof Stakeholder>;

/**
 * Whom the next step is about, relative to the person on screen: them; someone else at the account
 * (with who they are, for the line "Erik Holm, champion at Swedbank: …" and a link to their brief);
 * a role nobody in the CRM holds, with how to find one; or the rep's own work on the account.
 */
export const NextStepAbout = z.discriminatedUnion('kind', [
  z.strictObject({ kind: z.literal('this-person') }),
  z.strictObject({
    kind: z.literal('someone-else'),
    contactId: z.string(),
    name: z.string(),
    role: BuyingRole.nullable(),
    title: z.string().nullable(),
    /** Who they are, in words: "Erik Holm, champion at Swedbank". */
    who: z.string().min(1),
  }),
  z.strictObject({ kind: z.literal('find'), role: z.string().min(1), how: z.string().min(1) }),
  z.strictObject({ kind: z.literal('owner'), userId: z.string().nullable(), name: z.string().nullable() }),
]);
export type NextStepAbout = z.infer<typeof NextStepAbout>;

/**
 * The one next step: why now (`reason`), what to do (`action`), whom it is about (`about`). When
 * the page shows the person at another employer, `newEmployer` names it, with its account id when
 * it is an account in the CRM (the panel opens that account's brief).
 */
export const NextBestAction = z.strictObject({
  reason: z.string().min(1),
  action: Play,
  about: NextStepAbout,
  newEmployer: z.strictObject({ name: z.string().min(1), accountId: z.string().nullable() }).optional(),
});
export type NextBestAction = z.infer<typeof NextBestAction>;

export const Brief = z.strictObject({
  match: Match,
  suggestions: z.array(Suggestion),
  warnings: z.array(z.string()),
  contact: ContactView.nullable(),
  account: AccountView.nullable(),
  signals: z.array(Signal),
  intent: Intent.nullable(),
  relationship: Relationship,
  openDeals: z.array(DealView),
  stakeholders: z.array(Stakeholder),
  nextBestAction: NextBestAction.nullable(),
  generatedAt: z.string(),
});
export type Brief = z.infer<typeof Brief>;

/** What `POST /v1/briefs` takes: identity refs from a page, or records the client knows by id. */
export const BriefRef = z.union([IdentityRef, RecordRef]);
export type BriefRef = z.infer<typeof BriefRef>;
export const MAX_BRIEF_REFS = 50;
export const BriefsRequest = z.strictObject({ refs: z.array(BriefRef).min(1).max(MAX_BRIEF_REFS) });
export type BriefsRequest = z.infer<typeof BriefsRequest>;
/** One answer per ref, in the same order; null where nothing matched. */
export const BriefsResponse = z.strictObject({ briefs: z.array(Brief.nullable()) });
export type BriefsResponse = z.infer<typeof BriefsResponse>;
