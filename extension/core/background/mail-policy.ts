/**
 * The mail policy as the Gmail panel applies it (issue 12): the admin's never-log list and bodies
 * switch, read from the server (`GET /v1/mail-policy`) and kept in extension storage so they hold
 * while the server is away, joined with the rep's own personal addresses and domains (kept only
 * here, never sent). An admin list that could never be read leaves only the rep's entries: the
 * server's ledger refuses activities about listed people anyway.
 *
 * The admin's part, once read, is applied for MAIL_POLICY_FRESH_MS without waiting for the server:
 * every Gmail thread asks for the policy before it reads its people, and a server round trip there
 * was on the rep's path to every panel, a cached one too (bench:panel's Gmail rows). A thread that
 * applies a copy older than MAIL_POLICY_RECHECK_MS reads it again behind it, so a list the admin
 * changes holds from the rep's next thread on (at the latest after five minutes of no thread);
 * the ledger refuses activities about listed people from the moment it changes.
 *
 * @example
 * const policy = createMailPolicyPort({ storage: browser.storage.local });
 * await policy.get(api) // ok({ neverLog: ['family.example'], bodies: true, personal: [] })
 */
import { onNeverLogList } from '../../../shared/never-log.ts';
import type { MailSetting } from '../../../shared/mail-policy.ts';
import { MailPolicyView, ok, type Result } from '../protocol.ts';
import type { Api } from './api.ts';

export const MAIL_POLICY_KEY = 'mailPolicy';
export const PERSONAL_NEVER_LOG_KEY = 'personalNeverLog';

export interface MailPolicyStorage {
  get(key: string): Promise<Record<string, unknown>>;
  set(items: Record<string, unknown>): Promise<void>;
}

export interface MailPolicyPort {
  get(api: Api | null): Promise<Result<MailPolicyView>>;
  addPersonal(entry: string, api: Api | null): Promise<Result<MailPolicyView>>;
}

const asList = (value: unknown): string[] => (Array.isArray(value) ? value.filter((v): v is string => typeof v === 'string') : []);

/** How long the admin's part, as last read from the server, is applied without asking again (ms). */
export const MAIL_POLICY_FRESH_MS = 5 * 60_000;
/** After this long, a thread applying the kept policy also reads it again behind it (ms). */
export const MAIL_POLICY_RECHECK_MS = 30_000;

/** The admin's part as kept: the server's answer and when it was read (ms since the epoch). */
type KeptSetting = Partial<MailSetting> & { readAt?: unknown };

/** @example createMailPolicyPort({ storage: browser.storage.local as unknown as MailPolicyStorage, now: () => new Date() }) */
export function createMailPolicyPort({ storage, now = () => new Date() }: { storage: MailPolicyStorage; now?: () => Date }): MailPolicyPort {
  let refreshing: Promise<unknown> | null = null;
  const readFresh = async (api: Api): Promise<MailSetting | null> => {
    const fresh = await api.mailPolicy();
    if (!fresh.ok) return null;
    await storage.set({ [MAIL_POLICY_KEY]: { ...fresh.value, readAt: now().getTime() } });
    return fresh.value;
  };
  const admin = async (api: Api | null): Promise<MailSetting> => {
    const kept = (await storage.get(MAIL_POLICY_KEY))[MAIL_POLICY_KEY] as KeptSetting | undefined;
    const keptSetting = { neverLog: asList(kept?.neverLog), bodies: kept?.bodies !== false };
    const age = typeof kept?.readAt === 'number' ? now().getTime() - kept.readAt : Infinity;
    // Read lately (and not in the future: a clock set back): applied as kept, and read again
    // behind the thread that uses it, so an admin's change holds from the next thread on.
    if (age >= 0 && age < MAIL_POLICY_FRESH_MS) {
      if (age >= MAIL_POLICY_RECHECK_MS && api && !refreshing) {
        refreshing = readFresh(api)
          .catch(() => null)
          .finally(() => (refreshing = null));
      }
      return keptSetting;
    }
    const fresh = api ? await readFresh(api) : null;
    return fresh ?? keptSetting;
  };
  const personal = async () => asList((await storage.get(PERSONAL_NEVER_LOG_KEY))[PERSONAL_NEVER_LOG_KEY]);
  const view = async (api: Api | null): Promise<MailPolicyView> => {
    const [team, mine] = await Promise.all([admin(api), personal()]);
    return MailPolicyView.parse({ neverLog: [...new Set([...team.neverLog, ...mine])], bodies: team.bodies, personal: mine });
  };
  return {
    get: async (api) => ok(await view(api)),
    async addPersonal(entry, api) {
      const mine = await personal();
      const lower = entry.trim().toLowerCase();
      if (!mine.includes(lower) && !(lower.includes('@') && !lower.startsWith('@') && onNeverLogList(lower, mine))) {
        await storage.set({ [PERSONAL_NEVER_LOG_KEY]: [...mine, lower] });
      }
      return ok(await view(api));
    },
  };
}
