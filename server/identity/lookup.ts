/**
 * The exact-key lookups behind resolution, batched: every LinkedIn slug, email address, company
 * domain and alias key of a request is looked up in one `UNION ALL` query (one round trip), each
 * branch on its own unique index. A single LinkedIn ref therefore costs one query that checks
 * the slug and its alias together, which is the path the briefs benchmark measures.
 */
import { sql, type CompiledQuery, type SelectQueryBuilder } from 'kysely';
import type { DB } from '../db/connect.ts';
import type { Database } from '../db/schema.ts';
import { executeCompiled } from '../db/execute.ts';

export interface ExactKeys {
  slugs: Iterable<string>;
  emails: Iterable<string>;
  domains: Iterable<string>;
  aliasKeys: Iterable<string>;
}

type Via = 'slug' | 'email' | 'domain' | 'alias';

/** One row found: which key, and the contact and/or account it points at. */
export interface KeyHit {
  via: Via;
  key: string;
  contactId: string | null;
  accountId: string | null;
  /** For aliases: when the correction was recorded. */
  at: string | null;
}

/** What the lookups found, by key. */
export interface KeyHits {
  slug: Map<string, KeyHit>;
  email: Map<string, KeyHit>;
  domain: Map<string, KeyHit>;
  alias: Map<string, KeyHit>;
}

interface HitRow {
  via: string;
  key: string | null;
  contact_id: string | null;
  account_id: string | null;
  at: string | null;
}
type Branch = SelectQueryBuilder<Database, never, HitRow>;

// Bound parameters per statement, well under SQLite's 32766 and PostgreSQL's 65535.
const PARAMS_PER_QUERY = 2000;

/** One UNION ALL branch per kind of key; each uses the table's (team_id, key) unique index. */
function branchFor(db: DB, teamId: string, via: Via, keys: string[]): Branch {
  const text = (value: string) => sql<string>`${sql.lit(value)}`;
  const none = sql<string | null>`null`;
  switch (via) {
    case 'slug':
      return db
        .selectFrom('contacts')
        .select([text('slug').as('via'), 'linkedin_slug as key', 'id as contact_id', 'account_id', none.as('at')])
        .where('team_id', '=', teamId)
        .where('linkedin_slug', 'in', keys)
        .where('crm_deleted_at', 'is', null) as unknown as Branch;
    case 'email':
      return db
        .selectFrom('contact_emails as e')
        .innerJoin('contacts as c', (j) => j.onRef('c.id', '=', 'e.contact_id').onRef('c.team_id', '=', 'e.team_id'))
        .select([text('email').as('via'), 'e.email as key', 'c.id as contact_id', 'c.account_id as account_id', none.as('at')])
        .where('e.team_id', '=', teamId)
        .where('e.email', 'in', keys)
        .where('c.crm_deleted_at', 'is', null) as unknown as Branch;
    case 'domain':
      // The account must be live: one the CRM deleted matches nothing.
      return db
        .selectFrom('account_domains as d')
        .innerJoin('accounts as acc', (j) => j.onRef('acc.id', '=', 'd.account_id').onRef('acc.team_id', '=', 'd.team_id'))
        .select([text('domain').as('via'), 'd.domain as key', none.as('contact_id'), 'd.account_id as account_id', none.as('at')])
        .where('d.team_id', '=', teamId)
        .where('d.domain', 'in', keys)
        .where('acc.crm_deleted_at', 'is', null) as unknown as Branch;
    case 'alias':
      // The joins drop a correction whose contact or account has since been erased.
      return db
        .selectFrom('aliases as a')
        .leftJoin('contacts as c', (j) => j.onRef('c.id', '=', 'a.contact_id').onRef('c.team_id', '=', 'a.team_id'))
        .leftJoin('accounts as acc', (j) => j.onRef('acc.id', '=', 'a.account_id').onRef('acc.team_id', '=', 'a.team_id'))
        .select((eb) => [
          text('alias').as('via'),
          'a.ref_key as key',
          'c.id as contact_id',
          eb.fn.coalesce('c.account_id', 'acc.id').as('account_id'),
          'a.created_at as at',
        ])
        .where('a.team_id', '=', teamId)
        .where('a.ref_key', 'in', keys) as unknown as Branch;
  }
}

interface BranchSpec {
  via: Via;
  teamId: string;
  keys: string[];
}

/**
 * Compiled statements by shape (which branches, how many keys each): the SQL depends only on the
 * shape, and building plus compiling it with Kysely cost several times what SQLite takes to run
 * it. Every brief resolves a ref first, so this is on the hottest path.
 */
const compiledByShape = new WeakMap<DB, Map<string, CompiledQuery<HitRow>>>();
const MAX_CACHED_SHAPES = 256;

/** Parameters in the order the branches bind them: the team, then the keys, branch by branch. */
const parametersOf = (branches: BranchSpec[]) => branches.flatMap((b) => [b.teamId, ...b.keys]);

async function runStatement(db: DB, branches: BranchSpec[]): Promise<HitRow[]> {
  const shape = branches.map((b) => `${b.via}:${b.keys.length}`).join(',');
  let cache = compiledByShape.get(db);
  if (!cache) compiledByShape.set(db, (cache = new Map()));
  const parameters = parametersOf(branches);
  let compiled = cache.get(shape);
  if (!compiled) {
    const built = branches.map((b) => branchFor(db, b.teamId, b.via, b.keys));
    const query = built.slice(1).reduce((union, branch) => union.unionAll(branch), built[0]!);
    compiled = query.compile() as CompiledQuery<HitRow>;
    // Only reuse a statement whose parameters are exactly what parametersOf rebuilds.
    const same = compiled.parameters.length === parameters.length && compiled.parameters.every((v, i) => v === parameters[i]);
    if (!same) return (await db.executeQuery<HitRow>(compiled)).rows;
    if (cache.size >= MAX_CACHED_SHAPES) cache.clear();
    cache.set(shape, compiled);
  }
  return executeCompiled<HitRow>(db, { ...compiled, parameters });
}

function chunks<T>(items: T[], size: number): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < items.length; i += size) out.push(items.slice(i, i + size));
  return out;
}

/**
 * Looks up every key of a request within one team, in as few round trips as the parameter
 * limit allows (one for any realistic request).
 *
 * @example const hits = await lookupExactKeys(db, teamId, { slugs: ['jane-doe'], emails: [], domains: [], aliasKeys: ['linkedin:jane-doe'] })
 */
export async function lookupExactKeys(db: DB, teamId: string, keys: ExactKeys): Promise<KeyHits> {
  const wanted: Array<[Via, string[]]> = [
    ['slug', [...new Set(keys.slugs)]],
    ['email', [...new Set(keys.emails)]],
    ['domain', [...new Set(keys.domains)]],
    ['alias', [...new Set(keys.aliasKeys)]],
  ];
  // Split long key lists, then pack branches into statements of at most PARAMS_PER_QUERY parameters.
  const statements: BranchSpec[][] = [];
  let current: BranchSpec[] = [];
  let used = 0;
  for (const [via, list] of wanted) {
    for (const part of chunks(list, PARAMS_PER_QUERY - 1)) {
      if (used + part.length + 1 > PARAMS_PER_QUERY && current.length) {
        statements.push(current);
        current = [];
        used = 0;
      }
      current.push({ via, teamId, keys: part });
      used += part.length + 1;
    }
  }
  if (current.length) statements.push(current);

  const hits: KeyHits = { slug: new Map(), email: new Map(), domain: new Map(), alias: new Map() };
  for (const branches of statements) {
    for (const row of await runStatement(db, branches)) {
      if (row.key === null) continue;
      const via = row.via as Via;
      // An alias whose target vanished points nowhere: ignore it rather than link to nothing.
      if (via === 'alias' && !row.contact_id && !row.account_id) continue;
      hits[via].set(row.key, { via, key: row.key, contactId: row.contact_id, accountId: row.account_id, at: row.at });
    }
  }
  return hits;
}
