/**
 * Each shipped site's mode (core/site-modes.ts) as the background keeps it: the rep's choice
 * (storage.local `siteModes`: not secret, no CRM data), unless an administrator pinned the site
 * by policy (managed storage `sites`, read through the connection's cached policy: never a managed
 * read per page load).
 *
 * The every-page script asks on every page load and waits at most a moment
 * (core/page/site-mode.ts), so `modeOf` never waits for the policy: Chromium's first
 * `storage.managed.get()` after a worker start takes 2-7 s. Until it arrives, the pins come from
 * the copy of the last policy read (storage.local `siteModePins`); when the read differs, each
 * changed site's new mode is broadcast and open pages follow it. Only a brand-new profile (no copy
 * yet) may serve a pinned site as the rep chose for those seconds, then follows the pin.
 *
 * @example
 * const modes = createSiteModes({ sites: shippedSites(), storage: browser.storage.local, policy: async () => (await connection.policy()).siteModes, onChange: broadcast });
 * await modes.modeOf('linkedin') // 'on'
 */
import { DEFAULT_SITE_MODE, isSiteMode, type SiteMode } from '../site-modes.ts';
import { fail, ok, type Result, type SiteModeView } from '../protocol.ts';

/** A site this build ships: its id and its name in words (from sites/registry.ts at build time). */
export interface ShippedSite {
  id: string;
  name: string;
}

/** The part of `browser.storage.local` this file uses. */
export interface ModeStorage {
  get(keys: string[]): Promise<Record<string, unknown>>;
  set(items: Record<string, unknown>): Promise<void>;
}

export interface SiteModesDeps {
  sites: readonly ShippedSite[];
  storage: ModeStorage;
  /** The administrator's pins, as the connection's cached policy has them. */
  policy(): Promise<Record<string, SiteMode>>;
  /** Told each site whose mode in force changed (the background broadcasts it to every tab). */
  onChange?: (site: string, mode: SiteMode) => void;
}

const CHOICES_KEY = 'siteModes';
const PINS_KEY = 'siteModePins';

type Modes = Record<string, SiteMode>;

/** Only known sites and known modes: a stored value from another version pins or chooses nothing. */
function modesOf(value: unknown, sites: readonly ShippedSite[]): Modes {
  if (typeof value !== 'object' || value === null) return {};
  const known = new Set(sites.map((site) => site.id));
  return Object.fromEntries(Object.entries(value).filter((entry): entry is [string, SiteMode] => known.has(entry[0]) && isSiteMode(entry[1])));
}

export type SiteModes = ReturnType<typeof createSiteModes>;

export function createSiteModes({ sites, storage, policy, onChange = () => undefined }: SiteModesDeps) {
  const stored: Promise<{ choices: Modes; pins: Modes }> = storage
    .get([CHOICES_KEY, PINS_KEY])
    .then((values) => ({ choices: modesOf(values[CHOICES_KEY], sites), pins: modesOf(values[PINS_KEY], sites) }))
    .catch(() => ({ choices: {}, pins: {} }));
  let choices: Promise<Modes> = stored.then((s) => s.choices);
  /** The pins in force: the last policy read's copy until the policy arrives, then the policy's. */
  let pins: Promise<Modes> = stored.then((s) => s.pins);
  /** The policy's pins once read (resolves after the read, which may take seconds). */
  let policyPins: Promise<Modes> = readPolicy();

  async function readPolicy(): Promise<Modes> {
    const read = modesOf(await policy().catch(() => ({})), sites);
    const before = await snapshot();
    pins = Promise.resolve(read);
    void storage.set({ [PINS_KEY]: read }).catch(() => undefined);
    announce(before, await snapshot());
    return read;
  }

  async function snapshot(): Promise<Modes> {
    const [chosen, pinned] = await Promise.all([choices, pins]);
    return Object.fromEntries(sites.map((site) => [site.id, pinned[site.id] ?? chosen[site.id] ?? DEFAULT_SITE_MODE]));
  }

  function announce(before: Modes, after: Modes) {
    for (const site of sites) if (before[site.id] !== after[site.id]) onChange(site.id, after[site.id]!);
  }

  return {
    /** The mode in force for `site` (unknown sites: `on`), answered without waiting for the policy. */
    async modeOf(site: string): Promise<SiteMode> {
      return (await snapshot())[site] ?? DEFAULT_SITE_MODE;
    },

    /** Every shipped site with its mode and whether it is pinned: for the options page, after the policy's read. */
    async list(): Promise<Result<{ sites: SiteModeView[] }>> {
      const pinned = await policyPins;
      const modes = await snapshot();
      return ok({ sites: sites.map((site) => ({ id: site.id, name: site.name, mode: modes[site.id] ?? DEFAULT_SITE_MODE, pinned: site.id in pinned })) });
    },

    /** The rep's choice for `site`; refused for a site the administrator pinned. */
    async set(site: string, mode: SiteMode): Promise<Result<{ sites: SiteModeView[] }>> {
      if (!sites.some((known) => known.id === site)) return fail('not_found', `No site ${site} in this build.`, { field: 'site' });
      if (site in (await policyPins)) return fail('forbidden', 'Your administrator set this site’s mode.', { field: 'mode' });
      const before = await snapshot();
      const next = { ...(await choices), [site]: mode };
      await storage.set({ [CHOICES_KEY]: next });
      choices = Promise.resolve(next);
      announce(before, await snapshot());
      return this.list();
    },

    /** The administrator's policy changed (read again by the connection): follow it. */
    policyChanged(): void {
      policyPins = readPolicy();
    },
  };
}
