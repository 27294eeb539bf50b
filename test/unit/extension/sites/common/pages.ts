/**
 * Loads host pages for the Gmail, Calendar, Meet and Zoom adapter tests: real captures from
 * `../shared/fixtures/<site>/` (read in place, never copied into the repository; absent in a
 * fresh clone, where those tests skip) and hand-made pages from `test/fixtures/<site>/`.
 */
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';

// `import.meta.dirname`, not `new URL(…, import.meta.url)`: the jsdom environment swaps the global URL.
const REPO_ROOT = path.resolve(import.meta.dirname, '../../../../..');

/** Real captures for `site`, published beside the repository. */
export const capturesDir = (site: string): string => path.resolve(REPO_ROOT, '../shared/fixtures', site);
/** Hand-made pages for `site`, in the repository. */
export const handmadeDir = (site: string): string => path.resolve(REPO_ROOT, 'test/fixtures', site);

/** Whether the real capture `file` of `site` is present. */
export const capturePresent = (site: string, file: string): boolean => existsSync(path.join(capturesDir(site), file));

/** A document parsed from `html` (scripts not run). Needs `// @vitest-environment jsdom`. */
export function pageAt(html: string): Document {
  return new DOMParser().parseFromString(html, 'text/html');
}

/** A file from `dir`, parsed. */
export function loadPage(dir: string, file: string): Document {
  return pageAt(readFileSync(path.join(dir, file), 'utf8'));
}

/** A file's text from `dir`. */
export function readText(dir: string, file: string): string {
  return readFileSync(path.join(dir, file), 'utf8');
}
