/**
 * Team settings: a small typed registry of the knobs an admin may turn (alert thresholds, the
 * per-rep alert budget). Each key has a strict zod schema and a default, so intelligence code
 * reads a typed value and never a half-valid one. Values are stored as JSON text.
 *
 * @example
 * const { thresholds } = await readSettings(db, teamId);
 * if (visits >= thresholds.pricingVisits) …
 */
import { z } from 'zod';
import type { DB } from '../db/connect.ts';
import { audit } from '../db/audit.ts';
import { markTeamIntelStale } from '../briefs/snapshot.ts';
import { DEFAULT_THRESHOLDS, ThresholdsSetting, validateOverrides } from '../intel/settings.ts';
import { JsonObject } from '../http/validate.ts';
import { MailSetting } from '../../shared/mail-policy.ts';
import { ComposeSetting, DEFAULT_COMPOSE_SETTING } from '../../shared/compose.ts';

const int = (min: number, max: number) => z.number().int().min(min).max(max);

export const SETTINGS = {
  /** When raw events become alerts (PRODUCT.md: "the third pricing-page visit in a week"). */
  thresholds: {
    // Defined in intel/settings.ts, which reads it; the registry only names it.
    schema: ThresholdsSetting,
    defaultValue: DEFAULT_THRESHOLDS,
  },
  /** Interruptions per rep per day; the rest waits in the digest. */
  alertBudget: {
    schema: int(0, 50),
    defaultValue: 3,
  },
  /**
   * Mail (issue 12): `neverLog`, addresses (`ana@family.example`) and domains (`family.example`)
   * the extension never sends to the server, not even to resolve, and the ledger refuses
   * activities about; `bodies`, whether a rep may log an email with its body (the rep still ticks
   * "include body" each time). Every rep's extension reads it (`GET /v1/mail-policy`).
   */
  mail: {
    schema: MailSetting,
    defaultValue: { neverLog: [], bodies: true } as MailSetting,
  },
  /**
   * Gmail's compose card (issue 12): `collisionDays`, how recent a teammate's touch on a
   * recipient's account must be to warn the rep writing to them (default 3).
   */
  compose: {
    schema: ComposeSetting,
    defaultValue: DEFAULT_COMPOSE_SETTING,
  },
  /**
   * Everything else the intelligence rules read, as a partial override of their defaults
   * (server/intel/settings.ts, docs/intelligence.md): the play library (`plays.<kind>`: text,
   * channel, who), the ideal customer profile, windows, the review queue and digest bounds. Stored
   * as given; checked merged onto the defaults, so an error names the field at fault.
   */
  intel: {
    schema: JsonObject.superRefine((value, ctx) => {
      const merged = validateOverrides(value);
      if (!merged.success) {
        for (const issue of merged.error.issues) {
          // An unknown key is named at its own path (`firstParty.colour`), as zodFieldErrors does for bodies.
          if (issue.code === 'unrecognized_keys') for (const key of issue.keys) ctx.addIssue({ code: 'custom', path: [...issue.path, key], message: 'unknown field' });
          else ctx.addIssue({ code: 'custom', path: issue.path, message: issue.message });
        }
      }
    }),
    defaultValue: {} as Record<string, unknown>,
  },
} as const;

export type SettingKey = keyof typeof SETTINGS;
export type SettingValue<K extends SettingKey> = z.infer<(typeof SETTINGS)[K]['schema']>;
export type TeamSettings = { [K in SettingKey]: SettingValue<K> };

export const SETTING_KEYS = Object.keys(SETTINGS) as SettingKey[];
export const isSettingKey = (key: string): key is SettingKey => Object.hasOwn(SETTINGS, key);

export interface StoredSetting<K extends SettingKey> {
  key: K;
  value: SettingValue<K>;
  /** Null while the team uses the default. */
  updatedAt: string | null;
}

/** A stored value that no longer fits the schema (an older version wrote it) falls back to the default. */
function parseStored<K extends SettingKey>(key: K, text: string | undefined): SettingValue<K> | undefined {
  if (text === undefined) return undefined;
  try {
    const parsed = SETTINGS[key].schema.safeParse(JSON.parse(text));
    return parsed.success ? (parsed.data as SettingValue<K>) : undefined;
  } catch {
    return undefined;
  }
}

/** One setting of the team, or its default. */
export async function readSetting<K extends SettingKey>(db: DB, teamId: string, key: K): Promise<StoredSetting<K>> {
  const row = await db.selectFrom('settings').select(['value', 'updated_at']).where('team_id', '=', teamId).where('key', '=', key).executeTakeFirst();
  const value = parseStored(key, row?.value);
  if (value === undefined) return { key, value: SETTINGS[key].defaultValue as SettingValue<K>, updatedAt: null };
  return { key, value, updatedAt: row!.updated_at };
}

/** Every setting of the team, defaults filled in: what intelligence rules take as input. */
export async function readSettings(db: DB, teamId: string): Promise<TeamSettings> {
  const rows = await db.selectFrom('settings').select(['key', 'value']).where('team_id', '=', teamId).execute();
  const stored = new Map(rows.map((r) => [r.key, r.value]));
  const out: Record<string, unknown> = {};
  for (const key of SETTING_KEYS) out[key] = parseStored(key, stored.get(key)) ?? SETTINGS[key].defaultValue;
  return out as TeamSettings;
}

/**
 * Validates and stores a setting. Returns the zod error for the caller to report by field.
 *
 * @example await writeSetting(db, teamId, 'alertBudget', 5, adminId, now)
 */
export async function writeSetting<K extends SettingKey>(
  db: DB,
  teamId: string,
  key: K,
  input: unknown,
  actorId: string | null,
  now: Date,
): Promise<{ ok: true; setting: StoredSetting<K> } | { ok: false; error: z.ZodError }> {
  const parsed = SETTINGS[key].schema.safeParse(input);
  if (!parsed.success) return { ok: false, error: parsed.error };
  const value = parsed.data as SettingValue<K>;
  const at = now.toISOString();
  await db.transaction().execute(async (trx) => {
    await trx
      .insertInto('settings')
      .values({ team_id: teamId, key, value: JSON.stringify(value), updated_at: at })
      .onConflict((oc) => oc.columns(['team_id', 'key']).doUpdateSet({ value: JSON.stringify(value), updated_at: at }))
      .execute();
    // Settings hold numbers, never personal data, so the value itself is worth keeping in the audit trail.
    await audit(trx, { teamId, actorId, action: 'setting.update', target: key, detail: { value } }, now);
    await markTeamIntelStale(trx, teamId);
  });
  return { ok: true, setting: { key, value, updatedAt: at } };
}
