/**
 * The site contract: what a site (`extension/sites/<site>/site.ts`) and a feature
 * (`extension/features/<feature>.ts(x)`) declare so the runners can serve a host page without
 * knowing it. Types only (no run-time code), so the every-page script, the panel bundle, the
 * build (wxt.config.ts through `sites/registry.ts`) and tests share them at no cost.
 *
 * The contract in words (extension/sites/README.md and extension/features/README.md say more):
 * - a SITE says which page a URL shows (`pageKey`: LinkedIn ignores hash and query, Gmail keeps
 *   the hash, where its thread is), where a panel anchors, and its name in words;
 * - a FEATURE says which pages it serves (URL predicates), optionally which elements it lives on
 *   (a compose window, an event dialog: started when one appears, aborted when it goes or is
 *   replaced, several at once), and, for a panel feature, what it extracts, which identity refs it
 *   sends (one or many), which touches it logs and how each touch's natural key is built.
 */
import type { ActivityType, Surface } from '../../../shared/activity.ts';
import type { DomainRef, EmailRef, IdentityRef, LinkedInRef } from '../../../shared/refs.ts';
import type { SiteMode } from '../site-modes.ts';

/** A site's id: the folder under `extension/sites/`, the content script's name, the drift report's `site`. */
export type SiteId = string;

/**
 * Where a site's panel sits. `fixed`: at the viewport's right edge, `top` px below the top (below
 * the host's own bar, so the panel never covers the host's navigation).
 */
export interface PanelAnchor {
  kind: 'fixed';
  /** Pixels from the viewport's top: the host's bar height plus a gap. */
  top: number;
  /** Pixels from the viewport's right edge. */
  right: number;
}

/** What the runners need to know about a host (run time: no selectors, no DOM). */
export interface Site {
  id: SiteId;
  /** The site's name in words, as a rep reads it ("LinkedIn shows …", "Log a LinkedIn touch"). */
  name: string;
  /** The activity ledger's surface for touches logged on this site. */
  surface: Surface;
  /**
   * The page a URL shows: two URLs with the same key are one page (features keep running); a
   * new key aborts the page's features and runs them again.
   */
  pageKey(url: URL): string;
  /** Where the site's panel sits. */
  anchor: PanelAnchor;
}

/**
 * How a site's pages are served while its features run (`core/site-modes.ts`): `on`, the panel on
 * the page; `side-panel-only`, nothing injected, the subject handed to the side panel. (`off` runs
 * no feature at all.)
 */
export type PageMode = Exclude<SiteMode, 'off'>;

/** A run of a feature on one page (or on one element of it); everything it starts ends with `signal`. */
export interface FeatureRun<Context = unknown> {
  /** The site's mode for this run: a change of mode aborts the run and starts the features again. */
  mode: PageMode;
  /** Aborts when the page is left, the element goes or is replaced, or the content script ends. */
  signal: AbortSignal;
  url: URL;
  /** The element an element-scoped feature runs on; absent for page-scoped features. */
  element?: Element | undefined;
  /** The content script's context (WXT's, in the extension; a stand-in in tests). */
  context: Context;
}

/** One feature: where it runs and what it starts there. */
export interface Feature<Context = unknown> {
  id: string;
  /** The site whose pages it serves. */
  site: SiteId;
  /** The feature runs when any predicate accepts the URL. */
  include: ReadonlyArray<(url: URL) => boolean>;
  /**
   * Element-scoped lifetime: a selector (from the site's `selectors.ts`). The feature runs once per
   * matching element, while it is in the page; absent: once per page.
   */
  elements?: string | undefined;
  /**
   * Element-scoped features whose elements outlive in-page navigation (Gmail's compose windows stay
   * open while the rep moves between threads and lists): run once per element for as long as it is
   * in the page, not per page key. Started by the every-page script's `wake` (core/page/site-entry.ts)
   * once such an element first shows, on any page of the site; never in `side-panel-only` mode.
   */
  acrossPages?: boolean | undefined;
  /**
   * The modes the feature runs in; absent: `on` only. A feature listing `side-panel-only` promises
   * to add nothing to the page in that mode (no element, no style): it may only read the page.
   */
  modes?: readonly PageMode[] | undefined;
  init(run: FeatureRun<Context>): void | Promise<void>;
}

/** A touch a feature logs: the ledger's type and the button's words. */
export interface TouchKind {
  type: ActivityType;
  label: string;
}

/** What the page shows about its subject, in the panel's words (the job-change banner compares company). */
export interface PageFacts {
  name?: string | undefined;
  company?: string | undefined;
}

/** Identity refs a correction (an alias) may be recorded for. */
export type AliasRef = LinkedInRef | EmailRef | DomainRef;

/**
 * A panel feature: everything the generic panel runner (`core/page/panel-runner.ts`) needs to
 * paint a brief for what the page shows. `Subject` is what the site's extractor returns.
 */
export interface PanelFeatureSpec<Subject> {
  id: string;
  site: Site;
  include: ReadonlyArray<(url: URL) => boolean>;
  elements?: string | undefined;
  /** The kind of page, for drift reports (`profile`, `thread`, `event-dialog`): never page content. */
  pageKind(url: URL): string;
  /** What the page shows now; null when the URL names nothing this feature serves. */
  extract(doc: Document, url: URL, element?: Element): Subject | null;
  /**
   * Whether the page has shown all it will (the name is on screen): until then the runner watches
   * the page for up to `settleMs` and asks by `urlRefs` meanwhile.
   */
  settled(subject: Subject): boolean;
  /** How long to wait for `settled` before going on with what the URL tells (default 2,500 ms). */
  settleMs?: number;
  /** The refs the URL alone gives (the cache and the early server request use them). */
  urlRefs(subject: Subject): IdentityRef[];
  /** The refs sent to the server once settled: one, or many (a thread's people, an event's guests). */
  refs(subject: Subject): IdentityRef[];
  /**
   * The refs are several people (a thread's external participants): the panel lists each one's
   * answer and shows the brief of the account most of them belong to (core/page/several-people.ts),
   * all from one request. Absent: the refs describe one person, the first answer known is shown.
   */
  severalPeople?: boolean | undefined;
  /** The ref a rep's pick ("this is them") is recorded for. */
  aliasRef(subject: Subject): AliasRef;
  /** Name and company as the page shows them. */
  facts(subject: Subject): PageFacts;
  /** What the URL alone tells, in words, for the limited panel ("linkedin.com/in/jane-doe"). */
  urlFacts(subject: Subject): string[];
  /**
   * Required selectors that did not match, by name (`linkedin.profile.name`), once the page
   * settled or the wait ran out. Non-empty: the panel is limited and a drift report is kept.
   */
  drift(subject: Subject, doc: Document): string[];
  /** The touches the panel offers, in order. */
  touches: readonly TouchKind[];
  /** The natural key of a touch logged at `minute` (same touch twice in one minute: one activity). */
  touchKey(subject: Subject, type: ActivityType, minute: Date): string;
  /** The panel host's name (`data-signalhouse-ui`). */
  ui: string;
  /**
   * The host's own content the panel must never cover (LinkedIn: the top card's name heading and
   * photo), read on every scroll and resize; the panel moves clear of it or shows as a tab on the
   * edge (core/page/placement.ts). Absent: nothing to avoid.
   */
  keepClear?(doc: Document): Element[];
}
