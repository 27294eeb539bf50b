/**
 * Flags: a rep says a value the panel showed is wrong ("title is out of date: now Head of Data").
 * Admins accept (optionally writing the right value) or reject; the reporter reads the outcome
 * from `GET /v1/flags`. Field names are the Brief's (camelCase), one fixed list per entity.
 *
 * @example
 * FlagRequest.parse({ entity: 'contact', entityId: 'ct_1', field: 'title', problem: 'left in 2025', suggestedValue: 'CTO' })
 */
import { z } from 'zod';

export const FlagEntity = z.enum(['contact', 'account', 'deal']);
export type FlagEntity = z.infer<typeof FlagEntity>;

/**
 * What a rep may flag, per entity. `company` is a contact's employer as LinkedIn shows it (the job
 * change banner); lists (emails, domains, past employers, technologies) can be flagged but not
 * written from a flag (see FLAG_WRITABLE_FIELDS).
 */
export const FLAG_FIELDS = {
  contact: ['name', 'title', 'tenureStart', 'seniority', 'department', 'location', 'pastEmployers', 'emails', 'company'],
  account: ['name', 'domains', 'industry', 'employees', 'revenue', 'funding', 'location', 'description', 'technologies'],
  deal: ['amount', 'stage', 'closeDate', 'nextStep'],
} as const satisfies Record<FlagEntity, readonly string[]>;
export type FlagField<E extends FlagEntity = FlagEntity> = (typeof FLAG_FIELDS)[E][number];

/** The fields an accepted flag can write a value to: single values with a column of their own. */
export const FLAG_WRITABLE_FIELDS = {
  contact: ['name', 'title', 'tenureStart', 'seniority', 'department', 'location'],
  account: ['name', 'industry', 'employees', 'revenue', 'funding', 'location', 'description'],
  deal: ['amount', 'stage', 'closeDate', 'nextStep'],
} as const satisfies { [E in FlagEntity]: readonly FlagField<E>[] };

export const isFlagField = (entity: FlagEntity, field: string): boolean => (FLAG_FIELDS[entity] as readonly string[]).includes(field);
export const isWritableFlagField = (entity: FlagEntity, field: string): boolean =>
  (FLAG_WRITABLE_FIELDS[entity] as readonly string[]).includes(field);

const id = z.string().trim().min(1).max(64);

export const FlagRequest = z
  .strictObject({
    entity: FlagEntity,
    entityId: id,
    field: z.string().trim().min(1).max(64),
    problem: z.string().trim().min(1).max(1000),
    suggestedValue: z.string().trim().min(1).max(500).optional(),
  })
  .superRefine((body, ctx) => {
    if (!isFlagField(body.entity, body.field)) {
      ctx.addIssue({ code: 'custom', path: ['field'], message: `not a flaggable field of a ${body.entity}: one of ${FLAG_FIELDS[body.entity].join(', ')}` });
    }
  });
export type FlagRequest = z.infer<typeof FlagRequest>;

export const FlagStatus = z.enum(['open', 'resolved', 'rejected']);
export type FlagStatus = z.infer<typeof FlagStatus>;

export const ResolveFlagRequest = z
  .strictObject({
    action: z.enum(['accept', 'reject']),
    /** With `accept`: the value to write to the flagged field (the suggested one or the admin's own). */
    value: z.string().trim().min(1).max(2000).optional(),
    /** Shown to the reporter: why it was rejected, or what was done. */
    note: z.string().trim().min(1).max(1000).optional(),
  })
  .superRefine((body, ctx) => {
    if (body.action === 'reject' && body.value !== undefined) {
      ctx.addIssue({ code: 'custom', path: ['value'], message: 'a rejected flag writes no value' });
    }
  });
export type ResolveFlagRequest = z.infer<typeof ResolveFlagRequest>;

export const FlagResolution = z.strictObject({
  action: z.enum(['accept', 'reject']),
  /** The value written to the record, when one was. */
  value: z.string().nullable(),
  note: z.string().nullable(),
});
export type FlagResolution = z.infer<typeof FlagResolution>;

/** A flag as the API shows it. `resolved` means accepted. */
export const Flag = z.strictObject({
  id: z.string(),
  entity: FlagEntity,
  entityId: z.string(),
  field: z.string(),
  problem: z.string(),
  suggestedValue: z.string().nullable(),
  status: FlagStatus,
  resolution: FlagResolution.nullable(),
  reportedBy: z.string(),
  createdAt: z.string(),
  resolvedAt: z.string().nullable(),
  resolvedBy: z.string().nullable(),
});
export type Flag = z.infer<typeof Flag>;

export const FlagAnswer = z.strictObject({ flag: Flag });
export type FlagAnswer = z.infer<typeof FlagAnswer>;
export const FlagsPage = z.strictObject({ flags: z.array(Flag), nextCursor: z.string().nullable() });
export type FlagsPage = z.infer<typeof FlagsPage>;
