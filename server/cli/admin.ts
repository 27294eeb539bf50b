/**
 * `npm run admin -- <command>`: the server operator's tool for teams, users, tokens, imports and
 * erasure. Uses the same database as the server (DATA_DIR or DATABASE_URL) and migrates it first.
 * A user mistake prints one line and exits 2; a refusal (no such team, duplicate email) exits 1.
 *
 * @example
 * npm run admin -- create-team "Acme Sales"
 * npm run admin -- issue-token --user ana@acme.test --label laptop --expires-in 90d
 * npm run admin -- rotate-token shk_3fA9xQ --grace 2d
 */
import { parseArgs } from 'node:util';
import { migrateToLatest, openDatabase, type DB, type OpenedDatabase } from '../db/connect.ts';
import { readEnv, type ServerEnv } from '../env.ts';
import { createTeam } from '../auth/users.ts';
import { AdminError } from '../admin/errors.ts';
import { addMember, listMembers, NewMember } from '../admin/users.ts';
import { issueMemberToken, listTokens, revokeTeamToken, rotateTeamToken, RotateRequest, TokenRequest } from '../admin/tokens.ts';
import { reissueDemoTokens, revokeDemoTokens } from '../admin/demo-tokens.ts';
import { erasePerson, ERASURE_TABLES, ErasureRequest } from '../admin/erase.ts';
import { compactDatabase } from '../db/purge.ts';
import { connectCrm, disconnectCrm, isProvider, listConnections, PROVIDERS, type ConnectRequest } from '../crm/connections.ts';
import { secretsKey, SecretsKeyError } from '../crm/secrets.ts';
import fs from 'node:fs';

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
  issue-token --user <id|email> [--team <id>] [--label <text>] [--scope user|webhook] [--expires-in 90d|12h]
  list-tokens --team <id>
  rotate-token <id|prefix> [--grace 7d] [--expires-in 90d|12h]
  revoke-token <id|prefix>
  revoke-demo-tokens
  issue-demo-tokens
  import <entity> <file.csv> --team <id> [--encoding <charset>] [--readmit-erased]
  erase-person --team <id> (--email <e> | --linkedin <url> | --contact <id>)
  compact
  crm-connect hubspot --team <id> --token-file <file> [--base-url <url>]
  crm-connect salesforce --team <id> --login-url <url> --client-id <id> --username <user> --key-file <file>
  crm-status --team <id>
  crm-disconnect hubspot|salesforce --team <id>
  help

Tokens never expire unless issued with --expires-in. rotate-token gives the same user a new
token; the old one keeps working for the grace period (default 7d, 0h ends it at once) and the
new one lives as long as the old was meant to (or --expires-in). list-tokens shows each token's
last use, to the nearest 10 minutes. revoke-demo-tokens revokes every token of the demo team
(needed before npm start listens on anything but loopback); issue-demo-tokens writes new random
ones to DATA_DIR/demo-tokens.json, which npm start prints.

The database is DATA_DIR (default ./data) or DATABASE_URL when set.
crm-connect reads the HubSpot token or the Salesforce private key from the file named and stores
it only encrypted under SECRETS_KEY (or SECRETS_KEY_FILE), which must be set: docs/crm.md.

compact rewrites the database so deleted rows leave no bytes behind (run it once after upgrading
from a version without secure_delete; on PostgreSQL it locks each table it rewrites): docs/privacy.md.`;

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
  // Options are spelled in kebab case (`expiresIn` is `--expires-in`).
  const name = issue.path.map((part) => String(part).replace(/[A-Z]/g, (c) => `-${c.toLowerCase()}`)).join('.');
  return new UsageError(name ? `--${name}: ${issue.message}` : issue.message);
}

/** A command's exit code when it has its own (imports: 1 when rows were rejected); otherwise 0. */
type Command = (args: string[], db: DB, io: CliIO, now: () => Date, dataDir: () => string, env: () => ServerEnv) => Promise<number | void>;

/** Prints a token that exists only now, and says so. */
function printNewToken(io: CliIO, heading: string, token: string, expiresAt: string | null) {
  io.out(heading);
  io.out('');
  io.out(`  ${token}`);
  io.out('');
  io.out(expiresAt ? `It expires on ${expiresAt}.` : 'It does not expire.');
  io.out('Copy it now: the server keeps only its hash, so it cannot be shown again.');
}

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
    const { values } = parse(args, str('user', 'team', 'label', 'scope', 'expires-in'), 0);
    const who = required(values, 'user');
    const request = TokenRequest.safeParse({ label: values.label, scope: values.scope, expiresIn: values['expires-in'] });
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
    printNewToken(io, `Token ${issued.id} for user ${user.id} (scope ${issued.scope}):`, issued.token, issued.expiresAt);
  },

  'list-tokens': async (args, db, io, now) => {
    const teamId = await requireTeam(db, required(parse(args, str('team'), 0).values, 'team'));
    const tokens = await listTokens(db, teamId, now());
    io.out(
      formatTable(
        ['id', 'prefix', 'status', 'scope', 'user', 'label', 'created', 'last used', 'expires', 'revoked', 'replaced by'],
        tokens.map((t) => [
          t.id,
          `${t.prefix}…`,
          t.status,
          t.scope,
          t.userId,
          t.label ?? '',
          t.createdAt,
          t.lastUsedAt ?? 'never',
          t.expiresAt ?? 'never',
          t.revokedAt ?? '',
          t.replacedBy ?? '',
        ]),
      ),
    );
  },

  'rotate-token': async (args, db, io, now) => {
    const { values, positionals } = parse(args, str('grace', 'expires-in'), 1);
    const request = RotateRequest.safeParse({ grace: values.grace, expiresIn: values['expires-in'] });
    if (!request.success) throw usageFrom(request.error);
    const rotated = await rotateTeamToken(db, null, positionals[0]!.trim().replace(/…$/, ''), request.data, null, now());
    printNewToken(io, `Token ${rotated.id} for user ${rotated.userId} (scope ${rotated.scope}), replacing ${rotated.replaced.id}:`, rotated.token, rotated.expiresAt);
    io.out(`The old token ${rotated.replaced.id} keeps working until ${rotated.replaced.expiresAt}.`);
  },

  'revoke-demo-tokens': async (args, db, io, now, dataDir) => {
    parse(args, {}, 0);
    const result = await revokeDemoTokens(db, dataDir(), now());
    if (!result.teamFound) io.out('This database has no demo team; nothing to revoke.');
    else io.out(`Revoked ${result.revoked} token${result.revoked === 1 ? '' : 's'} of the demo team and removed the demo token file. npm start may now listen beyond loopback.`);
  },

  'issue-demo-tokens': async (args, db, io, now, dataDir) => {
    parse(args, {}, 0);
    const { path } = await reissueDemoTokens(db, dataDir(), now());
    io.out(`Issued new demo tokens for the rep, the manager and the admin; npm start prints them (they are in ${path}, readable by you alone).`);
  },

  'revoke-token': async (args, db, io, now) => {
    const idOrPrefix = parse(args, {}, 1).positionals[0]!.trim().replace(/…$/, '');
    const result = await revokeTeamToken(db, null, idOrPrefix, null, now());
    io.out(result.alreadyRevoked ? `Token ${result.id} was already revoked.` : `Revoked token ${result.id}.`);
  },

  import: async (args, db, io, now) => {
    // A bare flag: re-add people erased from the team, knowingly (docs/imports.md).
    const readmitErased = args.includes('--readmit-erased');
    const { values, positionals } = parse(args.filter((a) => a !== '--readmit-erased'), str('team', 'encoding'), 2);
    const teamId = await requireTeam(db, required(values, 'team'));
    // Imports are their own module; loading it lazily keeps the other commands fast to start.
    const module = (await import(IMPORT_MODULE).catch((error: unknown) => {
      if (isMissingModule(error)) return null;
      throw error;
    })) as { runImportCommand?: RunImportCommand } | null;
    if (!module?.runImportCommand) throw new AdminError('not-found', 'Imports are not available in this build (server/cli/import.ts is missing).');
    return module.runImportCommand({ db, teamId, entity: positionals[0]!, file: positionals[1]!, now, out: io.out, err: io.err, readmitErased, encoding: values.encoding });
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

  'crm-connect': async (args, db, io, now, _dataDir, env) => {
    const { values, positionals } = parse(args, str('team', 'token-file', 'base-url', 'login-url', 'client-id', 'username', 'key-file'), 1);
    const provider = positionals[0]!;
    if (!isProvider(provider)) throw new UsageError(`the provider is one of ${PROVIDERS.join(', ')}`);
    const allowed = provider === 'hubspot' ? ['team', 'token-file', 'base-url'] : ['team', 'login-url', 'client-id', 'username', 'key-file'];
    const stray = Object.keys(values).find((k) => !allowed.includes(k));
    if (stray) throw new UsageError(`--${stray} is not an option of crm-connect ${provider}`);
    const teamId = await requireTeam(db, required(values, 'team'));
    // The key first: without it the secret could not be stored, so the file is not even read.
    const key = secretsKey(env());
    const request: ConnectRequest =
      provider === 'hubspot'
        ? { provider, token: readSecretFile(values, 'token-file'), ...(values['base-url'] ? { baseUrl: values['base-url'] } : {}) }
        : {
            provider,
            loginUrl: required(values, 'login-url'),
            clientId: required(values, 'client-id'),
            username: required(values, 'username'),
            privateKey: readSecretFile(values, 'key-file'),
          };
    const connection = await connectCrm(db, teamId, request, key, null, now());
    io.out(`Connected ${provider} for team ${teamId} as ${connection.id} (${connection.baseUrl}); the secret is stored encrypted. You may delete the file now.`);
    io.out(`Run a first sync: npm run jobs -- run crm-sync --team ${teamId}`);
  },

  'crm-status': async (args, db, io) => {
    const teamId = await requireTeam(db, required(parse(args, str('team'), 0).values, 'team'));
    const connections = await listConnections(db, teamId);
    io.out(
      formatTable(
        ['id', 'provider', 'state', 'url', 'last run', 'status', 'pending writes', 'failed writes', 'error'],
        connections.map((c) => [c.id, c.provider, c.state, c.baseUrl, c.lastRunAt ?? 'never', c.lastRunStatus ?? '', String(c.pendingWrites), String(c.failedWrites), c.lastError ?? '']),
      ),
    );
    for (const c of connections) if (Object.keys(c.cursors).length) io.out(`${c.provider} cursors: ${JSON.stringify(c.cursors)}`);
  },

  'crm-disconnect': async (args, db, io, now) => {
    const { values, positionals } = parse(args, str('team'), 1);
    const provider = positionals[0]!;
    if (!isProvider(provider)) throw new UsageError(`the provider is one of ${PROVIDERS.join(', ')}`);
    const teamId = await requireTeam(db, required(values, 'team'));
    const result = await disconnectCrm(db, teamId, provider, null, now());
    io.out(result.alreadyDisconnected ? `${provider} was already disconnected.` : `Disconnected ${provider} for team ${teamId}: its secret is deleted; cursors and history stay for a reconnect.`);
  },

  compact: async (args, db, io) => {
    parse(args, {}, 0);
    const outcome = await compactDatabase(db, ERASURE_TABLES);
    io.out(outcome.done ? 'Compacted: deleted rows leave no bytes in the database files.' : 'Compacted, but a reader kept the WAL from being truncated; run compact again when the server is idle.');
    return outcome.done ? 0 : 1;
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
  /** `--encoding windows-1252`: the file is not UTF-8. */
  encoding?: string;
}) => Promise<number>;
const IMPORT_MODULE = './import.ts';

/** A secret from the file the admin named; the message names the option, never the content. */
function readSecretFile(values: Record<string, string | undefined>, option: string): string {
  const file = required(values, option);
  try {
    return fs.readFileSync(file, 'utf8').trim();
  } catch {
    throw new UsageError(`--${option}: cannot read that file`);
  }
}
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
  options: { env?: NodeJS.ProcessEnv; io?: CliIO; now?: () => Date; db?: OpenedDatabase; dataDir?: string } = {},
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
    const dataDir = () => options.dataDir ?? readEnv(options.env ?? process.env).DATA_DIR;
    const env = () => readEnv(options.env ?? process.env);
    return (await command(args, db.kysely, io, options.now ?? (() => new Date()), dataDir, env)) ?? 0;
  } catch (error) {
    if (error instanceof UsageError) {
      const usage = HELP.split('\n').find((l) => l.startsWith(`  ${name} `) || l === `  ${name}`);
      io.err(`${name}: ${error.message}\nUsage: npm run admin -- ${usage?.trim() ?? name}`);
      return 2;
    }
    if (error instanceof AdminError || error instanceof SecretsKeyError) {
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
