/**
 * What the intent, web-visit and company-event webhooks accept. The stored `data` shapes (`IntentData`,
 * `WebVisitData`, `PageType`) are the shared ones in `shared/events.ts`; these schemas add what a
 * delivery carries around them (the domain, the time, an optional visitor) and normalise it, so
 * validation and normalisation happen once, before anything is written.
 */
import { z } from 'zod';
import { AcquisitionData, DepartureData, ExecHireData, FundingData, IntentData, NewsData, PageType } from '../../shared/events.ts';
import { normalizeDomain, normalizeEmail, normalizeLinkedInSlug } from '../identity/normalize.ts';

export const MAX_EVENTS_PER_DELIVERY = 1000;

/** A domain as `account_domains` stores it; a lookalike or a non-domain is refused, never cleaned. */
const Domain = z
  .string()
  .max(300)
  .transform((value, ctx) => {
    const normalized = normalizeDomain(value);
    if (normalized.ok) return normalized.value;
    ctx.addIssue({ code: 'custom', message: normalized.reason });
    return z.NEVER;
  });

/**
 * A calendar date, moved to its week's Monday (the convention `IntentData.week` documents), so two
 * vendors that date a week differently still meet on one natural key.
 */
const Week = z.iso.date().transform((value) => mondayOf(value));

/** `2026-11-25` (a Wednesday) → `2026-11-23`. */
export function mondayOf(date: string): string {
  const day = new Date(`${date}T00:00:00.000Z`);
  const sinceMonday = (day.getUTCDay() + 6) % 7;
  return new Date(day.getTime() - sinceMonday * 86_400_000).toISOString().slice(0, 10);
}

/**
 * Only the page is kept: query strings and fragments carry campaign ids and, too often, the
 * visitor's email address, and they would split one page into many natural keys.
 */
const PageUrl = z
  .url({ protocol: /^https?$/ })
  .max(2048)
  .transform((value) => {
    const url = new URL(value);
    return `${url.origin}${url.pathname}`;
  });

const VisitorEmail = z
  .string()
  .max(320)
  .transform((value, ctx) => {
    const normalized = normalizeEmail(value);
    if (normalized.ok) return normalized.value;
    ctx.addIssue({ code: 'custom', message: normalized.reason });
    return z.NEVER;
  });

export const IntentEvent = z.strictObject({
  domain: Domain,
  topic: IntentData.shape.topic,
  score: IntentData.shape.score,
  week: Week,
});
export type IntentEvent = z.output<typeof IntentEvent>;

export const WebVisitEvent = z.strictObject({
  domain: Domain,
  url: PageUrl,
  pageType: PageType,
  occurredAt: z.iso.datetime({ offset: true }).transform((value) => new Date(value).toISOString()),
  /** Used only to link the visit to a known contact; the address itself is not stored. */
  visitorEmail: VisitorEmail.optional(),
});
export type WebVisitEvent = z.output<typeof WebVisitEvent>;

const LinkedInSlug = z
  .string()
  .max(2048)
  .transform((value, ctx) => {
    const normalized = normalizeLinkedInSlug(value);
    if (normalized.ok) return normalized.value;
    ctx.addIssue({ code: 'custom', message: normalized.reason });
    return z.NEVER;
  });

/**
 * Whom an executive hire or a departure is about, to link it to one of the account's contacts
 * (server/ingest/event-people.ts). Used to link only: none of it is stored.
 */
export const EventPerson = z.strictObject({
  crmId: z.string().trim().min(1).max(200).optional(),
  email: VisitorEmail.optional(),
  linkedinUrl: LinkedInSlug.optional(),
  name: z.string().trim().min(1).max(200).optional(),
});
export type EventPerson = z.output<typeof EventPerson>;

const occurredAt = z.iso.datetime({ offset: true }).transform((value) => new Date(value).toISOString());
/** The vendor's own id for the event: what makes a re-sent event the same row (never the person's name). */
const eventId = z.string().trim().min(1).max(200);
const company = { eventId, domain: Domain, occurredAt };

/** A company event: its `data` fits the shared shape of its kind; hires and departures may name the person. */
export const CompanyEvent = z.discriminatedUnion('kind', [
  z.strictObject({ ...company, kind: z.literal('funding'), data: FundingData }),
  z.strictObject({ ...company, kind: z.literal('exec_hire'), data: ExecHireData, person: EventPerson.optional() }),
  z.strictObject({ ...company, kind: z.literal('departure'), data: DepartureData.omit({ contactId: true }), person: EventPerson.optional() }),
  z.strictObject({ ...company, kind: z.literal('acquisition'), data: AcquisitionData }),
  z.strictObject({ ...company, kind: z.literal('news'), data: NewsData }),
]);
export type CompanyEvent = z.output<typeof CompanyEvent>;

const deliveryOf = <E extends z.ZodType>(event: E) =>
  z.strictObject({
    /** The vendor's id for this batch: a re-delivery carries the same one. */
    deliveryId: z.string().trim().min(1).max(200),
    events: z.array(event).max(MAX_EVENTS_PER_DELIVERY),
  });

export const IntentDelivery = deliveryOf(IntentEvent);
export type IntentDelivery = z.output<typeof IntentDelivery>;
export const WebVisitDelivery = deliveryOf(WebVisitEvent);
export type WebVisitDelivery = z.output<typeof WebVisitDelivery>;
export const CompanyEventDelivery = deliveryOf(CompanyEvent);
export type CompanyEventDelivery = z.output<typeof CompanyEventDelivery>;
