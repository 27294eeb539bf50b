/**
 * `npm run size`: the extension's per-site script cost. For each site, the content script every
 * page of the site loads, and the bundles it loads lazily on the pages it serves (the panel), raw
 * and gzipped (level 9). Builds the Chrome extension first (NODE_ENV=production, as shipped);
 * `npm run size -- --no-build` reads the existing `.output/chrome-mv3`.
 *
 * The rows come from the site registry (extension/sites/registry.ts, production sites only: the
 * size a rep's browser loads). Each file must be where the manifest says (a content script, a
 * web-accessible resource), so a renamed entrypoint fails the report instead of measuring nothing;
 * an every-page script over its budget (3 kB gzip per site, issue 10) fails it too.
 */
import { execFileSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { gzipSync } from 'node:zlib';
import { sitesFor, sizeRows } from '../extension/sites/registry.ts';

const REPO_ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const BUILD_DIR = path.join(REPO_ROOT, '.output/chrome-mv3');

/**
 * One row per production site: the every-page script (loaded on every page the content script
 * matches) and the bundles loaded on served pages only (injected on their URLs or imported at run
 * time, `core/page/lazy-bundle.ts`).
 */
const SITES = sizeRows(sitesFor(false));

/** The every-page script's budget per site, gzip level 9 (issue 10). */
const EVERY_PAGE_BUDGET_BYTES = 3_000;

interface Manifest {
  content_scripts?: Array<{ js?: string[] }>;
  web_accessible_resources?: Array<{ resources: string[] }>;
}

function main(): void {
  if (!process.argv.includes('--no-build')) {
    // NODE_ENV=production: React's production build, as in the store package.
    // Without the test-only sites: the size a rep's browser loads.
    execFileSync('npx', ['wxt', 'build'], { cwd: REPO_ROOT, stdio: 'ignore', env: { ...process.env, NODE_ENV: 'production', WXT_TEST_SITES: '' } });
  }
  const manifestPath = path.join(BUILD_DIR, 'manifest.json');
  if (!existsSync(manifestPath)) throw new Error('no .output/chrome-mv3/manifest.json: run without --no-build');
  const manifest = JSON.parse(readFileSync(manifestPath, 'utf8')) as Manifest;
  const contentScripts = new Set((manifest.content_scripts ?? []).flatMap((entry) => entry.js ?? []));
  const accessible = new Set((manifest.web_accessible_resources ?? []).flatMap((entry) => entry.resources));

  const rows: string[][] = [['site', 'loaded', 'file', 'raw kB', 'gzip kB']];
  const overBudget: string[] = [];
  for (const { site, contentScript, lazyBundles } of SITES) {
    if (!contentScripts.has(contentScript)) throw new Error(`${contentScript} is not a content script in the manifest`);
    rows.push([site, 'every page', contentScript, ...sizesOf(contentScript)]);
    const gzipped = gzipSync(readFileSync(path.join(BUILD_DIR, contentScript)), { level: 9 }).length;
    if (gzipped > EVERY_PAGE_BUDGET_BYTES) overBudget.push(`${contentScript}: ${gzipped} bytes gzip, over the ${EVERY_PAGE_BUDGET_BYTES}-byte budget`);
    for (const bundle of lazyBundles) {
      if (!accessible.has(bundle)) throw new Error(`${bundle} is not a web-accessible resource in the manifest`);
      rows.push([site, 'served pages', bundle, ...sizesOf(bundle)]);
    }
  }
  console.log(table(rows));
  if (overBudget.length > 0) {
    console.error(overBudget.join('\n'));
    process.exitCode = 1;
  }
}

/** Raw and gzip-9 sizes in kB (1000 bytes), one decimal. */
function sizesOf(file: string): [string, string] {
  const bytes = readFileSync(path.join(BUILD_DIR, file));
  const kB = (n: number) => (n / 1000).toFixed(1);
  return [kB(bytes.length), kB(gzipSync(bytes, { level: 9 }).length)];
}

function table(rows: string[][]): string {
  const widths = rows[0]!.map((_, column) => Math.max(...rows.map((row) => row[column]!.length)));
  const numeric = (column: number) => column >= 3;
  return rows
    .map((row) => row.map((cell, column) => (numeric(column) ? cell.padStart(widths[column]!) : cell.padEnd(widths[column]!))).join('  '))
    .join('\n');
}

main();
