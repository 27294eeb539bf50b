/**
 * An answer asked ahead of its use: the Gmail thread panel asks the rep's side (their addresses,
 * the never-log list, whether bodies may be logged: two messages to the background) when the rep
 * LEAVES a thread, so the next thread opened finds it answered instead of waiting for it before
 * reading its people (bench:panel's Gmail rows: 15-20 ms of a warm panel's 22-30 on a loaded
 * machine). An answer asked more than `maxAgeMs` before it is used is asked again: a never-log entry
 * added elsewhere (another tab, the admin) holds within that time. Each answer is used once.
 *
 * @example
 * const side = askAhead(mailSide, () => performance.now(), 60_000);
 * side.next()   // asked now (nothing ahead), or the answer asked when the last thread was left
 * side.ahead()  // on leaving a thread
 */
export interface AskAhead<T> {
  /** The answer asked ahead, when fresh enough; otherwise asked now. */
  next(): Promise<T>;
  /** Asks now for the next `next()`. */
  ahead(): void;
}

export function askAhead<T>(ask: () => Promise<T>, now: () => number, maxAgeMs: number): AskAhead<T> {
  let kept: { at: number; answer: Promise<T> } | undefined;
  return {
    next() {
      const ahead = kept;
      kept = undefined;
      return ahead && now() - ahead.at <= maxAgeMs ? ahead.answer : ask();
    },
    ahead() {
      const answer = ask();
      // Never an unhandled rejection while nobody waits for it; `next` hands it over as it is.
      answer.catch(() => undefined);
      kept = { at: now(), answer };
    },
  };
}
