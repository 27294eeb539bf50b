/**
 * WXT build configuration. `srcDir: 'extension'` keeps the extension beside the server;
 * `imports: false` turns off auto-imports so every dependency can be grepped.
 *
 * The manifest is per browser: Chrome gets a fixed `key` (so the extension id, and with it the
 * origin the server's CORS allow-list names, is the same on every machine), the side panel and the
 * managed-storage schema; Firefox gets its gecko id instead.
 */
import tailwindcss from '@tailwindcss/vite';
import react from '@vitejs/plugin-react';
import { defineConfig } from 'wxt';

/**
 * The PUBLIC half (base64 DER, SubjectPublicKeyInfo) of an RSA-2048 key generated once with
 * node:crypto. Chrome derives the extension id from it; the private half was never kept, since
 * stores sign packages themselves. The id is `kbhdpjlnpmgpfcommknmpolgmgkalbhm` (see `extensionIdOf`).
 */
export const MANIFEST_KEY =
  'MIIBIjANBgkqhkiG9w0BAQEFAAOCAQ8AMIIBCgKCAQEAv1/uaA4fqDW//62yGv3dwsrCL1H4/hOyN5XlG3jjpdDoH2OrmYt6rX8Imtq0ngRGP+ij2KRUcfCnz9UIuhtmUV1X2N7PQA5KmXbmAogxRqg5Pz1SJVR5KwYqD2qD+VuA67a4nnEa3K8FHaCNiP9SN6+j6D4R6Ydcvmjfh3ClS/ULUwQwarH3AiEyUMCd9mMxOHXelYIJPpq0IKJTBbT/XopWAXB+ctuFSL4DDlNTzMWNiXRLR5K13k4qOnWgSQOIRzNhb9hB2JT1GZdQkBz9rNOGbuOeYj/1OcpZjnM8qM5/nLKDT2C1qnXcpoVebtUTE6YKqLv4cGl2a+F/J0rzHQIDAQAB';

/** Firefox's add-on id; its extension origin is a per-profile UUID, not this. */
export const GECKO_ID = 'extension@signalhouse.dev';

/** LinkedIn's hosts, as the content script matches them. */
const LINKEDIN_MATCHES = ['https://www.linkedin.com/*', 'https://*.linkedin.com/*'];

/**
 * Bundles content scripts load at run time (`core/lazy-bundle.ts`). Web-accessible, so LinkedIn's
 * pages could fetch them: code only, nothing secret. Chrome's `use_dynamic_url` serves them only
 * under a per-session id, so a page cannot probe the fixed extension id for them.
 */
const LAZY_BUNDLES = { resources: ['content-scripts/linkedin-panel.js'], matches: LINKEDIN_MATCHES };

export default defineConfig({
  srcDir: 'extension',
  publicDir: 'extension/public',
  imports: false,
  // Firefox too: WXT would build it as MV2 by default.
  manifestVersion: 3,
  vite: () => ({ plugins: [tailwindcss(), react()] }),
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
        web_accessible_resources: [LAZY_BUNDLES],
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
      web_accessible_resources: [{ ...LAZY_BUNDLES, use_dynamic_url: true }],
      // Lets an admin pin the server URL by policy (read from browser.storage.managed).
      storage: { managed_schema: 'managed_schema.json' },
    };
  },
});
