/**
 * Loads LinkedIn pages for the adapter tests: real captures from `../shared/fixtures/linkedin/`
 * (read in place, never copied into the repository) and hand-made pages from `test/fixtures/linkedin/`.
 */
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';

// `import.meta.dirname`, not `new URL(…, import.meta.url)`: the jsdom environment swaps the global URL.
const REPO_ROOT = path.resolve(import.meta.dirname, '../../../../..');

/** Real captures published beside the repository; absent in a fresh clone. */
export const CAPTURES_DIR = path.resolve(REPO_ROOT, '../shared/fixtures/linkedin');
export const HANDMADE_DIR = path.resolve(REPO_ROOT, 'test/fixtures/linkedin');

export const capturesPresent = existsSync(path.join(CAPTURES_DIR, 'expected.json'));

/**
 * A document parsed from `html` (scripts are not run). Needs the jsdom test environment
 * (`// @vitest-environment jsdom`) for `DOMParser`. The extractor takes the page URL as its own
 * argument, so the document's URL does not matter.
 */
export function pageAt(html: string): Document {
  return new DOMParser().parseFromString(html, 'text/html');
}

/** A file from `dir`, parsed. */
export function loadPage(dir: string, file: string): Document {
  return pageAt(readFileSync(path.join(dir, file), 'utf8'));
}

/** What `expected.json` says a correct extractor reads from one capture. */
export interface ExpectedCapture {
  url: string;
  name?: string;
  headline?: string;
  location?: string;
  currentCompany?: string;
  currentTitle?: string;
  currentRoleSince?: string;
}

/** The capture entries of `expected.json` (its `_about` note left out). */
export function expectedCaptures(): [file: string, expected: ExpectedCapture][] {
  const all = JSON.parse(readFileSync(path.join(CAPTURES_DIR, 'expected.json'), 'utf8')) as Record<string, unknown>;
  return Object.entries(all).filter((entry): entry is [string, ExpectedCapture] => !entry[0].startsWith('_'));
}
