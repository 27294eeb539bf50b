/**
 * `GET /v1/accounts?q=` finds accounts and contacts for the side panel's search box;
 * `GET /v1/accounts/:id` is one account's summary. Team-scoped: another team's account is a 404.
 *
 * Name matching is case-insensitive on both dialects: contacts compare on `name_key` (folded by
 * `nameKey()` when written, and the query is folded the same way); accounts on `lower(name)`,
 * which folds every letter on PostgreSQL but only ASCII on SQLite, so there a query with other
 * letters compares on `casefold(name)` (a function connect.ts gives SQLite; slower, so only then).
 * A query that is a domain, an email address or a LinkedIn URL also finds its exact match, listed first.
 */
import { Hono } from 'hono';
import { sql } from 'kysely';
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
  const lowered = q.toLowerCase();
  const fold: Fold = dialect === 'sqlite' && /[^\p{ASCII}]/u.test(q) ? 'casefold' : 'lower';
  const exactAccounts = exact.domains.length
    ? await db.selectFrom('account_domains').select('account_id').where('team_id', '=', teamId).where('domain', 'in', exact.domains).execute()
    : [];
  const namedAccounts = await db
    .selectFrom('accounts')
    .select('id')
    .where((eb) => eb.or([foldedLikeOf(fold, 'name', `%${likeEscape(lowered)}%`), likeOf('name', `%${likeEscape(q)}%`)]))
    .where('team_id', '=', teamId)
    .orderBy(sql`case when ${foldedLikeOf(fold, 'name', `${likeEscape(lowered)}%`)} then 0 else 1 end`)
    .orderBy(sql`${sql.raw(fold)}(name)`)
    .orderBy('id')
    .limit(limit)
    .execute();
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
  const contactQuery = db
    .selectFrom('contacts as c')
    .leftJoin('accounts as a', (j) => j.onRef('a.id', '=', 'c.account_id').onRef('a.team_id', '=', 'c.team_id'))
    .select(['c.id', 'c.name', 'c.title', 'c.account_id', 'a.name as account_name'])
    .where('c.team_id', '=', teamId);
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
  const containing =
    key && prefixed.length < limit
      ? await contactQuery
          .where(likeOf('c.name_key', `%${likeEscape(key)}%`))
          .where((eb) => eb.not(likeOf('c.name_key', startsWith)))
          .orderBy('c.name_key')
          .orderBy('c.id')
          .limit(limit - prefixed.length)
          .execute()
      : [];
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
