/**
 * Table types for Kysely. Times are ISO-8601 UTC strings (`2026-11-23T09:00:00.000Z`) in both
 * dialects so they compare as text; calendar dates are `YYYY-MM-DD`. JSON lives in text columns
 * (parsed at the edges) so SQLite and PostgreSQL read and write the same values.
 * `field_sources` holds per-field provenance: `{ "<field>": { "source": "...", "refreshedAt": "..." } }`.
 */
import type { ColumnType, Generated, Insertable, Kysely, Selectable, Updateable } from 'kysely';

// The database handle's and the dialect's types live here, below connect.ts, so the migrations,
// execute.ts and team-salt.ts (which connect.ts imports) can name them without importing it back.
export type Dialect = 'sqlite' | 'postgres';

export type Role = 'admin' | 'manager' | 'rep';

export interface TeamsTable {
  id: string;
  name: string;
  created_at: string;
}

export interface UsersTable {
  id: string;
  team_id: string;
  email: string;
  name: string;
  role: Role;
  created_at: string;
  disabled_at: string | null;
}

export interface ApiTokensTable {
  id: string;
  team_id: string;
  user_id: string;
  /** The first characters of the token, safe to show ("shk_3fA9x…"). */
  prefix: string;
  /** sha256 hex of the whole token; the token itself is never stored. */
  hash: string;
  label: string | null;
  /** `user` tokens act as their user; `webhook` tokens may only deliver webhooks. */
  scope: 'user' | 'webhook';
  created_at: string;
  /** Written at most once per few minutes per token (server/http/auth.ts), not on every request. */
  last_used_at: string | null;
  revoked_at: string | null;
  /** When the token stops working; null: never. A rotation sets the old token's to the end of its grace period. */
  expires_at: string | null;
  /** The token a rotation issued in this one's place. */
  replaced_by: string | null;
}

export interface AccountsTable {
  id: string;
  team_id: string;
  external_id: string | null;
  name: string;
  tier: number | null;
  stage: string;
  stage_set_by: string | null;
  tier_set_by: string | null;
  owner_id: string | null;
  territory: string | null;
  industry: string | null;
  employees: number | null;
  location: string | null;
  country: string | null;
  revenue: number | null;
  funding: string | null;
  description: string | null;
  field_sources: string;
  /** Denormalised from activities so the review queue and briefs need no scan. */
  last_touch_at: string | null;
  last_touch_type: string | null;
  last_touch_by: string | null;
  created_at: string;
  updated_at: string;
  /** When the CRM deleted it (migration 0024): briefs, resolution, search and digests skip it. */
  crm_deleted_at: string | null;
}

export interface AccountDomainsTable {
  team_id: string;
  domain: string;
  account_id: string;
}

export interface AccountHistoryTable {
  id: Generated<number>;
  team_id: string;
  account_id: string;
  kind: 'stage' | 'tier';
  from_value: string | null;
  to_value: string;
  changed_at: string;
  /** A user id, or `rule:<name>` when intelligence changed it. */
  changed_by: string;
  reason: string | null;
}

export interface ContactsTable {
  id: string;
  team_id: string;
  account_id: string | null;
  external_id: string | null;
  name: string;
  /** Lower-cased, accent-folded name for suggestions. */
  name_key: string;
  title: string | null;
  seniority: string | null;
  department: string | null;
  location: string | null;
  buying_role: string | null;
  linkedin_slug: string | null;
  tenure_start: string | null;
  past_employers: string;
  field_sources: string;
  /** JSON array of phone numbers: E.164 where the country was known, else as typed (migration 0012). */
  phones: Generated<string>;
  /** The extension's id for a contact a rep added from a page (`POST /v1/contacts`), unique per team. */
  client_id: string | null;
  /** JSON: where a rep added the contact from ({ site, url, userId, at }); null for imported contacts. */
  origin: string | null;
  last_touch_at: string | null;
  last_touch_type: string | null;
  last_touch_by: string | null;
  created_at: string;
  updated_at: string;
  /** When the CRM deleted it (migration 0024): briefs, resolution, search and digests skip it. */
  crm_deleted_at: string | null;
}

export interface ContactEmailsTable {
  team_id: string;
  email: string;
  contact_id: string;
}

export interface TechnologiesTable {
  id: Generated<number>;
  team_id: string;
  account_id: string;
  name: string;
  category: string | null;
  competitor: number;
  added_at: string | null;
  removed_at: string | null;
  source: string | null;
  refreshed_at: string | null;
  /** When the import that set `added_at` / `removed_at` ran: the digest places the change by it. NULL reads as the date itself. */
  added_known_at: ColumnType<string | null, string | null | undefined, string | null>;
  removed_known_at: ColumnType<string | null, string | null | undefined, string | null>;
}

export interface DealsTable {
  id: string;
  team_id: string;
  account_id: string;
  external_id: string | null;
  name: string;
  stage: string;
  amount: number | null;
  currency: string;
  close_date: string | null;
  forecast_category: string;
  next_step: string | null;
  competitor: string | null;
  owner_id: string | null;
  stage_changed_at: string;
  created_at: string;
  updated_at: string;
  /** When the CRM deleted it (migration 0024): briefs, resolution, search and digests skip it. */
  crm_deleted_at: string | null;
}

export interface DealHistoryTable {
  id: Generated<number>;
  team_id: string;
  deal_id: string;
  field: 'stage' | 'close_date' | 'amount' | 'forecast_category';
  from_value: string | null;
  to_value: string | null;
  changed_at: string;
}

/** Raw events: web visits, intent scores, company events. Signals are derived from these. */
export interface EventsTable {
  id: Generated<number>;
  team_id: string;
  account_id: string;
  contact_id: string | null;
  kind: string;
  occurred_at: string;
  source: string;
  /** Unique per team and source: re-imports and re-deliveries upsert instead of duplicating. */
  natural_key: string;
  delivery_id: string | null;
  data: string;
  /**
   * When we learned of it (the import or delivery that brought it, set again when its content
   * changes), as opposed to `occurred_at`, when it happened. NULL reads as `occurred_at`.
   */
  known_at: ColumnType<string | null, string | null | undefined, string | null>;
}

export interface WebhookDeliveriesTable {
  team_id: string;
  source: string;
  delivery_id: string;
  received_at: string;
  result: string;
}

export interface ActivitiesTable {
  id: string;
  team_id: string;
  natural_key: string | null;
  type: string;
  subject: string | null;
  body: string | null;
  occurred_at: string;
  contact_id: string | null;
  account_id: string | null;
  deal_id: string | null;
  user_id: string | null;
  surface: string;
  /** sha256 of the canonical payload: a replay with the same id must carry the same payload. */
  payload_hash: string;
  recorded_at: string;
}

/** The other CRM people on a logged touch (migration 0025); the primary contact is `activities.contact_id`, not repeated here. */
export interface ActivityParticipantsTable {
  team_id: string;
  activity_id: string;
  contact_id: string;
  /** The activity's `occurred_at`, so a person's newest touch is read from the index. */
  occurred_at: string;
}

export interface AliasesTable {
  id: string;
  team_id: string;
  /** `linkedin:<slug>`, `email:<address>`, `domain:<domain>`. */
  ref_key: string;
  contact_id: string | null;
  account_id: string | null;
  created_by: string;
  created_at: string;
}

export interface FlagsTable {
  id: string;
  team_id: string;
  user_id: string;
  entity: 'account' | 'contact' | 'deal' | 'technology';
  entity_id: string;
  field: string;
  problem: string;
  suggested_value: string | null;
  status: 'open' | 'resolved' | 'rejected';
  resolution: string | null;
  created_at: string;
  resolved_at: string | null;
  resolved_by: string | null;
}

export interface SettingsTable {
  team_id: string;
  key: string;
  value: string;
  updated_at: string;
}

/**
 * An account's derived intelligence, persisted (server/briefs/snapshot.ts): everything of a brief
 * that depends only on the account and the clock, as JSON. Deleted by every writer that changes
 * what a brief shows; recomputed on the next brief or by the nightly `intel:refresh`.
 */
export interface AccountIntelTable {
  team_id: string;
  account_id: string;
  computed_at: string;
  valid_until: string;
  /** The core of the account's intelligence (IntelCore) as JSON. */
  payload: string;
  /** Its shown parts (ShownIntel) as JSON; null in rows written before migration 0005. */
  shown: string | null;
}

export interface DigestsTable {
  team_id: string;
  user_id: string;
  /** The UTC day (YYYY-MM-DD) the digest is for. */
  day: string;
  since: string;
  generated_at: string;
  payload: string;
}

/** A day's digest emailed to a rep: a claim while sending, then sent (migration 0004). */
export interface DigestDeliveriesTable {
  team_id: string;
  user_id: string;
  day: string;
  claimed_at: string;
  sent_at: string | null;
  message_id: string | null;
}

export interface SignalStatesTable {
  team_id: string;
  user_id: string;
  signal_key: string;
  state: 'seen' | 'acted' | 'dismissed';
  changed_at: string;
}

export interface AuditLogTable {
  id: Generated<number>;
  team_id: string;
  actor_id: string | null;
  action: string;
  target: string | null;
  detail: string;
  at: string;
}

/** Erased people: tombstones for `/v1/changes`, so every rep's local cache forgets them too. */
export interface TombstonesTable {
  id: Generated<number>;
  team_id: string;
  entity: string;
  entity_id: string;
  at: string;
}

/** One random salt per team for `erased_keys` (migration 0006), created at its first erasure. */
export interface ErasureSaltsTable {
  team_id: string;
  /** 32 random bytes, hex. */
  salt: string;
}

/**
 * The identifying keys of erased people, as HMAC-SHA-256(team salt, `email:<address>` or
 * `linkedin:<slug>` or `external:<crm id>`) hex: imports refuse to bring them back (server/admin/erased-keys.ts).
 */
export interface ErasedKeysTable {
  team_id: string;
  key_hash: string;
  erased_at: string;
}

/** Selector drift tallies (migration 0011, shared/drift.ts): one row per key below and reporting user. */
export interface DriftReportsTable {
  team_id: string;
  site: string;
  page_kind: string;
  selector: string;
  extension_version: string;
  /** The UTC day the selectors failed, `YYYY-MM-DD`. */
  day: string;
  user_id: string;
  count: number;
  first_seen_at: string;
  last_seen_at: string;
}

/** Calendar meetings the team's extensions saw (migration 0014, server/meetings/store.ts). */
export interface MeetingsTable {
  team_id: string;
  event_id: string;
  /** UTC to the second: `2026-12-08T15:00:00Z`. */
  start: string;
  provider: string;
  conference_id: string;
  /** JSON array of normalised addresses. */
  attendees: string;
  created_by: string;
  created_at: string;
  updated_at: string;
}

/** A team's connection to its CRM (migration 0015; server/crm/connections.ts). */
export interface CrmConnectionsTable {
  id: string;
  team_id: string;
  provider: 'hubspot' | 'salesforce';
  state: 'active' | 'failing' | 'disconnected';
  base_url: string;
  login_url: string | null;
  client_id: string | null;
  username: string | null;
  api_version: string | null;
  /** AES-256-GCM under SECRETS_KEY (server/crm/secrets.ts); never the secret in clear. */
  secret_sealed: string | null;
  /** JSON: each object's incremental cursor (`{ "companies": { "since": "…" } }`). */
  cursors: Generated<string>;
  lease_until: string | null;
  last_run_at: string | null;
  last_run_status: string | null;
  last_error: string | null;
  created_at: string;
  updated_at: string;
}

/** What the sync last saw of a CRM record (migration 0016; server/crm/store.ts). */
export interface CrmRecordsTable {
  team_id: string;
  provider: string;
  object: 'account' | 'contact' | 'deal';
  crm_id: string;
  local_id: string | null;
  /** JSON: the mapped values last seen in the CRM. */
  seen: string;
  modified_at: string;
  deleted_at: string | null;
}

/** The write-back outbox (migration 0017; server/crm/outbox.ts). */
export interface CrmWritesTable {
  connection_id: string;
  /** The activity's id, or for a `contact` write the contact's (migration 0023). */
  activity_id: string;
  /** `activity` or `contact` (Add as contact). */
  kind: Generated<'activity' | 'contact'>;
  team_id: string;
  contact_id: string | null;
  state: 'pending' | 'unknown' | 'sent' | 'failed' | 'skipped';
  crm_type: string | null;
  crm_id: string | null;
  attempts: Generated<number>;
  last_error: string | null;
  created_at: string;
  updated_at: string;
}

/** One run of a job (migration 0018; server/jobs/runs.ts). */
export interface JobRunsTable {
  id: string;
  job: string;
  team_id: string | null;
  engine: 'pg-boss' | 'in-process' | 'cli';
  started_at: string;
  finished_at: string | null;
  status: 'running' | 'ok' | 'failed';
  summary: string | null;
  error: string | null;
}

export interface Database {
  teams: TeamsTable;
  users: UsersTable;
  api_tokens: ApiTokensTable;
  accounts: AccountsTable;
  account_domains: AccountDomainsTable;
  account_history: AccountHistoryTable;
  contacts: ContactsTable;
  contact_emails: ContactEmailsTable;
  technologies: TechnologiesTable;
  deals: DealsTable;
  deal_history: DealHistoryTable;
  events: EventsTable;
  webhook_deliveries: WebhookDeliveriesTable;
  activities: ActivitiesTable;
  activity_participants: ActivityParticipantsTable;
  aliases: AliasesTable;
  flags: FlagsTable;
  settings: SettingsTable;
  audit_log: AuditLogTable;
  account_intel: AccountIntelTable;
  digests: DigestsTable;
  digest_deliveries: DigestDeliveriesTable;
  signal_states: SignalStatesTable;
  tombstones: TombstonesTable;
  erasure_salts: ErasureSaltsTable;
  erased_keys: ErasedKeysTable;
  drift_reports: DriftReportsTable;
  meetings: MeetingsTable;
  crm_connections: CrmConnectionsTable;
  crm_records: CrmRecordsTable;
  crm_writes: CrmWritesTable;
  job_runs: JobRunsTable;
}

export type AccountRow = Selectable<AccountsTable>;
export type ContactRow = Selectable<ContactsTable>;
export type DealRow = Selectable<DealsTable>;
export type EventRow = Selectable<EventsTable>;
export type ActivityRow = Selectable<ActivitiesTable>;
export type UserRow = Selectable<UsersTable>;
export type NewAccount = Insertable<AccountsTable>;
export type NewContact = Insertable<ContactsTable>;
export type AccountUpdate = Updateable<AccountsTable>;

/** The typed Kysely handle every query goes through. */
export type DB = Kysely<Database>;
