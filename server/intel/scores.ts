/**
 * What ICP fit (scores-icp.ts) and engagement (scores-engagement.ts) share: how a score's 100
 * points are split between its components and how a component's points are rounded.
 *
 * Rounding, so that the parts always add up: the components' maxes are whole numbers that sum to
 * exactly 100 (weights split by largest remainder), each component's points are a whole number
 * between 0 and its max (its fraction of the max, rounded), and the score IS the sum of the
 * points. A penalty component (negative points) is never larger than what the others earned, so
 * the score stays within 0-100.
 *
 * @example
 * sharesOf([30, 25, 20, 25]) // [30, 25, 20, 25]
 * sharesOf([1, 1, 1])        // [34, 33, 33]
 * scoreOf([{ name: 'Industry', points: 30, max: 30, reason: '…' }]).score // 30
 */
import type { Score, ScoreComponent } from '../../shared/brief.ts';

/** Whole-number shares of 100 in proportion to the weights (largest remainder; ties to the earlier); all 0 when no weight is positive. */
export function sharesOf(weights: readonly number[]): number[] {
  const positive = weights.map((w) => (Number.isFinite(w) && w > 0 ? w : 0));
  const total = positive.reduce((a, b) => a + b, 0);
  if (total <= 0) return positive.map(() => 0);
  const exact = positive.map((w) => (w / total) * 100);
  const shares = exact.map(Math.floor);
  let left = 100 - shares.reduce((a, b) => a + b, 0);
  const order = exact.map((x, i) => ({ i, rest: x - Math.floor(x) })).sort((a, b) => b.rest - a.rest || a.i - b.i);
  for (const { i } of order) {
    if (left <= 0) break;
    if (positive[i]! > 0) {
      shares[i]!++;
      left--;
    }
  }
  return shares;
}

/** A fraction (clamped to 0-1) of a whole-number max, as whole points. */
export const pointsOf = (fraction: number, max: number) => Math.round(Math.min(1, Math.max(0, Number.isFinite(fraction) ? fraction : 0)) * max);

/** The score of its components: exactly their sum (clamped only as a guard; the rules above keep it within 0-100). */
export function scoreOf(components: ScoreComponent[]): Score {
  const sum = components.reduce((a, c) => a + c.points, 0);
  return { score: Math.min(100, Math.max(0, sum)), components };
}

/** 2.345 → "2.3": weighted counts read as one decimal. */
export const oneDecimal = (n: number) => (Math.round(n * 10) / 10).toString();
