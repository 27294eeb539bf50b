/**
 * WXT build configuration. `srcDir: 'extension'` keeps the extension beside the server;
 * `imports: false` turns off auto-imports so every dependency can be grepped.
 */
import { defineConfig } from 'wxt';

export default defineConfig({
  srcDir: 'extension',
  publicDir: 'extension/public',
  imports: false,
  manifest: {
    name: 'Signalhouse',
    description: 'Account and contact intelligence where reps work: LinkedIn, Gmail and Calendar.',
    permissions: ['storage', 'alarms'],
  },
});
