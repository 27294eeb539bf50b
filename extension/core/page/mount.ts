/**
 * The one way a content-script panel enters a host page: a WXT shadow root (the page's CSS cannot
 * reach in, ours cannot leak out), a React root on a wrapper div, removed when the page's signal
 * aborts.
 *
 * The page's scripts must not read what the panel shows (CRM data: deals, notes, addresses), so
 * the root is CLOSED and attached from this isolated world, on a plain `<div>` host:
 * - closed: the host's `shadowRoot` is `null` to the page, and nothing of the root is serialised;
 * - from the isolated world: a page that patches `Element.prototype.attachShadow` (to force roots
 *   open or keep them) patches its own world's prototype, not ours;
 * - a `<div>`, not a custom element name: a page may define any custom element name first and ask
 *   for the element's `ElementInternals`, whose `shadowRoot` answers even a closed root (seen in
 *   test/e2e/linkedin-canary.e2e.ts). Built-in elements cannot be defined by the page.
 * The host carries only `data-signalhouse-ui="<name>"` (no CRM data on anything in the light DOM),
 * nothing in the panel posts messages or dispatches composed events with data, and its text cannot
 * be selected (see FRAME). Why, and why not an extension-origin iframe: docs/panel-isolation.md.
 *
 * Where the card sits is the site's (`Site.anchor`, in `extension/sites/<site>/site.ts`): fixed at
 * the right edge below the host's own bar (LinkedIn's global nav is 52px high, Nov 2026), so it
 * never covers the page's own controls. A feature's `keepClear` (LinkedIn: the top card's name and
 * photo) is measured on every paint, scroll and resize: the card takes the first stretch of its
 * column clear of it (core/page/placement.ts), and when no stretch holds its first screen the
 * feature is told (`onRoom(false)`) and shows the panel as a tab on the edge, placed the same way.
 * The frame stays hidden until first placed, so not even one frame covers the host's content.
 */
import { createShadowRootUi, type ContentScriptContext } from '#imports';
import type { ReactElement } from 'react';
import { flushSync } from 'react-dom';
import { createRoot, type Root } from 'react-dom/client';
import { bodyOf } from './body-of.ts';
// Inlined into the bundle that mounts panels (loaded on served pages only) and handed to the
// shadow root, instead of a content-script CSS file fetched by every content script's context.
import tailwindCss from '../../assets/tailwind.css?inline';
import type { PanelAnchor } from './contract.ts';
import { besidePosition, place, type Box } from './placement.ts';
import { benchMark } from './bench-marks.ts';

/** The host's one attribute: which UI it is (`div[data-signalhouse-ui="signalhouse-linkedin-panel"]`). */
export const HOST_ATTRIBUTE = 'data-signalhouse-ui';

/**
 * `npm run bench:panel` builds with WXT_PANEL_PAINT_LOG=1: then every paint's time and the kind of
 * card it left (`data-panel`) are kept in this isolated world, where the bench reads them over the
 * DevTools protocol (the page cannot see into the closed root to time it). Other builds leave it out.
 */
const PAINT_LOG = import.meta.env.WXT_PANEL_PAINT_LOG === '1';
const PAINT_LOG_KEY = Symbol.for('signalhouse.paint-log');

/** One paint, for the bench: when it happened and which card it showed. */
export interface PaintEntry {
  ui: string;
  at: number;
  /** The first `data-panel` card in the frame (LinkedIn's brief or not-in-CRM). */
  card: string | null;
  /** Every `data-panel` card in the frame, in order (Gmail's people list sits below its logging part). */
  cards: string[];
  /** Whether a part of the card still waits for its data (`data-pending`: the package's "what changed"). */
  pending: boolean;
}

/** Paints (and repaints) the mounted UI; a no-op once the signal has aborted. */
export type Paint = (element: ReactElement) => void;

// Below LinkedIn's nav dropdowns and modals (z-index in the thousands), above the page's cards.
// px only: LinkedIn changes the root font size, and rem would follow it into our card.
// select-none: a selection inside even a closed shadow root is the page's to read through
// `document.getSelection().toString()` (Chromium), so the panel's CRM text cannot be selected;
// form fields stay selectable (they are the rep's own words). Measured by linkedin-canary.e2e.ts.
// The anchor's top and right are the site's, set as inline style (class names are fixed at build time).
const FRAME = 'font-sans select-none fixed z-[90] overflow-y-auto';

/** The card's width (features/panel-view.tsx) and the height of its first screen, which must fit beside the keep-clear content. */
const CARD_WIDTH = 340;
const CARD_FIRST_SCREEN = 320;
/** The collapsed tab on the edge (components/PanelTab.tsx). */
const TAB_WIDTH = 32;
const TAB_HEIGHT = 120;
/** A card beside a host element goes above it when this much height is free there (one recipient and a point). */
const BESIDE_MIN_HEIGHT = 160;

/** How a panel keeps clear of the host's own content. */
export interface MountPlacement {
  /** The host's elements the panel must not cover, read at each placement. */
  keepClear?: (() => Element[]) | undefined;
  /** Whether the card's first screen fits clear of them (false: show the tab); told on change. */
  onRoom?: ((room: boolean) => void) | undefined;
  /**
   * The host element the card sits beside (a Gmail compose window): above it where the viewport has
   * room, else left of it, else right of it, else at the anchor (`besidePosition`); followed on
   * scroll, resize and its own resize.
   */
  beside?: Element | undefined;
}

/** Where a panel sits when its site does not say (LinkedIn's: below its 52px bar). */
export const DEFAULT_ANCHOR: PanelAnchor = { kind: 'fixed', top: 64, right: 12 };

/**
 * Mounts a shadow-root UI named `name` (its host's `data-signalhouse-ui`) for `signal`'s page and returns its `paint`. Resolves to a no-op paint
 * when the page was left before the UI was ready, so callers never check twice.
 *
 * @example
 * const paint = await mountPanel(ctx, signal, 'signalhouse-linkedin-panel', linkedin.anchor);
 * paint(<Panel brief={brief} now={new Date()} />);
 */
export async function mountPanel(ctx: ContentScriptContext, signal: AbortSignal, name: string, anchor: PanelAnchor = DEFAULT_ANCHOR, placement: MountPlacement = {}): Promise<Paint> {
  await bodyOf(document, signal);
  if (signal.aborted) return () => undefined;
  let frame: HTMLDivElement | undefined;
  const ui = await createShadowRootUi<Root>(ctx, {
    name: 'div',
    mode: 'closed',
    css: tailwindCss,
    position: 'inline',
    anchor: 'body',
    append: 'last',
    onMount(container) {
      frame = document.createElement('div');
      frame.className = FRAME;
      frame.style.top = `${anchor.top}px`;
      frame.style.right = `${anchor.right}px`;
      // 16px below the card: room to scroll its end into view above the viewport's edge.
      frame.style.maxHeight = `calc(100vh - ${anchor.top + 16}px)`;
      // Shown once placed (below): never over the host's content, not even for a frame.
      if (placement.keepClear) frame.style.visibility = 'hidden';
      container.append(frame);
      return createRoot(frame);
    },
    onRemove: (root) => root?.unmount(),
  });
  if (signal.aborted) return () => undefined;
  ui.shadowHost.setAttribute(HOST_ATTRIBUTE, name);
  ui.mount();
  signal.addEventListener('abort', () => ui.remove(), { once: true });
  let room: boolean | undefined;
  /** Places the frame clear of the keep-clear content: the card's column, or the tab's on the edge. */
  const layout = () => {
    if (frame && placement.beside && !signal.aborted) {
      const viewport = { width: document.documentElement.clientWidth || innerWidth, height: innerHeight };
      const at = besidePosition(placement.beside.getBoundingClientRect(), viewport, CARD_WIDTH, BESIDE_MIN_HEIGHT);
      frame.style.top = at?.bottom !== undefined ? 'auto' : `${at?.top ?? anchor.top}px`;
      frame.style.bottom = at?.bottom !== undefined ? `${at.bottom}px` : 'auto';
      frame.style.right = `${at?.right ?? anchor.right}px`;
      frame.style.maxHeight = at ? `${at.maxHeight}px` : `calc(100vh - ${anchor.top + 16}px)`;
      return;
    }
    if (!frame || !placement.keepClear || signal.aborted) return;
    const keepClear: Box[] = placement.keepClear().map((e) => e.getBoundingClientRect());
    const viewport = { width: document.documentElement.clientWidth || innerWidth, height: innerHeight };
    const card = place({ viewport, top: anchor.top, right: anchor.right, width: CARD_WIDTH, minHeight: CARD_FIRST_SCREEN, keepClear });
    // eslint-disable-next-line no-restricted-syntax -- reads the panel's own data-panel marker
    const asTab = frame.querySelector('[data-panel="tab"]') !== null;
    const at = asTab ? place({ viewport, top: anchor.top, right: 0, width: TAB_WIDTH, minHeight: TAB_HEIGHT, keepClear }) : card;
    frame.style.top = `${at?.top ?? anchor.top}px`;
    frame.style.right = `${asTab ? 0 : anchor.right}px`;
    frame.style.maxHeight = `${at ? at.maxHeight : 0}px`;
    frame.style.visibility = at ? '' : 'hidden';
    const fits = card?.fits ?? false;
    if (fits !== room) {
      room = fits;
      // Told after this paint, not inside it: the feature repaints (card or tab), which places again.
      queueMicrotask(() => placement.onRoom?.(fits));
    }
  };
  let scheduled = 0;
  const schedule = () => {
    if (!scheduled) scheduled = requestAnimationFrame(() => ((scheduled = 0), layout()));
  };
  if (placement.beside) {
    // The compose window moves (pop-out, minimise, another window opening beside it) and resizes.
    const resizes = new ResizeObserver(schedule);
    resizes.observe(placement.beside);
    signal.addEventListener('abort', () => resizes.disconnect(), { once: true });
  }
  if (placement.keepClear || placement.beside) {
    // Capture: a scroll inside the page's own scroller moves its content too.
    addEventListener('scroll', schedule, { capture: true, passive: true, signal });
    addEventListener('resize', schedule, { passive: true, signal });
  }
  return (element) => {
    // Rendered now, not in a scheduled task: on a profile still loading, LinkedIn's parser tasks
    // would hold a scheduled render back by ~100 ms (measured by `npm run bench:panel`).
    if (signal.aborted) return;
    benchMark('render');
    flushSync(() => ui.mounted?.render(element));
    benchMark('layout');
    layout();
    if (PAINT_LOG) {
      const log = ((globalThis as { [PAINT_LOG_KEY]?: PaintEntry[] })[PAINT_LOG_KEY] ??= []);
      // Our own cards inside our closed root, not the host's markup.
      // eslint-disable-next-line no-restricted-syntax -- reads the panel's own data-panel markers
      const cards = [...(frame?.querySelectorAll('[data-panel]') ?? [])].map((e) => e.getAttribute('data-panel') ?? '');
      // eslint-disable-next-line no-restricted-syntax -- reads the panel's own data-pending marker
      log.push({ ui: name, at: performance.now(), card: cards[0] ?? null, cards, pending: frame?.querySelector('[data-pending]') !== null });
    }
  };
}

