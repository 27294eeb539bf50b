/**
 * Batched lookups for one import batch: each asks the database once per batch (`where … in`),
 * never preloads a whole table, so memory follows the batch size and not the team's size.
 * Every query is scoped to the team.
 */
import type { DB } from '../../db/connect.ts';
import type { AccountRow, ContactRow } from '../../db/schema.ts';
import { registrableDomain } from '../../identity/normalize.ts';

/** Both dialects cap bound parameters (SQLite 32766, PostgreSQL 65535): stay far below either. */
const IN_LIST = 500;

/** Runs `query` over `values` in slices small enough for one statement each, and concatenates. */
export async function inSlices<V, R>(values: Iterable<V>, query: (slice: V[]) => Promise<R[]>): Promise<R[]> {
  const all = [...new Set(values)];
  const out: R[] = [];
  for (let i = 0; i < all.length; i += IN_LIST) out.push(...(await query(all.slice(i, i + IN_LIST))));
  return out;
}

export const defined = <T>(value: T | undefined | null): value is T => value !== undefined && value !== null;

/** Users of the team by (normalised) email: owners of accounts, deals and activities. */
export async function usersByEmail(db: DB, teamId: string, emails: Iterable<string>): Promise<Map<string, string>> {
  const rows = await inSlices(emails, (slice) =>
    db.selectFrom('users').select(['id', 'email']).where('team_id', '=', teamId).where('email', 'in', slice).execute(),
  );
  return new Map(rows.map((r) => [r.email, r.id]));
}

export async function accountsByExternalId(db: DB, teamId: string, ids: Iterable<string>): Promise<Map<string, AccountRow>> {
  const rows = await inSlices(ids, (slice) =>
    db.selectFrom('accounts').selectAll().where('team_id', '=', teamId).where('external_id', 'in', slice).execute(),
  );
  return new Map(rows.map((r) => [r.external_id!, r]));
}

export async function accountsById(db: DB, teamId: string, ids: Iterable<string>): Promise<Map<string, AccountRow>> {
  const rows = await inSlices(ids, (slice) =>
    db.selectFrom('accounts').selectAll().where('team_id', '=', teamId).where('id', 'in', slice).execute(),
  );
  return new Map(rows.map((r) => [r.id, r]));
}

/** Which account owns each of these exact domains. */
export async function domainOwners(db: DB, teamId: string, domains: Iterable<string>): Promise<Map<string, string>> {
  const rows = await inSlices(domains, (slice) =>
    db.selectFrom('account_domains').select(['domain', 'account_id']).where('team_id', '=', teamId).where('domain', 'in', slice).execute(),
  );
  return new Map(rows.map((r) => [r.domain, r.account_id]));
}

/**
 * An account reference in a row (`account_external_id` or `account_domain`) → the account id.
 * A domain is looked up as resolution does: exactly, then by its registrable domain
 * (`eu.acme.com` finds the account that owns `acme.com`).
 */
export interface AccountRefs {
  byExternalId: Map<string, string>;
  byDomain: Map<string, string>;
}

export async function accountRefs(
  db: DB,
  teamId: string,
  refs: Iterable<{ externalId?: string | undefined; domain?: string | undefined }>,
): Promise<AccountRefs> {
  const externalIds: string[] = [];
  const domains: string[] = [];
  for (const ref of refs) {
    if (ref.externalId) externalIds.push(ref.externalId);
    if (ref.domain) domains.push(ref.domain, registrableDomain(ref.domain));
  }
  const ext = await inSlices(externalIds, (slice) =>
    db.selectFrom('accounts').select(['id', 'external_id']).where('team_id', '=', teamId).where('external_id', 'in', slice).execute(),
  );
  return {
    byExternalId: new Map(ext.map((r) => [r.external_id!, r.id])),
    byDomain: await domainOwners(db, teamId, domains),
  };
}

/** The account a reference names, `undefined` when the team has none, or null when no reference was given. */
export function accountOf(refs: AccountRefs, externalId: string | undefined, domain: string | undefined): string | null | undefined {
  if (externalId) return refs.byExternalId.get(externalId);
  if (domain) return refs.byDomain.get(domain) ?? refs.byDomain.get(registrableDomain(domain));
  return null;
}

export async function contactsByExternalId(db: DB, teamId: string, ids: Iterable<string>): Promise<Map<string, ContactRow>> {
  const rows = await inSlices(ids, (slice) =>
    db.selectFrom('contacts').selectAll().where('team_id', '=', teamId).where('external_id', 'in', slice).execute(),
  );
  return new Map(rows.map((r) => [r.external_id!, r]));
}

export async function contactsBySlug(db: DB, teamId: string, slugs: Iterable<string>): Promise<Map<string, ContactRow>> {
  const rows = await inSlices(slugs, (slice) =>
    db.selectFrom('contacts').selectAll().where('team_id', '=', teamId).where('linkedin_slug', 'in', slice).execute(),
  );
  return new Map(rows.map((r) => [r.linkedin_slug!, r]));
}

/** Which contact owns each of these (normalised) email addresses. */
export async function emailOwners(db: DB, teamId: string, emails: Iterable<string>): Promise<Map<string, string>> {
  const rows = await inSlices(emails, (slice) =>
    db.selectFrom('contact_emails').select(['email', 'contact_id']).where('team_id', '=', teamId).where('email', 'in', slice).execute(),
  );
  return new Map(rows.map((r) => [r.email, r.contact_id]));
}

export async function contactsById(db: DB, teamId: string, ids: Iterable<string>): Promise<Map<string, ContactRow>> {
  const rows = await inSlices(ids, (slice) =>
    db.selectFrom('contacts').selectAll().where('team_id', '=', teamId).where('id', 'in', slice).execute(),
  );
  return new Map(rows.map((r) => [r.id, r]));
}

/** Inserts many rows in statements of `perStatement` rows (bound-parameter limits again). */
export async function insertMany<T>(rows: readonly T[], perStatement: number, insert: (slice: T[]) => Promise<unknown>): Promise<void> {
  for (let i = 0; i < rows.length; i += perStatement) await insert(rows.slice(i, i + perStatement));
}

/**
 * Copies the given values onto `target`, skipping `undefined` (a blank cell never clears a value),
 * and answers the names of the fields that changed.
 *
 * @example assignChanged({ a: 1, b: 2 }, { a: 1, b: 3, c: undefined }) // ['b']
 */
export function assignChanged<T extends object>(target: T, values: { [K in keyof T]?: T[K] | undefined }): string[] {
  const changed: string[] = [];
  for (const [key, value] of Object.entries(values)) {
    if (value === undefined) continue;
    if ((target as Record<string, unknown>)[key] !== value) {
      (target as Record<string, unknown>)[key] = value;
      changed.push(key);
    }
  }
  return changed;
}
