/**
 * A team's CRM connections: connect (the secret sealed, never kept in clear), read their state
 * for the admin, disconnect. Shared by the admin CLI (`crm-connect`, `crm-status`,
 * `crm-disconnect`) and `GET /v1/admin/crm`. A view never carries the secret, sealed or not.
 *
 * Reconnecting a provider replaces its URLs and secret and keeps its cursors, so a rotated token
 * does not restart the sync from scratch; a changed base URL (another portal or org) resets them.
 */
import { z } from 'zod';
import type { DB } from '../db/connect.ts';
import type { CrmConnectionsTable } from '../db/schema.ts';
import type { Selectable } from 'kysely';
import { audit } from '../db/audit.ts';
import { newId } from '../auth/users.ts';
import { AdminError } from '../admin/errors.ts';
import { seal } from './secrets.ts';

export const PROVIDERS = ['hubspot', 'salesforce'] as const;
export type Provider = (typeof PROVIDERS)[number];
export type ConnectionRow = Selectable<CrmConnectionsTable>;

/** The Salesforce REST version we speak (pinned: docs/crm.md). */
export const SALESFORCE_API_VERSION = 'v66.0';

const httpUrl = z
  .url({ protocol: /^https?$/, error: 'must be an http(s) URL' })
  .transform((u) => u.replace(/\/+$/, ''));

export const HubSpotConnect = z.strictObject({
  provider: z.literal('hubspot'),
  baseUrl: httpUrl.default('https://api.hubapi.com'),
  token: z.string().trim().min(10, 'the token file looks empty or truncated').max(10_000),
});

export const SalesforceConnect = z.strictObject({
  provider: z.literal('salesforce'),
  loginUrl: httpUrl,
  clientId: z.string().trim().min(1).max(500),
  username: z.string().trim().min(1).max(300),
  privateKey: z
    .string()
    .max(20_000)
    .refine((pem) => /-----BEGIN (RSA )?PRIVATE KEY-----/.test(pem), 'must be a PEM private key (-----BEGIN PRIVATE KEY-----)'),
});

export const ConnectRequest = z.discriminatedUnion('provider', [HubSpotConnect, SalesforceConnect]);
export type ConnectRequest = z.input<typeof ConnectRequest>;

/** What an admin sees of a connection: everything but the secret. */
export interface ConnectionView {
  id: string;
  provider: Provider;
  state: CrmConnectionsTable['state'];
  baseUrl: string;
  loginUrl: string | null;
  clientId: string | null;
  username: string | null;
  apiVersion: string | null;
  hasSecret: boolean;
  cursors: Record<string, unknown>;
  lastRunAt: string | null;
  lastRunStatus: string | null;
  lastError: string | null;
  pendingWrites: number;
  failedWrites: number;
  createdAt: string;
  updatedAt: string;
}

/** Outbox counts per connection: waiting (pending or unknown) and failed writes. */
async function writeCounts(db: DB, ids: string[]): Promise<Map<string, { pending: number; failed: number }>> {
  if (ids.length === 0) return new Map();
  const rows = await db
    .selectFrom('crm_writes')
    .select(['connection_id', 'state', (eb) => eb.fn.countAll<number>().as('n')])
    .where('connection_id', 'in', ids)
    .where('state', 'in', ['pending', 'unknown', 'failed'])
    .groupBy(['connection_id', 'state'])
    .execute();
  const out = new Map<string, { pending: number; failed: number }>();
  for (const r of rows) {
    const entry = out.get(r.connection_id) ?? { pending: 0, failed: 0 };
    if (r.state === 'failed') entry.failed += Number(r.n);
    else entry.pending += Number(r.n);
    out.set(r.connection_id, entry);
  }
  return out;
}

export function viewOf(row: ConnectionRow, counts = { pending: 0, failed: 0 }): ConnectionView {
  return {
    id: row.id,
    provider: row.provider,
    state: row.state,
    baseUrl: row.base_url,
    loginUrl: row.login_url,
    clientId: row.client_id,
    username: row.username,
    apiVersion: row.api_version,
    hasSecret: row.secret_sealed !== null,
    cursors: JSON.parse(row.cursors) as Record<string, unknown>,
    lastRunAt: row.last_run_at,
    lastRunStatus: row.last_run_status,
    lastError: row.last_error,
    pendingWrites: counts.pending,
    failedWrites: counts.failed,
    createdAt: row.created_at,
    updatedAt: row.updated_at,
  };
}

/**
 * Connects (or reconnects) a team's CRM. The secret is sealed under `key` bound to the row's id.
 *
 * @example await connectCrm(db, teamId, { provider: 'hubspot', token }, key, null, now)
 */
export async function connectCrm(db: DB, teamId: string, input: ConnectRequest, key: Buffer, actorId: string | null, now: Date): Promise<ConnectionView> {
  const parsed = ConnectRequest.safeParse(input);
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    throw new AdminError('invalid', issue.message, String(issue.path[0] ?? 'provider'));
  }
  const request = parsed.data;
  const at = now.toISOString();
  const existing = await db.selectFrom('crm_connections').selectAll().where('team_id', '=', teamId).where('provider', '=', request.provider).executeTakeFirst();
  const id = existing?.id ?? newId('crm');
  const fields =
    request.provider === 'hubspot'
      ? { base_url: request.baseUrl, login_url: null, client_id: null, username: null, api_version: null, secret_sealed: seal(key, id, request.token) }
      : {
          base_url: request.loginUrl,
          login_url: request.loginUrl,
          client_id: request.clientId,
          username: request.username,
          api_version: SALESFORCE_API_VERSION,
          secret_sealed: seal(key, id, request.privateKey),
        };
  if (existing) {
    const movedElsewhere = existing.base_url !== fields.base_url || existing.username !== fields.username;
    await db
      .updateTable('crm_connections')
      .set({ ...fields, state: 'active', last_error: null, updated_at: at, ...(movedElsewhere ? { cursors: '{}' } : {}) })
      .where('id', '=', id)
      .execute();
  } else {
    await db
      .insertInto('crm_connections')
      .values({ id, team_id: teamId, provider: request.provider, state: 'active', ...fields, cursors: '{}', lease_until: null, last_run_at: null, last_run_status: null, last_error: null, created_at: at, updated_at: at })
      .execute();
  }
  await audit(db, { teamId, actorId, action: existing ? 'crm.reconnect' : 'crm.connect', target: id, detail: { provider: request.provider } }, now);
  const row = await db.selectFrom('crm_connections').selectAll().where('id', '=', id).executeTakeFirstOrThrow();
  return viewOf(row);
}

/** Every connection of the team (disconnected ones too, for their history), with outbox counts. */
export async function listConnections(db: DB, teamId: string): Promise<ConnectionView[]> {
  const rows = await db.selectFrom('crm_connections').selectAll().where('team_id', '=', teamId).orderBy('provider').execute();
  const counts = await writeCounts(db, rows.map((r) => r.id));
  return rows.map((r) => viewOf(r, counts.get(r.id)));
}

/** The team's live connection to `provider` (with its sealed secret), for a run; null when none. */
export async function activeConnection(db: DB, teamId: string, provider: Provider): Promise<ConnectionRow | null> {
  const row = await db
    .selectFrom('crm_connections')
    .selectAll()
    .where('team_id', '=', teamId)
    .where('provider', '=', provider)
    .where('state', '!=', 'disconnected')
    .executeTakeFirst();
  return row ?? null;
}

/** Disconnects: the sealed secret is deleted, the cursors and history stay (a reconnect resumes). */
export async function disconnectCrm(db: DB, teamId: string, provider: Provider, actorId: string | null, now: Date): Promise<{ alreadyDisconnected: boolean }> {
  const row = await db.selectFrom('crm_connections').select(['id', 'state']).where('team_id', '=', teamId).where('provider', '=', provider).executeTakeFirst();
  if (!row) throw new AdminError('not-found', `This team has no ${provider} connection.`, 'provider');
  if (row.state === 'disconnected') return { alreadyDisconnected: true };
  await db.updateTable('crm_connections').set({ state: 'disconnected', secret_sealed: null, lease_until: null, updated_at: now.toISOString() }).where('id', '=', row.id).execute();
  await audit(db, { teamId, actorId, action: 'crm.disconnect', target: row.id, detail: { provider } }, now);
  return { alreadyDisconnected: false };
}

export const isProvider = (value: string): value is Provider => (PROVIDERS as readonly string[]).includes(value);
