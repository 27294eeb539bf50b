/**
 * `GET /v1/accounts?q=` finds accounts and contacts for the side panel's search box;
 * `GET /v1/accounts/:id` is one account's summary. Team-scoped: another team's account is a 404.
 *
 * Name matching is case-insensitive on both dialects: contacts compare on `name_key` (folded by
 * `nameKey()` when written, and the query is folded the same way); accounts on `lower(name)`,
 * which folds every letter on PostgreSQL but only ASCII on SQLite, so there a query with other
 * letters compares on `casefold(name)` (a function connect.ts gives SQLite; slower, so only then).
 * A query that is a domain, an email address or a LinkedIn URL also finds its exact match, listed first.
 *
 * A name *containing* the text is found through a trigram index (migration 0010): on SQLite the FTS5
 * tables `contacts_search` / `accounts_search` give the candidate rows and the same LIKE as before
 * decides, so the answer is unchanged; on PostgreSQL pg_trgm's GIN indexes serve the LIKE itself.
 * Trigrams need 3 characters: a contact search of 1-2 characters finds the names starting with it
 * only (the prefix is an index range), and an account search of 1-2 characters reads the team's
 * accounts as before (a hundred thousand at most, not millions).
 */
import { Hono } from 'hono';
import { sql, type CompiledQuery } from 'kysely';
import { z } from 'zod';
import type { Deps } from '../deps.ts';
import type { DB, Dialect } from '../db/connect.ts';
import type { AppEnv } from '../http/auth.ts';
import { problem } from '../http/problem.ts';
import { queryOf } from '../http/validate.ts';
import type { AccountHit, ContactHit, DirectorySearch } from '../../shared/directory.ts';
import { emailDomain, isFreeMailDomain, nameKey, normalizeDomain, normalizeEmail, normalizeLinkedInSlug, registrableDomain } from '../identity/normalize.ts';

const SearchQuery = z.strictObject({
  q: z.string().trim().min(1).max(200),
  limit: z
    .string()
    .regex(/^\d{1,3}$/, 'a whole number')
    .transform(Number)
    .pipe(z.number().int().min(1).max(50))
    .optional(),
});

/** `%`, `_` and the escape character itself match literally inside a LIKE pattern. */
const likeEscape = (text: string) => text.replace(/[!%_]/g, (ch) => `!${ch}`);
const likeOf = (column: string, pattern: string) => sql<boolean>`${sql.ref(column)} like ${pattern} escape '!'`;
type Fold = 'lower' | 'casefold';
const foldedLikeOf = (fold: Fold, column: string, pattern: string) => sql<boolean>`${sql.raw(fold)}(${sql.ref(column)}) like ${pattern} escape '!'`;

/** Trigram indexes match substrings of at least 3 characters (code points, as FTS5 and pg_trgm count them). */
export const TRIGRAM_MIN = 3;
const trigramsFit = (text: string) => [...text].length >= TRIGRAM_MIN;
/** An FTS5 query matching `text` as one substring: a quoted string, its quotes doubled, is a phrase of its trigrams. */
const ftsPhrase = (text: string) => `"${text.replace(/"/g, '""')}"`;

/**
 * The ids of the team's accounts whose name contains `q`, those starting with it first, by name.
 * SQLite takes the candidates from `accounts_search` (3 characters or more), and `+team_id` keeps
 * its planner from walking the team's (team_id, name) index and testing every account instead. The
 * second LIKE (the text as typed) is there for SQLite only, whose lower() folds only ASCII; on
 * PostgreSQL lower() folds every letter, and an OR with an unindexed LIKE would make it read every
 * row instead of using the GIN index.
 */
export function namedAccountsQuery(db: DB, teamId: string, q: string, limit: number, dialect: Dialect): CompiledQuery<{ id: string }> {
  const lowered = q.toLowerCase();
  const fold: Fold = dialect === 'sqlite' && /[^\p{ASCII}]/u.test(q) ? 'casefold' : 'lower';
  const indexed = dialect === 'sqlite' && trigramsFit(q);
  return db
    .selectFrom('accounts')
    .select('id')
    .where((eb) =>
      dialect === 'postgres'
        ? foldedLikeOf(fold, 'name', `%${likeEscape(lowered)}%`)
        : eb.or([foldedLikeOf(fold, 'name', `%${likeEscape(lowered)}%`), likeOf('name', `%${likeEscape(q)}%`)]),
    )
    .$if(indexed, (qb) =>
      qb.where(sql<boolean>`rowid in (select rowid from accounts_search where accounts_search match ${ftsPhrase(q)})`).where(sql<boolean>`+team_id = ${teamId}`),
    )
    .$if(!indexed, (qb) => qb.where('team_id', '=', teamId))
    .where('crm_deleted_at', 'is', null)
    .orderBy(sql`case when ${foldedLikeOf(fold, 'name', `${likeEscape(lowered)}%`)} then 0 else 1 end`)
    .orderBy(sql`${sql.raw(fold)}(name)`)
    .orderBy('id')
    .limit(limit)
    .compile();
}

interface ContactRow {
  id: string;
  name: string;
  title: string | null;
  account_id: string | null;
  account_name: string | null;
}

const contactsOf = (db: DB, teamId: string) =>
  db
    .selectFrom('contacts as c')
    .leftJoin('accounts as a', (j) => j.onRef('a.id', '=', 'c.account_id').onRef('a.team_id', '=', 'c.team_id'))
    .select(['c.id', 'c.name', 'c.title', 'c.account_id', 'a.name as account_name'])
    .where('c.team_id', '=', teamId)
    .where('c.crm_deleted_at', 'is', null);

/**
 * The team's contacts whose `name_key` contains `key` but does not start with it, by name; null
 * for a key under 3 characters (no trigram index can serve it). On SQLite the FTS table drives
 * the join (CROSS JOIN keeps it the outer loop, so the planner never walks the team's name index
 * testing each contact instead) and the LIKE decides; PostgreSQL's GIN index serves the LIKE.
 */
export function containingContactsQuery(db: DB, teamId: string, key: string, limit: number, dialect: Dialect): CompiledQuery<ContactRow> | null {
  if (!key || !trigramsFit(key)) return null;
  const contains = `%${likeEscape(key)}%`;
  const startsWith = `${likeEscape(key)}%`;
  if (dialect === 'sqlite') {
    // The account's name is joined to the few rows kept, not to every candidate before the sort (a
    // text inside thousands of names, 'son', is ~40% cheaper so).
    return sql<ContactRow>`
      select c.id, c.name, c.title, c.account_id, a.name as account_name
      from (
        select c.rowid as hit, c.name_key, c.id
        from contacts_search s
        cross join contacts c on c.rowid = s.rowid
        where contacts_search match ${ftsPhrase(key)}
          and c.team_id = ${teamId}
          and c.crm_deleted_at is null
          and c.name_key like ${contains} escape '!'
          and not (c.name_key like ${startsWith} escape '!')
        order by c.name_key, c.id
        limit ${limit}
      ) h
      cross join contacts c on c.rowid = h.hit
      left join accounts a on a.id = c.account_id and a.team_id = c.team_id
      order by h.name_key, h.id`.compile(db);
  }
  return contactsOf(db, teamId)
    .where(likeOf('c.name_key', contains))
    .where((eb) => eb.not(likeOf('c.name_key', startsWith)))
    .orderBy('c.name_key')
    .orderBy('c.id')
    .limit(limit)
    .compile();
}

/** What the query text identifies exactly, if anything: the strongest keys come first in the answer. */
function exactKeys(q: string): { domains: string[]; email?: string; slug?: string } {
  const domains: string[] = [];
  let email: string | undefined;
  let slug: string | undefined;
  if (/linkedin\.com\//i.test(q)) {
    const s = normalizeLinkedInSlug(q);
    if (s.ok) slug = s.value;
  } else if (q.includes('@')) {
    const e = normalizeEmail(q);
    if (e.ok) {
      email = e.value;
      if (!isFreeMailDomain(emailDomain(e.value))) domains.push(emailDomain(e.value));
    }
  } else if (q.includes('.')) {
    const d = normalizeDomain(q);
    if (d.ok) domains.push(d.value);
  }
  for (const d of [...domains]) if (registrableDomain(d) !== d) domains.push(registrableDomain(d));
  return { domains, ...(email ? { email } : {}), ...(slug ? { slug } : {}) };
}

async function domainsOf(db: DB, teamId: string, accountIds: string[]): Promise<Map<string, string[]>> {
  const out = new Map<string, string[]>();
  if (!accountIds.length) return out;
  const rows = await db
    .selectFrom('account_domains')
    .select(['account_id', 'domain'])
    .where('team_id', '=', teamId)
    .where('account_id', 'in', accountIds)
    .orderBy('domain')
    .execute();
  for (const r of rows) out.set(r.account_id, [...(out.get(r.account_id) ?? []), r.domain]);
  return out;
}

/**
 * Accounts and contacts matching the search text: exact key hits, then names starting with
 * the text, then names containing it.
 *
 * @example await searchDirectory(db, teamId, 'acme', 10, 'sqlite') // { accounts: [{ id, name: 'Acme', … }], contacts: […] }
 */
export async function searchDirectory(db: DB, teamId: string, q: string, limit: number, dialect: Dialect): Promise<DirectorySearch> {
  const exact = exactKeys(q);
  const exactAccounts = exact.domains.length
    ? await db.selectFrom('account_domains').select('account_id').where('team_id', '=', teamId).where('domain', 'in', exact.domains).execute()
    : [];
  const namedAccounts = (await db.executeQuery(namedAccountsQuery(db, teamId, q, limit, dialect))).rows;
  const accountIds = [...new Set([...exactAccounts.map((a) => a.account_id), ...namedAccounts.map((a) => a.id)])].slice(0, limit);
  const accountRows = accountIds.length
    ? await db.selectFrom('accounts').select(['id', 'name', 'tier', 'stage']).where('team_id', '=', teamId).where('id', 'in', accountIds).execute()
    : [];
  const domains = await domainsOf(db, teamId, accountIds);
  const byId = new Map(accountRows.map((a) => [a.id, a]));
  const accounts: AccountHit[] = accountIds.flatMap((id) => {
    const a = byId.get(id);
    // Imports and the seed validate tier and stage against the shared enums before writing them.
    return a ? [{ id: a.id, name: a.name, domains: domains.get(a.id) ?? [], tier: a.tier as AccountHit['tier'], stage: a.stage as AccountHit['stage'] }] : [];
  });

  const key = nameKey(q);
  const contactQuery = contactsOf(db, teamId);
  const exactContacts = [
    ...(exact.email
      ? await contactQuery
          .where('c.id', 'in', (eb) => eb.selectFrom('contact_emails').select('contact_id').where('team_id', '=', teamId).where('email', '=', exact.email!))
          .execute()
      : []),
    ...(exact.slug ? await contactQuery.where('c.linkedin_slug', '=', exact.slug).execute() : []),
  ];
  // Names starting with the text, then names containing it: two reads, so the first (the usual
  // answer) walks the (team_id, name_key) index instead of every contact of the team. SQLite
  // compares text bytewise, so the prefix is also a key range it can seek; PostgreSQL's collation
  // may not order it so, and it takes the LIKE alone.
  const startsWith = `${likeEscape(key)}%`;
  const prefixed = key
    ? await contactQuery
        .where(likeOf('c.name_key', startsWith))
        .$if(dialect === 'sqlite', (qb) => qb.where('c.name_key', '>=', key).where('c.name_key', '<', `${key}\u{10FFFF}`))
        .orderBy('c.name_key')
        .orderBy('c.id')
        .limit(limit)
        .execute()
    : [];
  // Names containing the text, through the trigram index: 3 characters or more only (a 1-2 letter
  // search would read every contact of the team; names starting with it are what a rep expects).
  const containingQuery = prefixed.length < limit ? containingContactsQuery(db, teamId, key, limit - prefixed.length, dialect) : null;
  const containing = containingQuery ? (await db.executeQuery(containingQuery)).rows : [];
  const namedContacts = [...prefixed, ...containing];
  const seen = new Set<string>();
  const contacts: ContactHit[] = [];
  for (const r of [...exactContacts, ...namedContacts]) {
    if (seen.has(r.id) || contacts.length >= limit) continue;
    seen.add(r.id);
    contacts.push({ id: r.id, name: r.name, title: r.title, accountId: r.account_id, accountName: r.account_name });
  }
  return { accounts, contacts };
}

/** One account as the search result's detail view shows it; null when not in this team. */
export async function accountSummary(db: DB, teamId: string, accountId: string) {
  const a = await db
    .selectFrom('accounts as a')
    .leftJoin('users as o', (j) => j.onRef('o.id', '=', 'a.owner_id').onRef('o.team_id', '=', 'a.team_id'))
    .leftJoin('users as t', (j) => j.onRef('t.id', '=', 'a.last_touch_by').onRef('t.team_id', '=', 'a.team_id'))
    .selectAll('a')
    .select(['o.name as owner_name', 't.name as touched_by_name'])
    .where('a.team_id', '=', teamId)
    .where('a.id', '=', accountId)
    .executeTakeFirst();
  if (!a) return null;
  const { n: contacts } = await db
    .selectFrom('contacts')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where('team_id', '=', teamId)
    .where('account_id', '=', accountId)
    .executeTakeFirstOrThrow();
  const domains = (await domainsOf(db, teamId, [accountId])).get(accountId) ?? [];
  return {
    id: a.id,
    name: a.name,
    domains,
    tier: a.tier,
    stage: a.stage,
    owner: a.owner_id && a.owner_name ? { id: a.owner_id, name: a.owner_name } : null,
    territory: a.territory,
    industry: a.industry,
    employees: a.employees,
    location: a.location,
    country: a.country,
    lastTouch: a.last_touch_at
      ? { at: a.last_touch_at, type: a.last_touch_type, by: a.last_touch_by && a.touched_by_name ? { id: a.last_touch_by, name: a.touched_by_name } : null }
      : null,
    contacts: Number(contacts),
    updatedAt: a.updated_at,
  };
}

export const accountsRoutes = ({ db }: Deps) =>
  new Hono<AppEnv>()
    .get('/accounts', queryOf(SearchQuery), async (c) => {
      const { q, limit } = c.req.valid('query');
      return c.json(await searchDirectory(db.kysely, c.var.auth.teamId, q, limit ?? 10, db.dialect));
    })
    .get('/accounts/:id', async (c) => {
      const summary = await accountSummary(db.kysely, c.var.auth.teamId, c.req.param('id'));
      if (!summary) return problem(c, 404, 'not-found', 'No such account.', { errors: [{ field: 'id', message: 'no such account' }] });
      return c.json({ account: summary });
    });
