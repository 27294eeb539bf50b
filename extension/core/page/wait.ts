/**
 * Timers bound to a signal: never a timer that outlives the page it was started for.
 */

/**
 * Resolves after `ms`, or at once when `signal` aborts.
 *
 * @example await wait(2_000, signal); if (signal.aborted) return;
 */
export function wait(ms: number, signal: AbortSignal): Promise<void> {
  return new Promise((resolve) => {
    if (signal.aborted) return resolve();
    const timer = setTimeout(resolve, ms);
    signal.addEventListener(
      'abort',
      () => {
        clearTimeout(timer);
        resolve();
      },
      { once: true },
    );
  });
}
