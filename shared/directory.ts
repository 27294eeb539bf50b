/**
 * What the side panel's search and the extension's offline copy read from the server:
 * `GET /v1/accounts?q=` (accounts and contacts by name, domain, email or LinkedIn URL) and
 * `GET /v1/changes?since=` (tombstones of erased people and CRM-deleted records, which every local cache must drop;
 * the extension's follower is extension/core/background/changes.ts).
 *
 * @example
 * const page = ChangesPage.parse(await res.json());
 * for (const t of page.tombstones) await cache.forget(t.entity, t.id);
 * await store.set('changesCursor', page.cursor);
 */
import { z } from 'zod';
import { Stage, Tier } from './brief.ts';

export const AccountHit = z.strictObject({
  id: z.string(),
  name: z.string(),
  domains: z.array(z.string()),
  tier: Tier.nullable(),
  stage: Stage,
});
export type AccountHit = z.infer<typeof AccountHit>;

export const ContactHit = z.strictObject({
  id: z.string(),
  name: z.string(),
  title: z.string().nullable(),
  accountId: z.string().nullable(),
  accountName: z.string().nullable(),
});
export type ContactHit = z.infer<typeof ContactHit>;

/** Exact hits (domain, email, LinkedIn URL) first, then names starting with the text, then containing it. */
export const DirectorySearch = z.strictObject({
  accounts: z.array(AccountHit),
  contacts: z.array(ContactHit),
});
export type DirectorySearch = z.infer<typeof DirectorySearch>;

/** A record that no longer exists anywhere (a person erased on a privacy request). */
export const Tombstone = z.strictObject({
  /** `contact` (erased, or deleted in the CRM), `account` or `deal` (deleted in the CRM) today; a client skips entities it does not know rather than failing the page. */
  entity: z.string(),
  id: z.string(),
  at: z.string(),
});
export type Tombstone = z.infer<typeof Tombstone>;

/** The most tombstones one page of `/v1/changes` holds (`limit` may ask for fewer). */
export const CHANGES_PAGE_MAX = 1000;

/**
 * One page of changes after `since`. Pass `cursor` as the next `since`; an empty page means the
 * copy is up to date. A fresh copy starts from `since=0`.
 */
export const ChangesPage = z.strictObject({
  tombstones: z.array(Tombstone),
  cursor: z.number().int().min(0),
});
export type ChangesPage = z.infer<typeof ChangesPage>;
