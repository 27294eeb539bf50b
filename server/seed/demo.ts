/**
 * The demo team "Northwind Demo": an admin, a manager, four reps, ~300 accounts, ~2,000 contacts,
 * deals, technographics, months of web visits, intent, company events and activities, and the
 * featured people of the LinkedIn captures at named accounts (see featured.ts for the one
 * recorded at his previous employer).
 *
 * `buildDemoData` is pure: the same seed, anchor `now` and tokens give the same rows, ids and
 * timestamps, byte for byte. The tokens are the one thing not derived from the seed: random per
 * install unless given (demo-tokens.ts says why). `seedDemo` writes them in one transaction,
 * 500 rows per insert, through Kysely, so it runs on SQLite and PostgreSQL alike.
 *
 * @example
 * const { tokens } = await seedDemo(db, { now: new Date() });
 * console.log(`Demo rep token: ${tokens.rep}`);
 */
import { displayPrefix, hashToken } from '../auth/tokens.ts';
import type { DB } from '../db/connect.ts';
import { insertInChunks } from './bulk.ts';
import { applyLastTouch, generateActivities } from './demo-activities.ts';
import { generateAccounts } from './demo-accounts.ts';
import { generateContacts, type ContactPlan } from './demo-contacts.ts';
import type { DemoContext, DemoUser, Row } from './demo-context.ts';
import { generateDeals } from './demo-deals.ts';
import { generateEvents } from './demo-events.ts';
import { eventKeyHasher } from '../ingest/event-keys.ts';
import { DEMO_ROLES, DEMO_TOKEN_LABEL, randomDemoTokens, type DemoRole, type DemoTokens } from './demo-tokens.ts';
import { createRng } from './prng.ts';

/** The seed `npm start` uses. Changing it changes every id (not the tokens: those are random). */
export const DEMO_SEED = 20_261_123;
export const DEMO_TEAM_NAME = 'Northwind Demo';
export const DEMO_EMAIL_DOMAIN = 'northwind-demo.test';
export const DEMO_ACCOUNT_COUNT = 300;

const PEOPLE: Omit<DemoUser, 'id'>[] = [
  { name: 'Tomás Ferreira', email: `tomas.ferreira@${DEMO_EMAIL_DOMAIN}`, role: 'admin', territory: null },
  { name: 'Helena Strand', email: `helena.strand@${DEMO_EMAIL_DOMAIN}`, role: 'manager', territory: null },
  // The first rep owns the Nordics, where every featured account is: her token is the one printed.
  { name: 'Sofia Lindqvist', email: `sofia.lindqvist@${DEMO_EMAIL_DOMAIN}`, role: 'rep', territory: 'Nordics' },
  { name: 'Marcus Webb', email: `marcus.webb@${DEMO_EMAIL_DOMAIN}`, role: 'rep', territory: 'UK & Ireland' },
  { name: 'Priya Natarajan', email: `priya.natarajan@${DEMO_EMAIL_DOMAIN}`, role: 'rep', territory: 'North America' },
  { name: 'Jonas Keller', email: `jonas.keller@${DEMO_EMAIL_DOMAIN}`, role: 'rep', territory: 'DACH' },
];

/** Every table the seed writes, in the order foreign keys need. */
export interface DemoTables {
  teams: Row<'teams'>[];
  users: Row<'users'>[];
  api_tokens: Row<'api_tokens'>[];
  accounts: Row<'accounts'>[];
  account_domains: Row<'account_domains'>[];
  account_history: Row<'account_history'>[];
  contacts: Row<'contacts'>[];
  contact_emails: Row<'contact_emails'>[];
  technologies: Row<'technologies'>[];
  deals: Row<'deals'>[];
  deal_history: Row<'deal_history'>[];
  events: Row<'events'>[];
  activities: Row<'activities'>[];
  audit_log: Row<'audit_log'>[];
}

export interface DemoData {
  teamId: string;
  users: DemoUser[];
  /** Plaintext demo tokens by role (the rep is the first rep); only their hashes are in `tables`. */
  tokens: Record<DemoRole, string>;
  tables: DemoTables;
}

/** The ids of the demo team and its users, which depend on the seed alone. */
export function demoIdentity(seed: number): { teamId: string; users: DemoUser[]; id: (prefix: string) => string } {
  const ids = createRng(seed).fork('ids');
  const id = (prefix: string) => `${prefix}_${ids.hex(20)}`;
  const teamId = id('team');
  const users = PEOPLE.map((p) => ({ ...p, id: id('usr') }));
  return { teamId, users, id };
}

export function buildDemoData(seed: number, now: Date, tokens: DemoTokens = randomDemoTokens()): DemoData {
  const { teamId, users, id } = demoIdentity(seed);
  const ctx: DemoContext = { seed, rng: createRng(seed), now, teamId, users, id };
  const at = now.toISOString();

  const accounts = generateAccounts(ctx, DEMO_ACCOUNT_COUNT);
  const contacts = generateContacts(ctx, accounts.plans);
  const byAccount = new Map<string, ContactPlan[]>();
  for (const c of contacts.plans) byAccount.set(c.account.row.id as string, [...(byAccount.get(c.account.row.id as string) ?? []), c]);
  const deals = generateDeals(ctx, accounts.plans);
  const events = generateEvents(ctx, accounts.plans, byAccount);
  const activities = generateActivities(ctx, accounts.plans, byAccount, deals.plans);
  applyLastTouch(activities, accounts.plans, contacts.plans);

  const repOf = (role: DemoRole) => users.find((u) => u.role === role)!;
  const tables: DemoTables = {
    teams: [{ id: teamId, name: DEMO_TEAM_NAME, created_at: at }],
    users: users.map((u) => ({ id: u.id, team_id: teamId, email: u.email, name: u.name, role: u.role, created_at: at, disabled_at: null })),
    api_tokens: DEMO_ROLES.map((role) => ({
      id: id('tok'),
      team_id: teamId,
      user_id: repOf(role).id,
      prefix: displayPrefix(tokens[role]),
      hash: hashToken(tokens[role]),
      label: DEMO_TOKEN_LABEL,
      scope: 'user' as const,
      created_at: at,
      last_used_at: null,
      revoked_at: null,
      expires_at: null,
      replaced_by: null,
    })),
    accounts: accounts.plans.map((p) => p.row),
    account_domains: accounts.domains,
    account_history: accounts.history,
    contacts: contacts.plans.map((p) => p.row),
    contact_emails: contacts.emails,
    technologies: accounts.technologies,
    deals: deals.plans.map((p) => p.row),
    deal_history: deals.history,
    events,
    activities,
    audit_log: [],
  };
  const counts = Object.fromEntries(Object.entries(tables).map(([name, rows]) => [name, rows.length]));
  tables.audit_log.push({ team_id: teamId, actor_id: null, action: 'demo.seed', target: teamId, detail: JSON.stringify({ seed, counts }), at });
  return { teamId, users, tokens, tables };
}

export interface SeedDemoOptions {
  seed?: number;
  /** The anchor every timestamp is relative to. */
  now: Date;
  /** The demo tokens to store (their hashes); fresh random ones when absent. */
  tokens?: DemoTokens;
}

export interface SeededDemo {
  teamId: string;
  tokens: Record<DemoRole, string>;
  counts: Record<keyof DemoTables, number>;
}

/** Writes the demo team in one transaction: all of it or none of it. */
export async function seedDemo(db: DB, options: SeedDemoOptions): Promise<SeededDemo> {
  const data = buildDemoData(options.seed ?? DEMO_SEED, options.now, options.tokens);
  await db.transaction().execute(async (trx) => {
    // Events' natural keys are stored as the team's keyed hashes, as imports and webhooks store
    // theirs (server/ingest/event-keys.ts), so a delivery of a seeded event updates it.
    const keyOf = await eventKeyHasher(trx, data.teamId);
    data.tables.events = data.tables.events.map((event) => ({ ...event, natural_key: keyOf(event.natural_key) }));
    for (const [table, rows] of Object.entries(data.tables) as [keyof DemoTables, Row<keyof DemoTables>[]][]) {
      await insertInChunks(trx, table, rows);
    }
  });
  const counts = Object.fromEntries(Object.entries(data.tables).map(([name, rows]) => [name, rows.length])) as Record<keyof DemoTables, number>;
  return { teamId: data.teamId, tokens: data.tokens, counts };
}
