/**
 * Identity refs: what a host page yields about the person or meeting on screen.
 * The extension sends only these to the server, never page content.
 *
 * @example
 * IdentityRef.parse({ kind: 'linkedin', profileUrl: 'https://www.linkedin.com/in/jane-doe/' })
 */
import { z } from 'zod';

const text = (max: number) => z.string().trim().min(1).max(max);

export const LinkedInRef = z.strictObject({
  kind: z.literal('linkedin'),
  profileUrl: z.string().trim().min(1).max(2048),
  name: text(200).optional(),
  headline: text(500).optional(),
  company: text(200).optional(),
  title: text(200).optional(),
  /** Current role start as shown on the page, `YYYY-MM`. */
  since: z.string().regex(/^\d{4}-\d{2}$/).optional(),
});
export type LinkedInRef = z.infer<typeof LinkedInRef>;

export const EmailRef = z.strictObject({
  kind: z.literal('email'),
  address: z.string().trim().min(3).max(320),
  name: text(200).optional(),
});
export type EmailRef = z.infer<typeof EmailRef>;

export const EventRef = z.strictObject({
  kind: z.literal('event'),
  eventId: text(1024),
  title: z.string().max(1000),
  start: z.iso.datetime({ offset: true }),
  end: z.iso.datetime({ offset: true }).optional(),
  attendees: z.array(EmailRef).max(200),
  conference: z
    .strictObject({
      provider: z.enum(['meet', 'zoom', 'teams', 'webex', 'gotomeeting', 'other']),
      url: z.url({ protocol: /^https?$/ }).max(2048),
      meetingId: z.string().max(200),
    })
    .optional(),
});
export type EventRef = z.infer<typeof EventRef>;

/** A name and company seen together; only ever yields suggestions. */
export const NameRef = z.strictObject({
  kind: z.literal('name'),
  name: text(200),
  company: text(200).optional(),
});
export type NameRef = z.infer<typeof NameRef>;

/** A company domain (from an email signature, a website field, a calendar guest). */
export const DomainRef = z.strictObject({
  kind: z.literal('domain'),
  domain: text(253),
});
export type DomainRef = z.infer<typeof DomainRef>;

export const IdentityRef = z.discriminatedUnion('kind', [LinkedInRef, EmailRef, EventRef, NameRef, DomainRef]);
export type IdentityRef = z.infer<typeof IdentityRef>;

/** A ref to a record the client already knows by id (from search or an earlier brief). */
export const RecordRef = z.union([
  z.strictObject({ contactId: text(64) }),
  z.strictObject({ accountId: text(64) }),
]);
export type RecordRef = z.infer<typeof RecordRef>;
