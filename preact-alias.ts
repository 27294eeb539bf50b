/**
 * The extension renders with Preact behind React's API (`preact/compat`): the components are
 * written, typed and linted as React, and every build and test resolves React to Preact here.
 *
 * Why: the panel bundle is injected into every served host page at document start, and React
 * DOM 19 was 60 of its 97 kB gzip (issue 11: the panel ≤ 80 kB gzip; bench:panel: the panel
 * before the rep looks). Preact is 4 kB with the same hooks, `createRoot` and events, and
 * attaches listeners to the elements themselves, which suits a closed shadow root. One runtime
 * for the whole extension (panel, side panel, options) and its unit tests, so what is tested is
 * what ships. Used by wxt.config.ts (vite) and vitest.config.ts.
 */
export const PREACT_ALIASES = [
  { find: /^react$/, replacement: 'preact/compat' },
  { find: /^react-dom$/, replacement: 'preact/compat' },
  { find: /^react-dom\/client$/, replacement: 'preact/compat/client' },
  { find: /^react-dom\/server$/, replacement: 'preact/compat/server' },
  { find: /^react\/jsx-runtime$/, replacement: 'preact/jsx-runtime' },
  { find: /^react\/jsx-dev-runtime$/, replacement: 'preact/jsx-dev-runtime' },
];
