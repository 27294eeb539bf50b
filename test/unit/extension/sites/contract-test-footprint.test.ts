/**
 * Acceptance 2 of issue 10: the test-only site was added with no edit outside its `sites/` folder,
 * its feature file and one registry line. This lists every file of the repository that refers to
 * it (its id, its folder, its feature file or its host) and fails on any other; in the registry,
 * on more than one line. Tests dedicated to it (`contract-test*` under test/) may refer to it too.
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative, sep } from 'node:path';
import { describe, expect, it } from 'vitest';

const ROOT = join(import.meta.dirname, '../../../..');
/** Not the repository's own text: dependencies, builds, data, VCS, the test runners' outputs (a trace copies the test page). */
const SKIP = new Set(['node_modules', '.output', '.wxt', '.git', 'data', 'coverage', 'test-results', 'playwright-report']);
const MENTION = /contract-test|contractTest|signalhouse\.invalid/;

function files(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    if (SKIP.has(name)) return [];
    const path = join(dir, name);
    return statSync(path).isDirectory() ? files(path) : [path];
  });
}

/** Where the test site may be named: its folder, its feature file, tests of its own. */
function allowed(path: string): boolean {
  return (
    path.startsWith(`extension/sites/contract-test/`) ||
    path === 'extension/features/contract-test-panel.tsx' ||
    /^test\/(e2e|unit)\/(.*\/)?contract-test[^/]*\.(e2e|test)\.tsx?$/.test(path)
  );
}

describe('the contract-test site footprint', () => {
  const mentions = files(ROOT)
    .map((path) => relative(ROOT, path).split(sep).join('/'))
    .filter((path) => /\.(ts|tsx|js|json|md|html|css)$/.test(path))
    .map((path) => ({ path, lines: readFileSync(join(ROOT, path), 'utf8').split('\n').filter((line) => MENTION.test(line)) }))
    .filter(({ lines }) => lines.length > 0);

  it('lives in its sites folder, its feature file and tests of its own, plus one registry line', () => {
    const outside = mentions.filter(({ path }) => !allowed(path) && path !== 'extension/sites/registry.ts').map(({ path }) => path);
    expect(outside).toEqual([]);
  });

  it('takes exactly one line of the registry', () => {
    const registry = mentions.find(({ path }) => path === 'extension/sites/registry.ts');
    expect(registry?.lines).toEqual(["import './contract-test/manifest.ts';"]);
  });

  it('is really there (the check would pass vacuously without it)', () => {
    expect(mentions.map(({ path }) => path)).toEqual(
      expect.arrayContaining(['extension/sites/contract-test/manifest.ts', 'extension/features/contract-test-panel.tsx', 'test/e2e/contract-test-site.e2e.ts']),
    );
  });
});
