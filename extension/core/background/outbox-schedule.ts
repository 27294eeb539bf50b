/**
 * When the outbox tries again: exponential backoff with full jitter (a random delay between zero
 * and a ceiling that doubles per failure), so many browsers coming back online at once spread
 * their retries instead of hitting the server together. Pure: randomness is a parameter.
 */

export const RETRY_BASE_MS = 5_000;
export const RETRY_CAP_MS = 30 * 60_000;

/**
 * The ceiling after `attempts` failures: base × 2^(attempts − 1), capped.
 *
 * @example retryCeilingMs(1) // 5_000
 * @example retryCeilingMs(3) // 20_000
 * @example retryCeilingMs(20) // 1_800_000 (30 min)
 */
export function retryCeilingMs(attempts: number): number {
  const exponent = Math.max(0, attempts - 1);
  // 2^30 is far past the cap; stopping there keeps the arithmetic finite for absurd counts.
  return Math.min(RETRY_CAP_MS, RETRY_BASE_MS * 2 ** Math.min(exponent, 30));
}

/**
 * The delay before the next try after `attempts` failures, given `random()` in [0, 1).
 *
 * @example backoffDelayMs(2, () => 0.5) // 5_000 (half of the 10 s ceiling)
 */
export function backoffDelayMs(attempts: number, random: () => number): number {
  const r = Math.min(Math.max(random(), 0), 1);
  return Math.floor(r * retryCeilingMs(attempts));
}
