/**
 * Aliases: a teammate's correction of a match ("wrong match? this is Jane at Acme"), as
 * `POST /v1/aliases` takes and answers it. The server validates with these schemas and the
 * extension's "this is them" sends them, so the two cannot disagree about what a correction is.
 *
 * @example
 * AliasRequest.parse({ ref: { kind: 'linkedin', profileUrl: 'https://www.linkedin.com/in/jd-1/' }, contactId: 'ct_1' })
 */
import { z } from 'zod';
import { DomainRef, EmailRef, LinkedInRef } from './refs.ts';

/** Names never become links and events are not people, so only these three refs take an alias. */
export const AliasableRef = z.discriminatedUnion('kind', [LinkedInRef, EmailRef, DomainRef]);
export type AliasableRef = z.infer<typeof AliasableRef>;

const recordId = z.string().trim().min(1).max(64);

/** "This page is that contact (or account)": exactly one target; a domain names a company. */
export const AliasRequest = z
  .strictObject({ ref: AliasableRef, contactId: recordId.optional(), accountId: recordId.optional() })
  .superRefine((body, ctx) => {
    if ((body.contactId === undefined) === (body.accountId === undefined)) {
      ctx.addIssue({ code: 'custom', path: ['contactId'], message: 'give exactly one of contactId or accountId' });
    } else if (body.ref.kind === 'domain' && body.contactId !== undefined) {
      ctx.addIssue({ code: 'custom', path: ['contactId'], message: 'a domain identifies a company: give accountId' });
    }
  });
export type AliasRequest = z.infer<typeof AliasRequest>;

/** An alias as the API shows it. */
export const AliasView = z.strictObject({
  id: z.string(),
  /** `linkedin:<slug>`, `email:<address>` or `domain:<domain>`. */
  refKey: z.string(),
  contactId: z.string().nullable(),
  accountId: z.string().nullable(),
  createdBy: z.string(),
  createdAt: z.string(),
});
export type AliasView = z.infer<typeof AliasView>;

/** `POST /v1/aliases` → 201. */
export const AliasAnswer = z.strictObject({ alias: AliasView });
export type AliasAnswer = z.infer<typeof AliasAnswer>;
