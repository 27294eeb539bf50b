/**
 * Activities from a CRM export, through the ledger's own uniqueness rules
 * (`server/ledger/payload.ts`): ids are unique forever (across teams), a natural key once per
 * team, and the same id or key with the same payload is a replay (`unchanged`). A ledger entry
 * never changes, so the same id or key with a different payload rejects the row.
 * A new activity moves its account's and contact's last touch forward.
 */
import { z } from 'zod';
import { ActivityType } from '../../../../shared/activity.ts';
import type { ActivityRow } from '../../../db/schema.ts';
import { normalizeActivity, payloadHash } from '../../../ledger/payload.ts';
import { FUTURE_TOUCH_TOLERANCE_MS } from '../../../ledger/touch.ts';
import { choice, companyDomain, email, instant, required, text, uuid } from '../cells.ts';
import { accountOf, accountRefs, contactsByExternalId, defined, emailOwners, inSlices, insertMany, usersByEmail } from '../lookups.ts';
import type { EntityImporter, RowOutcome } from '../types.ts';
import { markAccountIntelStale } from '../../../briefs/snapshot.ts';
import { activityKeyForms } from '../../../ledger/activity-keys.ts';

const ActivityCsvRow = z.object({
  id: required(uuid()),
  natural_key: text(512).optional(),
  type: choice(ActivityType.options).optional(),
  subject: text(500).optional(),
  occurred_at: required(instant()),
  contact_external_id: text(200).optional(),
  contact_email: email().optional(),
  account_external_id: text(200).optional(),
  account_domain: companyDomain().optional(),
  owner_email: email().optional(),
});
type ActivityCsvRow = z.output<typeof ActivityCsvRow>;

/** A row without a type column is a note: the least specific kind of touch. */
const DEFAULT_TYPE = 'note';

/**
 * @example await runImport(db, activitiesImporter, source, { teamId, now }) // ledger entries, replays unchanged
 */
export const activitiesImporter: EntityImporter<ActivityCsvRow> = {
  entity: 'activities',
  columns: Object.keys(ActivityCsvRow.shape),
  required: ['id', 'occurred_at'],
  schema: ActivityCsvRow,
  async write(trx, { teamId, now }, batch) {
    const rows = batch.map((r) => r.value);
    // Ids are global: look them up in every team, and say nothing about another team's row.
    const storedById = new Map(
      (await inSlices(rows.map((r) => r.id), (slice) => trx.selectFrom('activities').select(['id', 'team_id', 'payload_hash']).where('id', 'in', slice).execute())).map(
        (a) => [a.id, a],
      ),
    );
    // A key is looked for as given and in its erased form (server/ledger/activity-keys.ts), found under the key as given.
    const formsOf = await activityKeyForms(trx, teamId);
    const keyOfForm = new Map(rows.map((r) => r.natural_key).filter(defined).flatMap((key) => formsOf(key).map((form) => [form, key] as const)));
    const storedByKey = new Map(
      (
        await inSlices([...keyOfForm.keys()], (slice) =>
          trx.selectFrom('activities').select(['natural_key', 'payload_hash']).where('team_id', '=', teamId).where('natural_key', 'in', slice).execute(),
        )
      ).map((a) => [keyOfForm.get(a.natural_key!)!, a.payload_hash]),
    );
    const contactsByExt = await contactsByExternalId(trx, teamId, rows.map((r) => r.contact_external_id).filter(defined));
    const contactsByEmail = await emailOwners(trx, teamId, rows.map((r) => r.contact_email).filter(defined));
    const contactAccount = new Map<string, string | null>([...contactsByExt.values()].map((c) => [c.id, c.account_id]));
    const missingAccounts = [...contactsByEmail.values()].filter((id) => !contactAccount.has(id));
    for (const c of await inSlices(missingAccounts, (slice) =>
      trx.selectFrom('contacts').select(['id', 'account_id']).where('team_id', '=', teamId).where('id', 'in', slice).execute(),
    )) {
      contactAccount.set(c.id, c.account_id);
    }
    const accounts = await accountRefs(trx, teamId, rows.map((r) => ({ externalId: r.account_external_id, domain: r.account_domain })));
    const users = await usersByEmail(trx, teamId, rows.map((r) => r.owner_email).filter(defined));

    const inserts: ActivityRow[] = [];
    const outcomes = rows.map((row): RowOutcome => {
      const contactId = row.contact_external_id ? contactsByExt.get(row.contact_external_id)?.id : row.contact_email ? contactsByEmail.get(row.contact_email) : null;
      if (contactId === undefined) {
        return { column: row.contact_external_id ? 'contact_external_id' : 'contact_email', message: 'no contact in this team has this value' };
      }
      const accountId = accountOf(accounts, row.account_external_id, row.account_domain);
      if (accountId === undefined) {
        return { column: row.account_external_id ? 'account_external_id' : 'account_domain', message: 'no account in this team has this value' };
      }
      const userId = row.owner_email ? users.get(row.owner_email) : null;
      if (userId === undefined) return { column: 'owner_email', message: 'no user in this team has this email' };

      const activity = normalizeActivity({
        id: row.id,
        ...(row.natural_key ? { naturalKey: row.natural_key } : {}),
        type: row.type ?? DEFAULT_TYPE,
        ...(row.subject ? { subject: row.subject } : {}),
        occurredAt: row.occurred_at,
        ...(contactId ? { contactId } : {}),
        ...(accountId ? { accountId } : {}),
        surface: 'import',
      });
      const hash = payloadHash(activity);
      const byId = storedById.get(activity.id);
      if (byId) {
        if (byId.team_id !== teamId) return { column: 'id', message: 'this id is already taken; generate a new one' };
        if (byId.payload_hash === hash) return 'unchanged';
        return { column: 'id', message: 'an activity with this id was already recorded with different values (activities never change)' };
      }
      const keyHash = activity.naturalKey === null ? undefined : storedByKey.get(activity.naturalKey);
      if (keyHash !== undefined) {
        if (keyHash === hash) return 'unchanged';
        return { column: 'natural_key', message: 'an activity with this natural key was already recorded with different values' };
      }
      const created: ActivityRow = {
        id: activity.id,
        team_id: teamId,
        natural_key: activity.naturalKey,
        type: activity.type,
        subject: activity.subject,
        body: null,
        occurred_at: activity.occurredAt,
        contact_id: activity.contactId,
        // As in the ledger: an activity with a contact but no account counts for the contact's account.
        account_id: activity.accountId ?? (activity.contactId ? (contactAccount.get(activity.contactId) ?? null) : null),
        deal_id: null,
        user_id: userId,
        surface: 'import',
        payload_hash: hash,
        recorded_at: now.toISOString(),
      };
      inserts.push(created);
      storedById.set(created.id, created);
      if (created.natural_key) storedByKey.set(created.natural_key, hash);
      return 'created';
    });

    await insertMany(inserts, 500, (slice) => trx.insertInto('activities').values(slice).execute());
    await moveLastTouches(trx, teamId, inserts, now);
    await markAccountIntelStale(trx, teamId, inserts.map((a) => a.account_id));
    return outcomes;
  },
};

/**
 * The newest new activity per account and per contact becomes its last touch, when newer than
 * the stored one (the same rule as `server/ledger/touch.ts`, one statement per record touched).
 */
async function moveLastTouches(trx: Parameters<EntityImporter['write']>[0], teamId: string, created: readonly ActivityRow[], now: Date) {
  const horizon = now.getTime() + FUTURE_TOUCH_TOLERANCE_MS;
  const newest = { accounts: new Map<string, ActivityRow>(), contacts: new Map<string, ActivityRow>() };
  for (const a of created) {
    if (Date.parse(a.occurred_at) > horizon) continue;
    for (const [map, id] of [[newest.accounts, a.account_id], [newest.contacts, a.contact_id]] as const) {
      if (id && (map.get(id)?.occurred_at ?? '') < a.occurred_at) map.set(id, a);
    }
  }
  for (const table of ['accounts', 'contacts'] as const) {
    for (const [id, a] of newest[table]) {
      await trx
        .updateTable(table)
        .set({ last_touch_at: a.occurred_at, last_touch_type: a.type, last_touch_by: a.user_id })
        .where('team_id', '=', teamId)
        .where('id', '=', id)
        .where((eb) => eb.or([eb('last_touch_at', 'is', null), eb('last_touch_at', '<', a.occurred_at)]))
        .execute();
    }
  }
}
