/**
 * Global setup of the browser suite (playwright.config.ts): builds the extension once per run, so
 * every spec loads the code of the working tree and not a stale `.output`.
 */
import { buildExtension } from './harness.ts';

export default function setup(): void {
  buildExtension();
}
