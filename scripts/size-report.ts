/**
 * `npm run size`: the extension's per-site script cost. For each site, the content script every
 * page of the site loads, and the bundles it loads lazily on the pages it serves (the panel), raw
 * and gzipped (level 9). Builds the Chrome extension first (NODE_ENV=production, as shipped);
 * `npm run size -- --no-build` reads the existing `.output/chrome-mv3`.
 *
 * Each file in SITES must be where the manifest says (a content script, a web-accessible
 * resource), so a renamed entrypoint fails the report instead of measuring nothing.
 */
import { execFileSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { gzipSync } from 'node:zlib';

const REPO_ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const BUILD_DIR = path.join(REPO_ROOT, '.output/chrome-mv3');

interface SiteScripts {
  site: string;
  /** Loaded on every page the content script matches. */
  contentScript: string;
  /** Loaded on served pages only: injected on their URLs or imported at run time (`core/lazy-bundle.ts`). */
  lazyBundles: string[];
}

/** One row per site; Gmail and Calendar add theirs when their content scripts exist. */
const SITES: SiteScripts[] = [{ site: 'LinkedIn', contentScript: 'content-scripts/linkedin.js', lazyBundles: ['content-scripts/linkedin-panel.js'] }];

interface Manifest {
  content_scripts?: Array<{ js?: string[] }>;
  web_accessible_resources?: Array<{ resources: string[] }>;
}

function main(): void {
  if (!process.argv.includes('--no-build')) {
    // NODE_ENV=production: React's production build, as in the store package.
    execFileSync('npx', ['wxt', 'build'], { cwd: REPO_ROOT, stdio: 'ignore', env: { ...process.env, NODE_ENV: 'production' } });
  }
  const manifestPath = path.join(BUILD_DIR, 'manifest.json');
  if (!existsSync(manifestPath)) throw new Error('no .output/chrome-mv3/manifest.json: run without --no-build');
  const manifest = JSON.parse(readFileSync(manifestPath, 'utf8')) as Manifest;
  const contentScripts = new Set((manifest.content_scripts ?? []).flatMap((entry) => entry.js ?? []));
  const accessible = new Set((manifest.web_accessible_resources ?? []).flatMap((entry) => entry.resources));

  const rows: string[][] = [['site', 'loaded', 'file', 'raw kB', 'gzip kB']];
  for (const { site, contentScript, lazyBundles } of SITES) {
    if (!contentScripts.has(contentScript)) throw new Error(`${contentScript} is not a content script in the manifest`);
    rows.push([site, 'every page', contentScript, ...sizesOf(contentScript)]);
    for (const bundle of lazyBundles) {
      if (!accessible.has(bundle)) throw new Error(`${bundle} is not a web-accessible resource in the manifest`);
      rows.push([site, 'served pages', bundle, ...sizesOf(bundle)]);
    }
  }
  console.log(table(rows));
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
