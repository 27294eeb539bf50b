/**
 * Runs `load` now, every `intervalMs` while the panel is visible, and again when it becomes
 * visible: the side panel stays open for hours, and what it lists (the outbox, recent briefs)
 * changes in the background. The interval stops when the panel unmounts.
 */
import { useEffect, useRef } from 'react';

/**
 * @example usePolling(refreshOutbox, 3_000)
 */
export function usePolling(load: () => unknown, intervalMs: number): void {
  // The latest `load` without restarting the timer on every render.
  const latest = useRef(load);
  latest.current = load;
  useEffect(() => {
    const run = () => {
      if (document.visibilityState !== 'hidden') void latest.current();
    };
    run();
    const timer = setInterval(run, intervalMs);
    document.addEventListener('visibilitychange', run);
    return () => {
      clearInterval(timer);
      document.removeEventListener('visibilitychange', run);
    };
  }, [intervalMs]);
}
