/**
 * LinkedIn content script: runs the LinkedIn features on the pages they serve. Kept tiny (URL
 * predicates and the feature runner, no React): the panel is a separate bundle
 * (`entrypoints/linkedin-panel.content.ts`), present only when a served page (a profile) is opened, so the
 * feed, messaging and search pages never load it.
 */
import { defineContentScript } from '#imports';
import { pageHostOf, runFeatures, type Feature } from '../../core/feature-runner.ts';
import { loadBundle } from '../../core/lazy-bundle.ts';
import type { LinkedInPanelApi } from '../../features/linkedin-profile-panel.tsx';
import { isServedPage } from '../../sites/linkedin/routes.ts';

export default defineContentScript({
  // The only LinkedIn host permission: the sites we serve, nothing broader.
  matches: ['https://www.linkedin.com/*', 'https://*.linkedin.com/*'],
  // At document start, not idle: the script is tiny, and on a profile the panel bundle and the
  // cached brief then load while LinkedIn's own page is still arriving (issue 3: the panel's data
  // within 50 ms of the name). Idle waited for the page's load event, often 0.5 s after the name.
  runAt: 'document_start',
  main(ctx) {
    const features: Feature[] = [
      {
        id: 'linkedin-profile-panel',
        include: [isServedPage],
        async init(signal, url) {
          const { showProfilePanel } = await loadBundle<LinkedInPanelApi>('linkedin-panel');
          if (!signal.aborted) await showProfilePanel(ctx, signal, url);
        },
      },
    ];
    // Failures are swallowed on purpose: a broken panel must not break LinkedIn, and errors may hold personal data.
    runFeatures(pageHostOf(ctx), features);
  },
});
