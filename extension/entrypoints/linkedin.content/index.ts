/**
 * LinkedIn content script: runs the LinkedIn features on the pages they serve. Kept tiny: the
 * panel (React and the components) is imported only when a served page (a profile) is opened,
 * so the feed, messaging and search pages run nothing but the URL predicates.
 */
import { defineContentScript } from '#imports';
import { pageHostOf, runFeatures, type Feature } from '../../core/feature-runner.ts';
import { isServedPage } from '../../sites/linkedin/routes.ts';

export default defineContentScript({
  // The only LinkedIn host permission: the sites we serve, nothing broader.
  matches: ['https://www.linkedin.com/*', 'https://*.linkedin.com/*'],
  cssInjectionMode: 'ui',
  main(ctx) {
    const features: Feature[] = [
      {
        id: 'linkedin-profile-panel',
        include: [isServedPage],
        async init(signal, url) {
          const { showProfilePanel } = await import('../../features/linkedin-profile-panel.tsx');
          if (!signal.aborted) await showProfilePanel(ctx, signal, url);
        },
      },
    ];
    // Failures are swallowed on purpose: a broken panel must not break LinkedIn, and errors may hold personal data.
    runFeatures(pageHostOf(ctx), features);
  },
});
