/**
 * The side panel's "This page": per tab, the subject the page's feature last read (its refs and
 * label, never page text), kept in memory and in `storage.session` (a restarted service worker
 * still knows it; the browser drops it when it quits). Forgotten when the tab closes, when the
 * page says it shows no subject any more, and when the tab goes to another path (a full load, or
 * in-page navigation to another page; a hash or query change keeps it: `#experience` is the same
 * profile, and a page whose subject lives in the hash sends its new subject itself).
 *
 * Tab events need no permission: `tabs.onUpdated`'s `url` comes with the host permissions the
 * extension already has for the sites it serves; for a host without one (the tab left for another
 * site) the `loading` status alone forgets it.
 *
 * @example
 * const subjects = createTabSubjects({ session: browser.storage.session });
 * await subjects.record(tabId, subject);
 */
import type { PageSubject } from '../protocol.ts';

/** The part of `browser.storage.session` this file uses. */
export interface SessionStorage {
  get(keys: string[]): Promise<Record<string, unknown>>;
  set(items: Record<string, unknown>): Promise<void>;
}

const KEY = 'tabSubjects';

/** Origin and path: the part of a URL whose change means another page (for the sites shipped today). */
function pathOf(url: string): string | null {
  try {
    const parsed = new URL(url);
    return `${parsed.origin}${parsed.pathname.replace(/\/+$/, '')}`;
  } catch {
    return null;
  }
}

export type TabSubjects = ReturnType<typeof createTabSubjects>;

export function createTabSubjects({ session }: { session: SessionStorage }) {
  let memory: Promise<Map<number, PageSubject>> = session
    .get([KEY])
    .then((values) => new Map(Object.entries((values[KEY] ?? {}) as Record<string, PageSubject>).map(([tab, subject]) => [Number(tab), subject])))
    .catch(() => new Map());

  /** Applies `edit`; resolves to whether it changed anything. */
  async function change(edit: (tabs: Map<number, PageSubject>) => boolean): Promise<boolean> {
    const tabs = await memory;
    if (!edit(tabs)) return false;
    memory = Promise.resolve(tabs);
    // Memory answers at once; the session copy only serves a restarted worker, so a failed write costs little.
    await session.set({ [KEY]: Object.fromEntries(tabs) }).catch(() => undefined);
    return true;
  }

  return {
    /** What `tabId`'s page shows now, or null. */
    async get(tabId: number): Promise<PageSubject | null> {
      return (await memory).get(tabId) ?? null;
    },
    /** The page in `tabId` read `subject` (null: it shows none any more). */
    record(tabId: number, subject: PageSubject | null): Promise<boolean> {
      return change((tabs) => (subject ? (tabs.set(tabId, subject), true) : tabs.delete(tabId)));
    },
    /** The tab closed; resolves to whether a subject was forgotten. */
    closed(tabId: number): Promise<boolean> {
      return change((tabs) => tabs.delete(tabId));
    },
    /**
     * `tabs.onUpdated`: forgets the tab's subject when it went to another path, or started loading
     * a page whose URL the extension may not see; resolves to whether it did.
     */
    updated(tabId: number, change_: { url?: string | undefined; status?: string | undefined }): Promise<boolean> {
      return change((tabs) => {
        const subject = tabs.get(tabId);
        if (!subject) return false;
        const away = change_.url !== undefined ? pathOf(change_.url) !== pathOf(subject.url) : change_.status === 'loading';
        return away && tabs.delete(tabId);
      });
    },
  };
}
