/**
 * A match: which CRM record an identity ref points at, how, and how sure we are.
 * `name_company` is never a link by itself: it arrives as a suggestion the rep confirms.
 */
import { z } from 'zod';
import { IdentityRef } from './refs.ts';

/** `record`: the client asked for a contact or account by id (from search or an earlier brief). */
export const MatchMethod = z.enum(['linkedin_url', 'email', 'alias', 'domain', 'name_company', 'record']);
export type MatchMethod = z.infer<typeof MatchMethod>;

export const Match = z.strictObject({
  contactId: z.string().optional(),
  accountId: z.string().optional(),
  method: MatchMethod,
  /** 0..1; 1 for an exact key, lower for inferred links. */
  confidence: z.number().min(0).max(1),
  /** One line a rep can read: "LinkedIn URL in CRM". */
  explanation: z.string(),
});
export type Match = z.infer<typeof Match>;

export const Suggestion = z.strictObject({
  contactId: z.string(),
  accountId: z.string().optional(),
  name: z.string(),
  title: z.string().optional(),
  accountName: z.string().optional(),
  confidence: z.number().min(0).max(1),
  explanation: z.string(),
});
export type Suggestion = z.infer<typeof Suggestion>;

/** An event attendee's answer: a Resolution without attendees of its own. */
export const AttendeeResolution = z.strictObject({
  match: Match.nullable(),
  suggestions: z.array(Suggestion),
  warnings: z.array(z.string()),
});
export type AttendeeResolution = z.infer<typeof AttendeeResolution>;

/** The answer for one ref: the best link (if any), suggestions, and warnings such as lookalike characters. */
export const Resolution = z.strictObject({
  match: Match.nullable(),
  suggestions: z.array(Suggestion),
  warnings: z.array(z.string()),
  /** Event refs only: one answer per attendee, in the order given; `match` is the external account most of them map to. */
  attendees: z.array(AttendeeResolution).optional(),
});
export type Resolution = z.infer<typeof Resolution>;

/** `POST /v1/resolve`: up to 50 refs (a LinkedIn search page or a calendar day, never a whole CRM export). */
export const ResolveRequest = z.strictObject({ refs: z.array(IdentityRef).min(1).max(50) });
export type ResolveRequest = z.infer<typeof ResolveRequest>;

/** One Resolution per ref, in the order sent. */
export const ResolveAnswer = z.strictObject({ resolutions: z.array(Resolution) });
export type ResolveAnswer = z.infer<typeof ResolveAnswer>;
