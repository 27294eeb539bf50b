/**
 * A site's mode, as the rep sets it in the options page or an admin pins it by policy, and the two
 * raw messages that carry it between the background and a site's every-page script:
 * - `on` (default): the page's features run and the panel shows on the page;
 * - `off`: nothing runs on the site's pages (the every-page script loads nothing);
 * - `side-panel-only`: nothing is injected into the page (no element, no style, no panel); the
 *   page's subject is still read and its refs handed to the background, so the side panel's
 *   "This page" shows the brief (some teams may not overlay LinkedIn).
 *
 * Raw messages (`{ type, … }`, checked by hand) and not the @webext-core contract: the every-page
 * script has a 3 kB gzip budget per site (`npm run size`) and the messaging library alone would
 * take most of it. Shared by both sides; no dependencies, so it stays tiny in the page.
 */

export type SiteMode = 'on' | 'off' | 'side-panel-only';

/** Every mode, in the order the options page offers them. */
export const SITE_MODES: readonly SiteMode[] = ['on', 'side-panel-only', 'off'];

/** A site's mode when neither the rep nor an admin chose one. */
export const DEFAULT_SITE_MODE: SiteMode = 'on';

export const isSiteMode = (value: unknown): value is SiteMode => value === 'on' || value === 'off' || value === 'side-panel-only';

/** The every-page script's question: `{ type: SITE_MODE_REQUEST, site }`, answered `{ mode }`. */
export const SITE_MODE_REQUEST = 'signalhouse:site-mode?';
/** The background's broadcast when a site's mode changed: `{ type: SITE_MODE_CHANGED, site, mode }`. */
export const SITE_MODE_CHANGED = 'signalhouse:site-mode';

/**
 * The background's note to the extension's pages that a tab's subject changed
 * (`{ type: TAB_SUBJECT_CHANGED, tabId }`): the side panel's "This page" reads it again at once,
 * even while its page is hidden (its poll only runs while visible).
 */
export const TAB_SUBJECT_CHANGED = 'signalhouse:tab-subject';

/** The question for `site`'s mode. */
export const siteModeRequest = (site: string) => ({ type: SITE_MODE_REQUEST, site });

/** The broadcast of `site`'s new mode. */
export const siteModeChanged = (site: string, mode: SiteMode) => ({ type: SITE_MODE_CHANGED, site, mode });

/**
 * The site a mode question asks about, or null for any other message.
 *
 * @example readSiteModeRequest({ type: SITE_MODE_REQUEST, site: 'linkedin' }) // 'linkedin'
 */
export function readSiteModeRequest(message: unknown): string | null {
  const { type, site } = (message ?? {}) as { type?: unknown; site?: unknown };
  return type === SITE_MODE_REQUEST && typeof site === 'string' && site.length <= 80 ? site : null;
}

/**
 * The mode a broadcast or an answer carries for `site`; null for any other message or site.
 *
 * @example readSiteMode({ type: SITE_MODE_CHANGED, site: 'linkedin', mode: 'off' }, 'linkedin') // 'off'
 */
export function readSiteMode(message: unknown, site: string, type: string = SITE_MODE_CHANGED): SiteMode | null {
  const value = (message ?? {}) as { type?: unknown; site?: unknown; mode?: unknown };
  return value.type === type && value.site === site && isSiteMode(value.mode) ? value.mode : null;
}
