/**
 * Where a panel may sit without covering the host's own content (issue 11: "never over the
 * profile's top card"): pure geometry, no DOM. The panel is a column at the viewport's right edge;
 * the host's keep-clear boxes (LinkedIn: the member's name heading and photo) that cross that
 * column cut it into free stretches, and the panel takes the first stretch tall enough for it.
 * When none is, the panel shows as a tab on the edge (whose own column is narrower), unless the
 * rep asked for the card, which then takes the tallest stretch and scrolls inside it.
 *
 * @example
 * place({ viewport: { width: 1024, height: 768 }, top: 64, right: 12, width: 340, minHeight: 320, keepClear: [h1Box] })
 * // { top: 64, maxHeight: 200, fits: false } when the heading sits at y 280
 */

/** A box in viewport coordinates (as `getBoundingClientRect` answers). */
export interface Box {
  left: number;
  top: number;
  right: number;
  bottom: number;
}

export interface PlaceInput {
  viewport: { width: number; height: number };
  /** The anchor's top (below the host's bar) and right gap. */
  top: number;
  right: number;
  /** The panel's width at that gap. */
  width: number;
  /** The height it needs to count as fitting (the card's first screen; the tab's own height). */
  minHeight: number;
  keepClear: readonly Box[];
  /** Space kept between the panel and what it avoids, and above the viewport's bottom. */
  gap?: number;
}

export interface Placement {
  top: number;
  /** The stretch's height: the panel's max-height there. */
  maxHeight: number;
  /** Whether the stretch is at least `minHeight` tall (false: the tallest there is, too short). */
  fits: boolean;
}

/**
 * The first free stretch of the panel's column at least `minHeight` tall; otherwise the tallest
 * (with `fits: false`), or null when the column has no free pixel at all.
 */
export function place({ viewport, top, right, width, minHeight, keepClear, gap = 8 }: PlaceInput): Placement | null {
  const left = viewport.width - right - width;
  const columnRight = viewport.width - right;
  const bottom = viewport.height - gap;
  // The boxes crossing the column and the visible height, as vertical spans with the gap around them.
  const blocked = keepClear
    .filter((b) => b.right > left && b.left < columnRight && b.bottom > top && b.top < bottom && b.right > b.left && b.bottom > b.top)
    .map((b) => ({ from: b.top - gap, to: b.bottom + gap }))
    .sort((a, b) => a.from - b.from);
  const stretches: { from: number; to: number }[] = [];
  let cursor = top;
  for (const span of blocked) {
    if (span.from > cursor) stretches.push({ from: cursor, to: Math.min(span.from, bottom) });
    cursor = Math.max(cursor, span.to);
  }
  if (cursor < bottom) stretches.push({ from: cursor, to: bottom });
  const usable = stretches.filter((s) => s.to > s.from);
  if (usable.length === 0) return null;
  const first = usable.find((s) => s.to - s.from >= minHeight);
  const chosen = first ?? usable.reduce((a, b) => (b.to - b.from > a.to - a.from ? b : a));
  return { top: Math.round(chosen.from), maxHeight: Math.floor(chosen.to - chosen.from), fits: first !== undefined };
}

/** Where a card sits beside a host element: fixed, by its top or its bottom edge, and how tall it may grow. */
export interface BesidePosition {
  top?: number;
  bottom?: number;
  right: number;
  maxHeight: number;
}

/**
 * Where a card `width` wide sits beside `box` in the viewport: ABOVE it, right edges aligned, when
 * `minHeight` fits there (Gmail docks compose windows side by side along the bottom: beside one is
 * over the next, above is over the mail list); else left of it, else right of it; null: no room.
 *
 * @example besidePosition({ top: 260, bottom: 720, left: 764, right: 1264 }, { width: 1280, height: 720 }, 340, 160) // { bottom: 468, right: 16, maxHeight: 244 }
 */
export function besidePosition(box: Box, viewport: { width: number; height: number }, width: number, minHeight: number, gap = 8): BesidePosition | null {
  const right = Math.round(Math.min(viewport.width - width - gap, Math.max(gap, viewport.width - box.right)));
  if (box.top - 2 * gap >= minHeight) return { bottom: Math.round(viewport.height - box.top + gap), right, maxHeight: Math.floor(box.top - 2 * gap) };
  const top = Math.max(gap, Math.round(box.top));
  const maxHeight = Math.floor(viewport.height - top - gap);
  if (box.left - gap - width >= 0) return { top, right: Math.round(viewport.width - box.left + gap), maxHeight };
  if (box.right + gap + width <= viewport.width) return { top, right: Math.round(viewport.width - box.right - gap - width), maxHeight };
  return null;
}
