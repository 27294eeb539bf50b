/**
 * LinkedIn content script: runs the LinkedIn features on the pages they serve. Kept tiny (URL
 * predicates and the feature runner, no React): the panel is a separate bundle
 * (`entrypoints/linkedin-panel.ts`) loaded only when a served page (a profile) is opened, so the
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
