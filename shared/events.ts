/**
 * Raw event shapes: what the `events` table holds in its JSON `data` column, by `kind`.
 * Imports, webhooks and the demo seed validate with these before writing; the brief reads them
 * back with `parseEventData`, which ignores kinds it does not know (a newer importer may write
 * kinds an older server has no rules for) and rows that do not fit.
 *
 * @example
 * parseEventData('web_visit', '{"url":"https://acme.com/pricing","pageType":"pricing"}')
 * // { kind: 'web_visit', data: { url: 'https://acme.com/pricing', pageType: 'pricing' } }
 */
import { z } from 'zod';

const text = (max: number) => z.string().trim().min(1).max(max);

export const PageType = z.enum(['pricing', 'demo', 'trial', 'docs', 'blog', 'product', 'careers', 'other']);
export type PageType = z.infer<typeof PageType>;

/** A visit to our own site or product (first-party intent). */
export const WebVisitData = z.strictObject({ url: text(2048), pageType: PageType });
/** A third-party intent vendor's topic score for one week (the week's Monday). */
export const IntentData = z.strictObject({
  topic: text(200),
  score: z.number().min(0).max(100),
  week: z.string().regex(/^\d{4}-\d{2}-\d{2}$/),
});
export const FundingData = z.strictObject({ round: text(100), amountUsd: z.number().nonnegative().optional() });
export const ExecHireData = z.strictObject({ name: text(200).optional(), title: text(200) });
/** Someone left the account; `contactId` when we know them (a champion leaving is a trigger). */
export const DepartureData = z.strictObject({ contactId: text(64).optional(), name: text(200).optional(), title: text(200) });
/** The account acquired someone (`target`) or was acquired (`acquirer`). */
export const AcquisitionData = z
  .strictObject({ acquirer: text(200).optional(), target: text(200).optional() })
  .refine((d) => d.acquirer !== undefined || d.target !== undefined, 'name the acquirer or the target');
export const NewsData = z.strictObject({ headline: text(500), url: z.url({ protocol: /^https?$/ }).max(2048) });
/** A prospect answered our outreach (from mail sync or a sequencing tool's webhook). */
export const ReplyData = z.strictObject({ channel: z.enum(['email', 'linkedin', 'other']), subject: text(500).optional() });
/** A prospect asked for a meeting (a booking link, an inbound form). */
export const MeetingRequestData = z.strictObject({ title: text(500).optional(), start: z.iso.datetime({ offset: true }).optional() });

export const EVENT_DATA = {
  web_visit: WebVisitData,
  intent: IntentData,
  funding: FundingData,
  exec_hire: ExecHireData,
  departure: DepartureData,
  acquisition: AcquisitionData,
  news: NewsData,
  reply: ReplyData,
  meeting_request: MeetingRequestData,
} as const;

export type EventKind = keyof typeof EVENT_DATA;
export const EventKind = z.enum(Object.keys(EVENT_DATA) as [EventKind, ...EventKind[]]);

export type EventData = { [K in EventKind]: { kind: K; data: z.infer<(typeof EVENT_DATA)[K]> } }[EventKind];

export const isEventKind = (kind: string): kind is EventKind => Object.hasOwn(EVENT_DATA, kind);

/**
 * The typed data of a stored event, or null for an unknown kind or data that does not fit its
 * kind (never an exception: one bad row must not break a brief).
 */
export function parseEventData(kind: string, json: string | unknown): EventData | null {
  if (!isEventKind(kind)) return null;
  let value: unknown = json;
  if (typeof json === 'string') {
    try {
      value = JSON.parse(json);
    } catch {
      return null;
    }
  }
  const parsed = EVENT_DATA[kind].safeParse(value);
  return parsed.success ? ({ kind, data: parsed.data } as EventData) : null;
}
