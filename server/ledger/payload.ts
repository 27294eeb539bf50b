/**
 * The canonical form of a logged activity, and its fingerprint. Two submissions are "the same
 * activity" when their normalised payloads (everything but the client's `id`) hash alike, so a
 * replay after a clock change, a key reordering or a `+02:00` offset is still recognised.
 *
 * The other people on a touch (`participantContactIds`) are not part of the payload: each client
 * resolves them with what its CRM knows at the time, so two teammates' copies of one email may
 * name different people and are still one activity (record.ts merges them). Leaving them out also
 * keeps every stored `payload_hash` valid: rows written before the field existed hash alike.
 */
import crypto from 'node:crypto';
import type { ActivityInput } from '../../shared/activity.ts';

/** An activity as the ledger stores and compares it. */
export interface NormalizedActivity {
  id: string;
  naturalKey: string | null;
  type: ActivityInput['type'];
  subject: string | null;
  body: string | null;
  /** UTC, millisecond precision: `2026-11-23T09:00:00.000Z`, so stored times compare as text. */
  occurredAt: string;
  contactId: string | null;
  accountId: string | null;
  dealId: string | null;
  surface: ActivityInput['surface'];
}

/**
 * Folds the ways a client can say the same thing onto one value: UUIDs are case-insensitive,
 * offsets become UTC, an empty subject is no subject.
 *
 * @example normalizeActivity({ id: 'A1…', occurredAt: '2026-11-23T10:00:00+01:00', … }).occurredAt // '2026-11-23T09:00:00.000Z'
 */
export function normalizeActivity(input: ActivityInput): NormalizedActivity {
  return {
    id: input.id.toLowerCase(),
    naturalKey: input.naturalKey ?? null,
    type: input.type,
    subject: input.subject ? input.subject : null,
    body: input.body ?? null,
    occurredAt: new Date(input.occurredAt).toISOString(),
    contactId: input.contactId ?? null,
    accountId: input.accountId ?? null,
    dealId: input.dealId ?? null,
    surface: input.surface,
  };
}

/**
 * The other people on a touch as the ledger stores them: each once, in the order given, without
 * the primary contact (who is `activities.contact_id`, server/ledger/README.md).
 *
 * @example participantsOf({ contactId: 'con_1', participantContactIds: ['con_2', 'con_1', 'con_2'] }) // ['con_2']
 */
export function participantsOf(input: Pick<ActivityInput, 'contactId' | 'participantContactIds'>): string[] {
  return [...new Set(input.participantContactIds ?? [])].filter((id) => id !== input.contactId);
}

/**
 * JSON with object keys sorted at every depth, so equal values always serialise alike.
 *
 * @example canonicalJson({ b: 1, a: [{ d: 2, c: 3 }] }) // '{"a":[{"c":3,"d":2}],"b":1}'
 */
export function canonicalJson(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`;
  if (value && typeof value === 'object') {
    const entries = Object.entries(value as Record<string, unknown>)
      .filter(([, v]) => v !== undefined)
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonicalJson(v)}`).join(',')}}`;
  }
  return JSON.stringify(value) ?? 'null';
}

export const sha256Hex = (text: string) => crypto.createHash('sha256').update(text).digest('hex');

/**
 * The fingerprint stored as `payload_hash`: sha256 of the canonical payload without `id`.
 * Who logged it is not part of it, so two teammates logging the same meeting agree.
 *
 * @example payloadHash(normalizeActivity(input)) // '3f1c…' (64 hex characters)
 */
export function payloadHash(activity: NormalizedActivity): string {
  const { id: _id, ...payload } = activity;
  return sha256Hex(canonicalJson(payload));
}
