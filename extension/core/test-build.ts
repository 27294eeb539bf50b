/**
 * Whether this is the e2e build (WXT_TEST_SITES=1): wxt.config.ts writes the constant into every
 * bundle, background and content scripts alike, so a production build holds `false` and the
 * branches behind it are dead code there. Never a setting a page or a rep can reach.
 */
declare const __SIGNALHOUSE_TEST_BUILD__: boolean | undefined;

/** Whether this is the e2e build (test-only sites, the test policy, short test timings). */
export const isTestBuild = (): boolean => typeof __SIGNALHOUSE_TEST_BUILD__ !== 'undefined' && __SIGNALHOUSE_TEST_BUILD__;
