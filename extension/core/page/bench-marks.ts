/**
 * Marks for `npm run bench:panel` (builds with WXT_PANEL_PAINT_LOG=1): when each step on the way to
 * the panel's first data card happened, kept beside the paint log in this isolated world. Other
 * builds compile `benchMark` to nothing.
 */
const ON = import.meta.env.WXT_PANEL_PAINT_LOG === '1';
const KEY = Symbol.for('signalhouse.paint-log');

export function benchMark(step: string): void {
  if (!ON) return;
  ((globalThis as { [KEY]?: { ui: string; at: number; card: string | null }[] })[KEY] ??= []).push({ ui: 'mark', at: performance.now(), card: step });
}
