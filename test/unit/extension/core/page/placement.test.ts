/**
 * The panel's placement beside the host's keep-clear boxes (extension/core/page/placement.ts).
 */
import { describe, expect, it } from 'vitest';
import { besidePosition, place, type Box } from '../../../../../extension/core/page/placement.ts';

const viewport = { width: 1024, height: 768 };
const card = { viewport, top: 64, right: 12, width: 340, minHeight: 320 };
const intersects = (a: Box, b: Box) => a.left < b.right && b.left < a.right && a.top < b.bottom && b.top < a.bottom;

describe('place', () => {
  it('keeps the anchor when nothing crosses the column (a wide page with a right-hand rail)', () => {
    expect(place({ ...card, viewport: { width: 1440, height: 900 }, keepClear: [{ left: 180, top: 200, right: 900, bottom: 240 }] })).toEqual({ top: 64, maxHeight: 828, fits: true });
  });

  it('moves below a name heading that crosses the column, clear of it by the gap', () => {
    const heading = { left: 24, top: 100, right: 1000, bottom: 140 };
    const at = place({ ...card, keepClear: [heading] })!;
    expect(at).toEqual({ top: 148, maxHeight: 612, fits: true });
    expect(intersects({ left: 672, top: at.top, right: 1012, bottom: at.top + at.maxHeight }, heading)).toBe(false);
  });

  it('takes the stretch above the top card when it is tall enough', () => {
    expect(place({ ...card, keepClear: [{ left: 24, top: 500, right: 1000, bottom: 700 }] })).toEqual({ top: 64, maxHeight: 428, fits: true });
  });

  it('answers the tallest stretch, not fitting, when none is tall enough for the card', () => {
    const photo = { left: 600, top: 300, right: 900, bottom: 520 };
    expect(place({ ...card, keepClear: [photo] })).toEqual({ top: 528, maxHeight: 232, fits: false });
  });

  it('finds room for a tab on the edge where the card has none', () => {
    const keepClear = [{ left: 24, top: 200, right: 990, bottom: 700 }];
    expect(place({ ...card, keepClear })!.fits).toBe(false);
    expect(place({ viewport, top: 64, right: 0, width: 28, minHeight: 96, keepClear })).toEqual({ top: 64, maxHeight: 696, fits: true });
  });

  it('answers null when the whole column is covered', () => {
    expect(place({ ...card, keepClear: [{ left: 0, top: 0, right: 1024, bottom: 768 }] })).toBeNull();
  });

  it('ignores boxes scrolled out of view and empty boxes', () => {
    expect(place({ ...card, keepClear: [{ left: 24, top: -300, right: 1000, bottom: -10 }, { left: 700, top: 300, right: 700, bottom: 300 }] })!.top).toBe(64);
  });
});

describe('a card beside a compose window (besidePosition)', () => {
  const viewport = { width: 1280, height: 720 };
  it('sits above the window, right edges aligned, so it never covers the window docked beside it', () => {
    expect(besidePosition({ top: 260, bottom: 720, left: 764, right: 1264 }, viewport, 340, 160)).toEqual({ bottom: 468, right: 16, maxHeight: 244 });
  });
  it('goes left of a window too tall to leave room above it, else right, else nowhere', () => {
    expect(besidePosition({ top: 64, bottom: 720, left: 700, right: 1264 }, viewport, 340, 160)).toEqual({ top: 64, right: 588, maxHeight: 648 });
    expect(besidePosition({ top: 64, bottom: 720, left: 100, right: 600 }, viewport, 340, 160)).toEqual({ top: 64, right: 332, maxHeight: 648 });
    expect(besidePosition({ top: 64, bottom: 720, left: 100, right: 1200 }, viewport, 340, 160)).toBeNull();
  });
});
