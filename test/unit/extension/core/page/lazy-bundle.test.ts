// @vitest-environment jsdom
/**
 * The handover between the LinkedIn content script and the panel bundle, and waiting for a body
 * at document start.
 */
import { describe, expect, it } from 'vitest';
import { bodyOf } from '../../../../../extension/core/page/body-of.ts';
import { loadBundle, provideBundle } from '../../../../../extension/core/page/lazy-bundle.ts';

describe('loadBundle', () => {
  it('resolves to the API an injected bundle provided, without importing a second copy', async () => {
    // No extension runtime here: an import would throw, so resolving proves none was attempted.
    const api = { showProfilePanel: () => undefined };
    provideBundle('linkedin-panel', api);
    await expect(loadBundle('linkedin-panel')).resolves.toBe(api);
  });
});

describe('bodyOf', () => {
  it('waits for the parser to add a body', async () => {
    const doc = document.implementation.createHTMLDocument('');
    doc.body.remove();
    let resolved = false;
    const waiting = bodyOf(doc, new AbortController().signal).then(() => (resolved = true));
    await new Promise((resolve) => setTimeout(resolve, 10));
    expect(resolved).toBe(false);
    doc.documentElement.append(doc.createElement('body'));
    await waiting;
    expect(resolved).toBe(true);
  });

  it('resolves at once when the page was left', async () => {
    const doc = document.implementation.createHTMLDocument('');
    doc.body.remove();
    const page = new AbortController();
    const waiting = bodyOf(doc, page.signal);
    page.abort();
    await expect(waiting).resolves.toBeUndefined();
  });
});
