/**
 * Counts the event loop's turns while some work runs (a setImmediate chain), for the tests that
 * check bulk work gives the loop a turn as it goes (db/time-slice.ts). `onTurn` reads the count as
 * the work reports progress.
 *
 * @example const turns = await turnsDuring(() => runImport(...));
 */
export async function turnsDuring(run: (turnsSoFar: () => number) => Promise<unknown>): Promise<number> {
  let turns = 0;
  let running = true;
  const spin = () => {
    turns += 1;
    if (running) setImmediate(spin);
  };
  setImmediate(spin);
  try {
    await run(() => turns);
  } finally {
    running = false;
  }
  return turns;
}
