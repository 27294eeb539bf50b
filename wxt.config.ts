/**
 * WXT build configuration. `srcDir: 'extension'` keeps the extension beside the server;
 * `imports: false` turns off auto-imports so every dependency can be grepped.
 *
 * The manifest is per browser: Chrome gets a fixed `key` (so the extension id, and with it the
 * origin the server's CORS allow-list names, is the same on every machine), the side panel and the
 * managed-storage schema; Firefox gets its gecko id instead.
 */
import path from 'node:path';
import tailwindcss from '@tailwindcss/vite';
import react from '@vitejs/plugin-react';
import { defineConfig } from 'wxt';
import { PREACT_ALIASES } from './preact-alias.ts';
import { contentScriptsOf, hostPermissions, lazyBundleResources, sitesFor, testSitesWanted } from './extension/sites/registry.ts';

/**
 * The PUBLIC half (base64 DER, SubjectPublicKeyInfo) of an RSA-2048 key generated once with
 * node:crypto. Chrome derives the extension id from it; the private half was never kept, since
 * stores sign packages themselves. The id is `kbhdpjlnpmgpfcommknmpolgmgkalbhm` (see `extensionIdOf`).
 */
export const MANIFEST_KEY =
  'MIIBIjANBgkqhkiG9w0BAQEFAAOCAQ8AMIIBCgKCAQEAv1/uaA4fqDW//62yGv3dwsrCL1H4/hOyN5XlG3jjpdDoH2OrmYt6rX8Imtq0ngRGP+ij2KRUcfCnz9UIuhtmUV1X2N7PQA5KmXbmAogxRqg5Pz1SJVR5KwYqD2qD+VuA67a4nnEa3K8FHaCNiP9SN6+j6D4R6Ydcvmjfh3ClS/ULUwQwarH3AiEyUMCd9mMxOHXelYIJPpq0IKJTBbT/XopWAXB+ctuFSL4DDlNTzMWNiXRLR5K13k4qOnWgSQOIRzNhb9hB2JT1GZdQkBz9rNOGbuOeYj/1OcpZjnM8qM5/nLKDT2C1qnXcpoVebtUTE6YKqLv4cGl2a+F/J0rzHQIDAQAB';

/** Firefox's add-on id; its extension origin is a per-profile UUID, not this. */
export const GECKO_ID = 'extension@signalhouse.dev';

/**
 * The sites this build serves (extension/sites/registry.ts): production sites always, the
 * test-only site when the e2e build sets WXT_TEST_SITES=1. Everything site-specific in the
 * manifest is derived from them: content scripts, lazy bundles, host permissions.
 */
const SITES = sitesFor(testSitesWanted());

/**
 * Bundles content scripts load at run time (`core/page/lazy-bundle.ts`). Web-accessible, so the
 * sites' pages could fetch them: code only, nothing secret. Chrome's `use_dynamic_url` serves them
 * only under a per-session id, so a page cannot probe the fixed extension id for them.
 */
const LAZY_BUNDLES = lazyBundleResources(SITES);

/**
 * Every host the extension serves now or will (Gmail, Calendar, Meet, Zoom), declared in this
 * release so that a later one adds no permission (an update asking for new hosts is disabled until
 * the rep accepts them).
 */
const HOST_PERMISSIONS = hostPermissions(SITES);

export default defineConfig({
  srcDir: 'extension',
  publicDir: 'extension/public',
  imports: false,
  // Firefox too: WXT would build it as MV2 by default.
  manifestVersion: 3,
  vite: () => ({
    plugins: [tailwindcss(), react()],
    resolve: { alias: PREACT_ALIASES },
    // The background's list of shipped sites (their modes, the options page's "Sites") comes from the
    // registry, which the browser never loads (core/background/shipped-sites.ts); and whether this is
    // the e2e build, whose stand-in for managed storage production leaves out.
    define: {
      __SIGNALHOUSE_SITES__: JSON.stringify(SITES.map(({ id, name }) => ({ id, name }))),
      __SIGNALHOUSE_TEST_BUILD__: JSON.stringify(testSitesWanted()),
    },
  }),
  hooks: {
    // Each site's two content scripts come from the registry, not from files in entrypoints/:
    // adding a site is its folder and one registry line.
    'entrypoints:resolved': (wxt, entrypoints) => {
      for (const script of contentScriptsOf(SITES)) {
        entrypoints.push({
          type: 'content-script',
          name: script.name,
          inputPath: path.resolve(wxt.config.srcDir, script.input),
          outputDir: path.resolve(wxt.config.outDir, 'content-scripts'),
          // A bundle with no matches is never injected by the browser, only imported (registry.ts).
          options: { matches: script.matches, runAt: 'document_start', ...(script.registration ? { registration: script.registration } : {}) },
          skipped: false,
        });
      }
    },
  },
  // The Firefox store's sources zip: never the server's data folder (its databases hold CRM data and
  // token hashes; the scale set is gigabytes), test runs or logs.
  zip: { excludeSources: ['data/**', 'coverage/**', '**/*.log', 'test/**'] },
  manifest: ({ browser }) => {
    const common = {
      name: 'Signalhouse',
      description: 'Account and contact intelligence where reps work: LinkedIn, Gmail and Calendar.',
      // The toolbar button: it opens the side panel (Chrome) or toggles the sidebar (Firefox), see background/side-panel.ts.
      action: { default_title: 'Open Signalhouse' },
    };
    if (browser === 'firefox') {
      return {
        ...common,
        // No host permission for the server: it answers CORS for the extension's origin.
        permissions: ['storage', 'alarms', 'notifications'],
        host_permissions: HOST_PERMISSIONS,
        web_accessible_resources: LAZY_BUNDLES,
        browser_specific_settings: {
          gecko: {
            id: GECKO_ID,
            strict_min_version: '121.0',
            // Names, titles and profile URLs on the page go to the team's own server to find the CRM record.
            data_collection_permissions: { required: ['personallyIdentifyingInfo', 'websiteContent'] },
          },
        },
      };
    }
    return {
      ...common,
      key: MANIFEST_KEY,
      // notifications: the digest's alerts (background/digest-alarm.ts).
      permissions: ['storage', 'alarms', 'sidePanel', 'notifications'],
      host_permissions: HOST_PERMISSIONS,
      web_accessible_resources: LAZY_BUNDLES.map((bundle) => ({ ...bundle, use_dynamic_url: true })),
      // Lets an admin pin the server URL by policy (read from browser.storage.managed).
      storage: { managed_schema: 'managed_schema.json' },
    };
  },
});
