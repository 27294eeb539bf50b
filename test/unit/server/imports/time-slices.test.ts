/**
 * An import over HTTP shares a server worker's event loop with the reps' requests, and SQLite's
 * calls are synchronous: it must give the loop a turn as it goes, in both passes, or every request
 * queued behind it waits (bench:soak measured waits of 25-90 ms per chunk before). The CLI, a
 * process of its own, does not slice. Slices of 0 ms make the turns countable: one per row.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { IMPORTERS } from '../../../../server/ingest/csv/entities/index.ts';
import { csvFileSource } from '../../../../server/ingest/csv/read.ts';
import { runImport, type ImportProgress } from '../../../../server/ingest/csv/run.ts';
import { turnsDuring } from '../event-loop-turns.ts';
import { makeHarness, type Harness } from '../harness.ts';
import { countOf } from './helpers.ts';

const ROWS = 3000;
let h: Harness;
let dir: string;
beforeAll(async () => {
  h = await makeHarness();
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'sh-slices-'));
});
afterAll(async () => {
  await h.close();
  fs.rmSync(dir, { recursive: true, force: true });
});

function accountsFile(tag: string): string {
  const lines = ['external_id,name,domains'];
  for (let i = 0; i < ROWS; i++) lines.push(`${tag}-${i},${tag} Company ${i},${tag}-${i}.example.com`);
  const file = path.join(dir, `${tag}.csv`);
  fs.writeFileSync(file, `${lines.join('\n')}\n`);
  return file;
}

/** The loop's turns so far at each progress report of `run`. */
async function turnsAtProgress(run: (onProgress: (p: ImportProgress) => void) => Promise<unknown>) {
  const seen: Array<{ phase: string; rows: number; turns: number }> = [];
  await turnsDuring((turns) => run((p) => seen.push({ phase: p.phase, rows: p.rows, turns: turns() })));
  return seen;
}

describe('an import in time slices', () => {
  it('gives the event loop a turn between rows while validating and while writing', async () => {
    const file = accountsFile('sliced');
    const seen = await turnsAtProgress((onProgress) =>
      runImport(h.db.kysely, IMPORTERS.accounts, csvFileSource(file), { teamId: h.teamA, now: h.clock.now, onProgress, sliceMs: 0 }),
    );
    const at = (phase: string, rows: number) => seen.find((s) => s.phase === phase && s.rows === rows)!.turns;
    // 1,000 rows validated: about a turn a row (before: the first 64 kB chunk, ~1,700 rows, in one go).
    expect(at('validating', 2000) - at('validating', 1000)).toBeGreaterThanOrEqual(900);
    expect(at('importing', 2000) - at('importing', 1000)).toBeGreaterThanOrEqual(900);
    expect(await countOf(h, 'accounts', h.teamA)).toBe(ROWS);
  });

  it('runs the CLI without slices: its turns come only from reading the file', async () => {
    const file = accountsFile('whole');
    const seen = await turnsAtProgress((onProgress) =>
      runImport(h.db.kysely, IMPORTERS.accounts, csvFileSource(file), { teamId: h.teamB, now: h.clock.now, onProgress, sliceMs: null, batchSize: 5000 }),
    );
    const at = (phase: string, rows: number) => seen.find((s) => s.phase === phase && s.rows === rows)!.turns;
    expect(at('validating', 2000) - at('validating', 1000)).toBeLessThan(100);
    expect(await countOf(h, 'accounts', h.teamB)).toBe(ROWS);
  });
});
