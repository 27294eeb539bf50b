/**
 * One sync run of a team's CRM connection: take the connection's lease (so two processes never
 * run it at once), open its secret in memory, pull (then write back), and record how the run
 * ended: `ok`, `stopped` (a daily cap: resumes next run) or `failed` with the error. The cursors
 * are saved as the run goes, so any ending resumes where the stored data ends.
 *
 * @example await syncCrm(db, { teamId, provider: 'hubspot', key, now: new Date() })
 */
import type { DB } from '../db/connect.ts';
import { activeConnection, type ConnectionRow, type Provider } from './connections.ts';
import { open } from './secrets.ts';
import { CrmStop, realCallEnv, type CallEnv } from './http.ts';
import { emptyRunTally, teamUserEmails, type RunContext, type RunTally } from './run-context.ts';
import { HubSpotClient } from './hubspot/client.ts';
import { pullHubSpot } from './hubspot/pull.ts';
import { SalesforceClient } from './salesforce/client.ts';
import { pullSalesforce } from './salesforce/pull.ts';
import { pushHubSpot } from './hubspot/push.ts';
import { pushSalesforce } from './salesforce/push.ts';
import { pushHubSpotContacts } from './hubspot/push-contacts.ts';
import { pushSalesforceContacts } from './salesforce/push-contacts.ts';

/** How long a run may hold its lease before another may take over (a crashed run's lease expires). */
const LEASE_MS = 30 * 60_000;

export interface SyncOptions {
  teamId: string;
  provider: Provider;
  key: Buffer;
  now: Date;
  callEnv?: CallEnv;
  /** Tests and the seeded fault run go faster than the CRM's real pace. */
  pacing?: Partial<{ minIntervalMs: number; tries: number; baseBackoffMs: number; maxBackoffMs: number }>;
  pageSize?: number;
  /** `pull`, `push` or both (default). */
  parts?: { pull?: boolean; push?: boolean };
  /**
   * How long a run that pulls waits for a lease held by another run before answering `busy`
   * (default LEASE_WAIT_MS; a write-back only run does not wait: the next minute runs it).
   */
  leaseWaitMs?: number;
}

/**
 * A pull waits this long for the lease: `crm-writeback` runs every minute, so it holds the lease at
 * every `crm-sync` slot's start now and then, and a sync that gave up at once would skip its slot
 * and leave the CRM's changes waiting ten more minutes. A write-back takes seconds.
 */
export const LEASE_WAIT_MS = 60_000;
const LEASE_POLL_MS = 500;

export interface SyncResult {
  status: 'ok' | 'stopped' | 'failed' | 'busy' | 'not-connected';
  error?: string;
  tally: RunTally;
}

/** Half HubSpot's 190 per 10 s, serial (docs/crm.md); Salesforce allows far more per second. */
export const DEFAULT_PACING = {
  hubspot: { minIntervalMs: 110, tries: 5, baseBackoffMs: 1000, maxBackoffMs: 60_000 },
  salesforce: { minIntervalMs: 20, tries: 5, baseBackoffMs: 1000, maxBackoffMs: 60_000 },
};

async function takeLease(db: DB, connection: ConnectionRow, now: Date): Promise<boolean> {
  const at = now.toISOString();
  const result = await db
    .updateTable('crm_connections')
    .set({ lease_until: new Date(now.getTime() + LEASE_MS).toISOString() })
    .where('id', '=', connection.id)
    .where((eb) => eb.or([eb('lease_until', 'is', null), eb('lease_until', '<', at)]))
    .executeTakeFirst();
  return Number(result.numUpdatedRows) === 1;
}

/** The lease, at once or (a run that pulls) once the run holding it lets go, within `leaseWaitMs`. */
async function leaseFor(db: DB, connection: ConnectionRow, options: SyncOptions): Promise<boolean> {
  const pulls = options.parts?.pull !== false;
  const waitMs = pulls ? (options.leaseWaitMs ?? LEASE_WAIT_MS) : 0;
  const sleep = (options.callEnv ?? realCallEnv).sleep;
  for (let waited = 0; ; waited += LEASE_POLL_MS) {
    if (await takeLease(db, connection, options.now)) return true;
    if (waited >= waitMs) return false;
    await sleep(LEASE_POLL_MS);
  }
}

/** One run's steps over one client (one session, one pace): contacts added from a page, pull, activities. */
interface RunSteps {
  contacts(ctx: RunContext): Promise<void>;
  pull(ctx: RunContext): Promise<void>;
  push(ctx: RunContext): Promise<void>;
}
const steps: Record<Provider, (connection: ConnectionRow, secret: string, options: SyncOptions) => RunSteps> = {
  hubspot: (connection, secret, options) => {
    const client = hubspotClient(connection, secret, options);
    return {
      contacts: (ctx) => pushHubSpotContacts(client, ctx),
      pull: (ctx) => pullHubSpot(client, ctx, { pageSize: options.pageSize }),
      push: (ctx) => pushHubSpot(client, ctx),
    };
  },
  salesforce: (connection, secret, options) => {
    const client = salesforceClient(connection, secret, options);
    return { contacts: (ctx) => pushSalesforceContacts(client, ctx), pull: (ctx) => pullSalesforce(client, ctx), push: (ctx) => pushSalesforce(client, ctx) };
  },
};

/** The Salesforce client of a connection (its private key opened for this run). */
export function salesforceClient(connection: ConnectionRow, secret: string, options: SyncOptions): SalesforceClient {
  return new SalesforceClient(
    { loginUrl: connection.login_url ?? connection.base_url, clientId: connection.client_id ?? '', username: connection.username ?? '', privateKey: secret, apiVersion: connection.api_version ?? 'v66.0' },
    options.callEnv ?? realCallEnv,
    { ...DEFAULT_PACING.salesforce, ...options.pacing },
  );
}

export function hubspotClient(connection: ConnectionRow, secret: string, options: SyncOptions): HubSpotClient {
  return new HubSpotClient(connection.base_url, secret, options.callEnv ?? realCallEnv, { ...DEFAULT_PACING.hubspot, ...options.pacing });
}

export async function syncCrm(db: DB, options: SyncOptions): Promise<SyncResult> {
  const tally = emptyRunTally();
  const connection = await activeConnection(db, options.teamId, options.provider);
  if (!connection || !connection.secret_sealed) return { status: 'not-connected', tally };
  if (!(await leaseFor(db, connection, options))) return { status: 'busy', tally };
  const ctx: RunContext = {
    db,
    teamId: options.teamId,
    provider: options.provider,
    now: options.now,
    connectionId: connection.id,
    cursors: JSON.parse(connection.cursors) as Record<string, unknown>,
    userEmails: await teamUserEmails(db, options.teamId),
    tally,
  };
  let status: SyncResult['status'] = 'ok';
  let error: string | undefined;
  try {
    const secret = open(options.key, connection.id, connection.secret_sealed);
    const parts = options.parts ?? { pull: true, push: true };
    const run = steps[options.provider](connection, secret, options);
    // Contacts added from a page go first, before the pull: once the CRM holds one it is linked to
    // ours, so the pull that follows updates it rather than importing a second contact, and an
    // activity logged on it is associated with it.
    if (parts.push !== false) await run.contacts(ctx);
    if (parts.pull !== false) await run.pull(ctx);
    if (parts.push !== false) await run.push(ctx);
  } catch (caught) {
    status = caught instanceof CrmStop ? 'stopped' : 'failed';
    // Messages name HTTP statuses, CRM error codes and record ids; never a secret (none is in them).
    error = caught instanceof Error ? caught.message : String(caught);
  }
  const errors = Object.values(tally.objects).flatMap((t) => t.errors);
  await db
    .updateTable('crm_connections')
    .set({
      lease_until: null,
      last_run_at: options.now.toISOString(),
      last_run_status: status,
      last_error: error ?? (errors.length ? `${errors.length} record(s) refused, first: ${errors[0]}` : null),
      state: status === 'failed' ? 'failing' : 'active',
      updated_at: options.now.toISOString(),
    })
    .where('id', '=', connection.id)
    .execute();
  return { status, ...(error ? { error } : {}), tally };
}
