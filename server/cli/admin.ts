/**
 * `npm run admin -- <command>`: the server operator's tool for teams, users, tokens, imports and
 * erasure. Uses the same database as the server (DATA_DIR or DATABASE_URL) and migrates it first.
 * A user mistake prints one line and exits 2; a refusal (no such team, duplicate email) exits 1.
 *
 * @example
 * npm run admin -- create-team "Acme Sales"
 * npm run admin -- issue-token --user ana@acme.test --label laptop
 */
import { parseArgs } from 'node:util';
import { migrateToLatest, openDatabase, type DB, type OpenedDatabase } from '../db/connect.ts';
import { readEnv } from '../env.ts';
import { createTeam } from '../auth/users.ts';
import { AdminError } from '../admin/errors.ts';
import { addMember, listMembers, NewMember } from '../admin/users.ts';
import { issueMemberToken, listTokens, revokeTeamToken, TokenRequest } from '../admin/tokens.ts';
import { erasePerson, ErasureRequest } from '../admin/erase.ts';

/** Where a command writes; tests capture these instead of the terminal. */
export interface CliIO {
  out(line: string): void;
  err(line: string): void;
}

/** The operator typed something wrong: one line and exit code 2, never a stack trace. */
class UsageError extends Error {
  override name = 'UsageError';
}

/** Left-aligned columns two spaces apart: `formatTable(['id'], [['usr_1']])` → `id\nusr_1`. */
function formatTable(headers: string[], rows: string[][]): string {
  if (rows.length === 0) return '(none)';
  const widths = headers.map((h, i) => Math.max(h.length, ...rows.map((r) => (r[i] ?? '').length)));
  const line = (cells: string[]) => cells.map((cell, i) => cell.padEnd(widths[i]!)).join('  ').trimEnd();
  return [line(headers), ...rows.map(line)].join('\n');
}

export const HELP = `Usage: npm run admin -- <command> [options]

  create-team <name>
  create-user --team <id> --email <e> --name <n> --role admin|manager|rep
  list-users --team <id>
  issue-token --user <id|email> [--team <id>] [--label <text>] [--scope user|webhook]
  list-tokens --team <id>
  revoke-token <id|prefix>
  import <entity> <file.csv> --team <id> [--readmit-erased]
  erase-person --team <id> (--email <e> | --linkedin <url> | --contact <id>)
  help

The database is DATA_DIR (default ./data) or DATABASE_URL when set.`;

type Options = Record<string, { type: 'string' }>;
const str = (...names: string[]): Options => Object.fromEntries(names.map((n) => [n, { type: 'string' as const }]));

/** Parses one command's arguments strictly: an unknown or repeated-meaning option is a usage error. */
function parse(args: string[], options: Options, positionals: number) {
  let parsed;
  try {
    parsed = parseArgs({ args, options, allowPositionals: true, strict: true });
  } catch (error) {
    throw new UsageError((error as Error).message);
  }
  if (parsed.positionals.length !== positionals) {
    throw new UsageError(`expected ${positionals} argument${positionals === 1 ? '' : 's'}, got ${parsed.positionals.length}`);
  }
  return { values: parsed.values as Record<string, string | undefined>, positionals: parsed.positionals };
}

function required(values: Record<string, string | undefined>, name: string): string {
  const value = values[name]?.trim();
  if (!value) throw new UsageError(`--${name} is required`);
  return value;
}

async function requireTeam(db: DB, teamId: string): Promise<string> {
  const team = await db.selectFrom('teams').select('id').where('id', '=', teamId).executeTakeFirst();
  if (!team) throw new AdminError('not-found', `No team with id ${teamId}.`, 'team');
  return team.id;
}

/** A zod failure on CLI input reads as the option at fault. */
function usageFrom(error: { issues: ReadonlyArray<{ path: PropertyKey[]; message: string }> }): UsageError {
  const issue = error.issues[0]!;
  const name = issue.path.map(String).join('.');
  return new UsageError(name ? `--${name}: ${issue.message}` : issue.message);
}

/** A command's exit code when it has its own (imports: 1 when rows were rejected); otherwise 0. */
type Command = (args: string[], db: DB, io: CliIO, now: () => Date) => Promise<number | void>;

const COMMANDS: Record<string, Command> = {
  'create-team': async (args, db, io, now) => {
    const name = parse(args, {}, 1).positionals[0]!.trim();
    if (!name) throw new UsageError('the team name is empty');
    const team = await createTeam(db, name, now());
    io.out(`Created team ${team.id} (${team.name}).`);
  },

  'create-user': async (args, db, io, now) => {
    const { values } = parse(args, str('team', 'email', 'name', 'role'), 0);
    const teamId = await requireTeam(db, required(values, 'team'));
    const input = NewMember.safeParse({ email: required(values, 'email'), name: required(values, 'name'), role: required(values, 'role') });
    if (!input.success) throw usageFrom(input.error);
    const user = await addMember(db, teamId, input.data, null, now());
    io.out(`Created ${user.role} ${user.id} in team ${teamId}.`);
  },

  'list-users': async (args, db, io) => {
    const teamId = await requireTeam(db, required(parse(args, str('team'), 0).values, 'team'));
    const users = await listMembers(db, teamId);
    io.out(formatTable(['id', 'role', 'status', 'email', 'name'], users.map((u) => [u.id, u.role, u.disabledAt ? 'disabled' : 'active', u.email, u.name])));
  },

  'issue-token': async (args, db, io, now) => {
    const { values } = parse(args, str('user', 'team', 'label', 'scope'), 0);
    const who = required(values, 'user');
    const request = TokenRequest.safeParse({ label: values.label, scope: values.scope });
    if (!request.success) throw usageFrom(request.error);
    let query = db
      .selectFrom('users')
      .select(['id', 'team_id'])
      .where((eb) => eb.or([eb('id', '=', who), eb('email', '=', who.toLowerCase())]));
    if (values.team) query = query.where('team_id', '=', values.team);
    const users = await query.limit(2).execute();
    if (users.length === 0) throw new AdminError('not-found', 'No such user.', 'user');
    if (users.length > 1) throw new UsageError('that email is in several teams; add --team <id>');
    const user = users[0]!;
    const issued = await issueMemberToken(db, user.team_id, user.id, request.data, null, now());
    io.out(`Token ${issued.id} for user ${user.id} (scope ${issued.scope}):`);
    io.out('');
    io.out(`  ${issued.token}`);
    io.out('');
    io.out('Copy it now: the server keeps only its hash, so it cannot be shown again.');
  },

  'list-tokens': async (args, db, io) => {
    const teamId = await requireTeam(db, required(parse(args, str('team'), 0).values, 'team'));
    const tokens = await listTokens(db, teamId);
    io.out(
      formatTable(
        ['id', 'prefix', 'scope', 'user', 'label', 'created', 'last used', 'revoked'],
        tokens.map((t) => [t.id, `${t.prefix}…`, t.scope, t.userId, t.label ?? '', t.createdAt, t.lastUsedAt ?? '', t.revokedAt ?? '']),
      ),
    );
  },

  'revoke-token': async (args, db, io, now) => {
    const idOrPrefix = parse(args, {}, 1).positionals[0]!.trim().replace(/…$/, '');
    const result = await revokeTeamToken(db, null, idOrPrefix, null, now());
    io.out(result.alreadyRevoked ? `Token ${result.id} was already revoked.` : `Revoked token ${result.id}.`);
  },

  import: async (args, db, io, now) => {
    // A bare flag: re-add people erased from the team, knowingly (docs/imports.md).
    const readmitErased = args.includes('--readmit-erased');
    const { values, positionals } = parse(args.filter((a) => a !== '--readmit-erased'), str('team'), 2);
    const teamId = await requireTeam(db, required(values, 'team'));
    // Imports are their own module; loading it lazily keeps the other commands fast to start.
    const module = (await import(IMPORT_MODULE).catch((error: unknown) => {
      if (isMissingModule(error)) return null;
      throw error;
    })) as { runImportCommand?: RunImportCommand } | null;
    if (!module?.runImportCommand) throw new AdminError('not-found', 'Imports are not available in this build (server/cli/import.ts is missing).');
    return module.runImportCommand({ db, teamId, entity: positionals[0]!, file: positionals[1]!, now, out: io.out, err: io.err, readmitErased });
  },

  'erase-person': async (args, db, io, now) => {
    const { values } = parse(args, str('team', 'email', 'linkedin', 'contact'), 0);
    const teamId = await requireTeam(db, required(values, 'team'));
    const request = ErasureRequest.safeParse({ email: values.email, linkedin: values.linkedin, contactId: values.contact });
    if (!request.success) throw new UsageError('give exactly one of --email, --linkedin or --contact');
    const result = await erasePerson(db, teamId, request.data, null, now());
    if (result.status === 'not-held') io.out('Nobody in this team matched; nothing was erased (the request is in the audit log).');
    else if (result.status === 'already-erased') io.out(`Contact ${result.contactIds[0] ?? values.contact} was already erased.`);
    else {
      const c = result.counts;
      io.out(`Erased contact ${result.contactIds.join(', ')}: ${c.emails} email(s), ${c.aliases} alias(es), ${c.flags} flag(s) removed; ` +
        `${c.activitiesRedacted} activit${c.activitiesRedacted === 1 ? 'y' : 'ies'} redacted; ${c.eventsUnlinked} event(s) unlinked, ${c.eventsRedacted} event(s) redacted, ${c.digestsRedacted} digest(s) redacted. ` +
        'Imports will not bring the person back. Extensions forget the person on their next sync.');
    }
  },
};

/** What `server/cli/import.ts` exports for this command. */
export type RunImportCommand = (options: {
  db: DB;
  teamId: string;
  entity: string;
  file: string;
  now: () => Date;
  out: (line: string) => void;
  err: (line: string) => void;
  readmitErased: boolean;
}) => Promise<number>;
const IMPORT_MODULE = './import.ts';
const isMissingModule = (error: unknown) =>
  (error as { code?: unknown })?.code === 'ERR_MODULE_NOT_FOUND' || /cannot find module|failed to load/i.test(String(error));

/**
 * Runs one admin command and returns the exit code. Tests pass `db` (and a fixed clock);
 * otherwise the database comes from the environment.
 *
 * @example process.exitCode = await runAdmin(['list-users', '--team', 'team_1'])
 */
export async function runAdmin(
  argv: string[],
  options: { env?: NodeJS.ProcessEnv; io?: CliIO; now?: () => Date; db?: OpenedDatabase } = {},
): Promise<number> {
  const io = options.io ?? { out: (l) => console.log(l), err: (l) => console.error(l) };
  const [name, ...args] = argv;
  if (!name || name === 'help' || name === '--help' || name === '-h') {
    io.out(HELP);
    return name ? 0 : 2;
  }
  // Own keys only: `constructor` or `toString` is not a command.
  const command = Object.hasOwn(COMMANDS, name) ? COMMANDS[name] : undefined;
  if (!command) {
    io.err(`Unknown command "${name}". Run "npm run admin -- help" for the list.`);
    return 2;
  }
  let db = options.db;
  try {
    if (!db) {
      const env = readEnv(options.env ?? process.env);
      db = await openDatabase({ databaseUrl: env.DATABASE_URL, dataDir: env.DATA_DIR });
      await migrateToLatest(db);
    }
    return (await command(args, db.kysely, io, options.now ?? (() => new Date()))) ?? 0;
  } catch (error) {
    if (error instanceof UsageError) {
      const usage = HELP.split('\n').find((l) => l.startsWith(`  ${name} `) || l === `  ${name}`);
      io.err(`${name}: ${error.message}\nUsage: npm run admin -- ${usage?.trim() ?? name}`);
      return 2;
    }
    if (error instanceof AdminError) {
      io.err(`${name}: ${error.message}`);
      return 1;
    }
    // A bug or an unreachable database: the message helps; the stack only with DEBUG set.
    io.err(`${name} failed: ${error instanceof Error ? error.message : String(error)}`);
    if (process.env.DEBUG && error instanceof Error) io.err(error.stack ?? '');
    return 1;
  } finally {
    if (db && !options.db) await db.close();
  }
}

if (import.meta.url === `file://${process.argv[1]}`) {
  process.exitCode = await runAdmin(process.argv.slice(2));
}
