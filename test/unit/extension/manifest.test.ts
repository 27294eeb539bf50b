/**
 * The manifest as wxt.config.ts derives it from the site registry: every coming surface's host is
 * declared now (LinkedIn, Gmail, Calendar, Meet, Zoom and its subdomains), so a later release adds
 * no permission prompt; each registered site gets its every-page script and its lazy bundle; a
 * test-only site never reaches a production manifest.
 */
import { afterEach, describe, expect, it, vi } from 'vitest';
import { contentScriptsOf, hostPermissions, lazyBundleResources, sitesFor, sizeRows } from '../../../extension/sites/registry.ts';

/** The hosts issue 10 promises, as match patterns. */
const EVERY_SURFACE = [
  'https://www.linkedin.com/*',
  'https://*.linkedin.com/*',
  'https://mail.google.com/*',
  'https://calendar.google.com/*',
  'https://meet.google.com/*',
  'https://zoom.us/*',
  'https://*.zoom.us/*',
];

interface Manifest {
  host_permissions?: string[];
  web_accessible_resources?: { resources: string[]; matches: string[] }[];
}

async function manifestFor(browser: 'chrome' | 'firefox', testSites: boolean): Promise<Manifest> {
  vi.stubEnv('WXT_TEST_SITES', testSites ? '1' : '');
  // A fresh config module: it reads the flag when it is evaluated.
  vi.resetModules();
  const { default: config } = (await import('../../../wxt.config.ts')) as unknown as { default: { manifest: (env: { browser: string }) => Manifest } };
  return config.manifest({ browser });
}

afterEach(() => vi.unstubAllEnvs());

describe('the manifest derived from the site registry', () => {
  it.each(['chrome', 'firefox'] as const)('declares every coming surface\'s hosts for %s', async (browser) => {
    const manifest = await manifestFor(browser, false);
    expect(manifest.host_permissions).toEqual(expect.arrayContaining(EVERY_SURFACE));
  });

  it('gives a production build no host but the surfaces\' (no test site, nothing broader)', async () => {
    const manifest = await manifestFor('chrome', false);
    expect([...manifest.host_permissions!].sort()).toEqual([...EVERY_SURFACE].sort());
    const everyMatch = [...contentScriptsOf(sitesFor(false)).flatMap((s) => s.matches), ...manifest.web_accessible_resources!.flatMap((r) => r.matches)];
    // A served page's match narrows a surface's host to some paths: never another host.
    const hostOf = (match: string) => /^https:\/\/([^/]+)\//.exec(match)?.[1];
    const surfaceHosts = new Set(EVERY_SURFACE.map(hostOf));
    expect(everyMatch.filter((match) => !surfaceHosts.has(hostOf(match)))).toEqual([]);
    expect(sitesFor(false).some((site) => site.testOnly)).toBe(false);
  });

  it('adds the test-only site to a test build only', async () => {
    const production = sitesFor(false).map((site) => site.id);
    const test = sitesFor(true).map((site) => site.id);
    expect(test.length).toBeGreaterThan(production.length);
    const manifest = await manifestFor('chrome', true);
    expect(manifest.host_permissions!.length).toBeGreaterThan(EVERY_SURFACE.length);
  });

  it('builds an every-page script and a lazy, web-accessible panel bundle per site', () => {
    const sites = sitesFor(false);
    const ids = ['linkedin', 'gmail', 'calendar', 'meet', 'zoom'];
    expect(sites.map((site) => site.id)).toEqual(ids);
    // Gmail's threads live in the hash, which match patterns cannot see: its bundle is only ever imported.
    const registrationOf = (id: string) => (id === 'gmail' ? 'runtime' : undefined);
    expect(contentScriptsOf(sites).map(({ name, input, lazy, registration }) => ({ name, input, lazy, registration }))).toEqual(
      ids.flatMap((id) => [
        { name: id, input: `sites/${id}/page.ts`, lazy: false, registration: undefined },
        { name: `${id}-panel`, input: `sites/${id}/bundle.ts`, lazy: true, registration: registrationOf(id) },
      ]),
    );
    expect(lazyBundleResources(sites)[0]).toEqual({ resources: ['content-scripts/linkedin-panel.js'], matches: ['https://www.linkedin.com/*', 'https://*.linkedin.com/*'] });
    expect(lazyBundleResources(sites)[1]).toEqual({ resources: ['content-scripts/gmail-panel.js'], matches: ['https://mail.google.com/*'] });
    expect(lazyBundleResources(sites).map((r) => r.resources)).toEqual(ids.map((id) => [`content-scripts/${id}-panel.js`]));
    expect([...hostPermissions(sites)].sort()).toEqual([...EVERY_SURFACE].sort());
    expect(sizeRows(sites)[0]).toEqual({ site: 'LinkedIn', contentScript: 'content-scripts/linkedin.js', lazyBundles: ['content-scripts/linkedin-panel.js'] });
    expect(sizeRows(sites).map((row) => row.site)).toEqual(['LinkedIn', 'Gmail', 'Google Calendar', 'Google Meet', 'Zoom']);
  });
});

describe('the managed-storage schema', () => {
  it('lets an admin pin the mode of every site a production build ships, with words for each', async () => {
    const { readFileSync } = await import('node:fs');
    const schema = JSON.parse(readFileSync(new URL('../../../extension/public/managed_schema.json', import.meta.url), 'utf8')) as {
      properties: { sites: { title: string; description: string; properties: Record<string, { title: string; description: string; enum: string[] }> } };
    };
    const { SITE_MODES } = await import('../../../extension/core/site-modes.ts');
    expect(schema.properties.sites.description).toBeTruthy();
    for (const site of sitesFor(false)) {
      const pin = schema.properties.sites.properties[site.id];
      expect(pin?.title, site.id).toBe(site.name);
      expect([...(pin?.enum ?? [])].sort(), site.id).toEqual([...SITE_MODES].sort());
      expect(pin?.description).toBeTruthy();
    }
  });
});
