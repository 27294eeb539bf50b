/**
 * Issue 12, acceptance 2 and 4, with the built extension and the real server on hand-made threads
 * of demo CRM people (test/fixtures/gmail/*--handmade.html):
 * - logging a message shows Synced; a teammate's browser shows "Already logged by"; a message
 *   logged while the server is down is delivered exactly once after it returns; "Log thread" logs
 *   only what is not logged yet;
 * - an internal thread offers no logging; an address on the team's never-log list never reaches
 *   the server: the extension is connected through a recording proxy in front of the real server,
 *   whose log of every request body (the server's request log) never holds it.
 */
import http from 'node:http';
import type { Activity } from '../../shared/activity.ts';
import { builtContentScripts, expect, HOOK_TIMEOUT, launchExtensionBrowser, startHarness, test, type ExtensionBrowser, type Harness } from './fixtures.ts';
import { GMAIL_FIXTURES, GMAIL_HOST, NOVARE, SWEDBANK, waitForGmailPanel } from './gmail-panel.ts';
import { panel } from './linkedin-panel.ts';

const ready = builtContentScripts() > 0;
const WAIT = { timeout: 60_000 };
const NOVARE_ACCOUNT = 'Novare Potential';
const INTERNAL = { file: `${GMAIL_FIXTURES}/2026-12-05--thread--internal-only--handmade.html`, url: 'https://mail.google.com/mail/u/0/#inbox/FMfcgzQXJWDsForecastCallPrepA' };

/** The emails logged from the Gmail panel on an account (by their key's form; the demo's own Gmail activities have none), as the ledger holds them. */
async function gmailActivities(h: Harness, accountName: string): Promise<Activity[]> {
  const headers = { authorization: `Bearer ${h.token}` };
  const search = (await (await fetch(`${h.serverUrl}/v1/accounts?q=${encodeURIComponent(accountName)}`, { headers })).json()) as { accounts: { id: string }[] };
  const res = await fetch(`${h.serverUrl}/v1/activities?account=${search.accounts[0]!.id}&limit=200`, { headers });
  const { activities } = (await res.json()) as { activities: Activity[] };
  return activities.filter((a) => a.surface === 'gmail' && a.naturalKey?.startsWith('gmail:msg:v1:'));
}

/** Connects a browser's extension to `serverUrl` with `token` through its options page, as a rep would. */
async function connect(context: ExtensionBrowser['context'], extensionId: string, serverUrl: string, token: string) {
  const page = await context.newPage();
  await page.goto(`chrome-extension://${extensionId}/options.html`);
  await page.getByLabel('Server URL').fill(serverUrl);
  await page.getByLabel('Token').fill(token);
  await page.getByRole('button', { name: 'Connect', exact: true }).click();
  await page.getByRole('status').getByText('Northwind Demo').waitFor();
  await page.close();
}

test.describe('logging Gmail messages', () => {
  test.skip(!ready, 'no built content script');
  test.describe.configure({ mode: 'serial' });
  let h: Harness;
  let teammate: ExtensionBrowser | undefined;
  test.beforeAll(async () => {
    test.setTimeout(HOOK_TIMEOUT);
    h = await startHarness();
    await h.connectAsDemoRep();
    await h.routePage(NOVARE.url, { file: NOVARE.file });
  });
  test.afterAll(async () => {
    await teammate?.close();
    await h?.stop();
  });

  test('a logged message shows Synced and a teammate sees who logged it; offline is delivered once; Log thread skips what is logged', async () => {
    test.setTimeout(240_000);
    const page = await h.context.newPage();
    await page.goto(NOVARE.url);
    await waitForGmailPanel(page, ['Log thread', 'Rohan Whitfield', NOVARE_ACCOUNT]);
    const host = panel(page, GMAIL_HOST);
    await host.getByRole('button', { name: 'Log email from Daniel Ortega Lind' }).click();
    await host.locator('[data-message="0"] [data-status="synced"]').getByText('Synced').waitFor(WAIT);
    expect((await gmailActivities(h, NOVARE_ACCOUNT)).map((a) => [a.type, a.subject])).toEqual([['email', 'Pilot scope for Q1']]);

    // A teammate (the demo admin) opens the same thread in their own browser.
    teammate = await launchExtensionBrowser();
    await connect(teammate.context, teammate.extensionId, h.serverUrl, h.adminToken);
    await teammate.routePage(NOVARE.url, { file: NOVARE.file });
    const theirs = await teammate.context.newPage();
    await theirs.goto(NOVARE.url);
    const seen = await waitForGmailPanel(theirs, ['Already logged by']);
    expect(seen).toMatch(/Already logged by [A-Z][a-z]+ [A-Z][a-z]+ on \d{1,2} [A-Z][a-z]{2}/);
    expect(await panel(theirs, GMAIL_HOST).locator('[data-message="0"] [data-status="logged"]').count()).toBe(1);

    // The server goes away; the rep logs Sofia's own message to Novare: Saved, then Synced once it is back.
    await h.stopServer();
    await host.getByRole('button', { name: 'Log email from Sofia Lindqvist' }).click();
    await host.locator('[data-message="1"] [data-status="saved"]').getByText('Saved').waitFor(WAIT);
    await h.startServer();
    // The server answering again (another thread's brief) sends what waits in the outbox at once.
    await h.routePage(SWEDBANK.url, { file: SWEDBANK.file });
    const other = await h.context.newPage();
    await other.goto(SWEDBANK.url);
    await waitForGmailPanel(other, ['Maya Rani Perera']);
    await host.locator('[data-message="1"] [data-status="synced"]').getByText('Synced').waitFor({ timeout: 120_000 });
    expect(await gmailActivities(h, NOVARE_ACCOUNT)).toHaveLength(2);

    // Log thread: only the third message is left.
    await h.routePage(NOVARE.url, { file: NOVARE.file });
    await page.reload();
    await waitForGmailPanel(page, ['Already logged by', 'Log thread']);
    await host.getByRole('button', { name: 'Log thread' }).click();
    await host.locator('[data-message="2"] [data-status="synced"]').getByText('Synced').waitFor(WAIT);
    const all = await gmailActivities(h, NOVARE_ACCOUNT);
    expect(all).toHaveLength(3);
    expect(new Set(all.map((a) => a.naturalKey)).size).toBe(3);
    expect(all.every((a) => /^gmail:msg:v1:[0-9a-f]{64}$/.test(a.naturalKey ?? ''))).toBe(true);
  });
});

test.describe('never logged', () => {
  test.skip(!ready, 'no built content script');
  test.describe.configure({ mode: 'serial' });
  let h: Harness;
  let proxy: http.Server;
  let proxyUrl = '';
  /** The server's request log: every request the extension made, with its body. */
  const requests: { method: string; path: string; body: string }[] = [];
  test.beforeAll(async () => {
    test.setTimeout(HOOK_TIMEOUT);
    h = await startHarness();
    const target = new URL(h.serverUrl);
    proxy = http.createServer((req, res) => {
      const chunks: Buffer[] = [];
      req.on('data', (chunk: Buffer) => chunks.push(chunk));
      req.on('end', () => {
        const body = Buffer.concat(chunks);
        requests.push({ method: req.method ?? '', path: req.url ?? '', body: body.toString('utf8') });
        const upstream = http.request({ host: target.hostname, port: target.port, method: req.method, path: req.url, headers: { ...req.headers, host: target.host } }, (answer) => {
          res.writeHead(answer.statusCode ?? 502, answer.headers);
          answer.pipe(res);
        });
        upstream.on('error', () => res.destroy());
        upstream.end(body);
      });
    });
    await new Promise<void>((resolve) => proxy.listen(0, '127.0.0.1', resolve));
    proxyUrl = `http://127.0.0.1:${(proxy.address() as { port: number }).port}`;
    await connect(h.context, h.extensionId, proxyUrl, h.token);
    // The admin lists Pat Quinn's domain.
    const put = await fetch(`${h.serverUrl}/v1/admin/settings/mail`, {
      method: 'PUT',
      headers: { authorization: `Bearer ${h.adminToken}`, 'content-type': 'application/json' },
      body: JSON.stringify({ neverLog: ['quinn-advisory.example'], bodies: true }),
    });
    expect(put.status).toBe(200);
  });
  test.afterAll(async () => {
    await new Promise((resolve) => proxy?.close(resolve));
    await h?.stop();
  });

  test('an internal thread offers no logging and asks the server about nobody', async () => {
    await h.routePage(INTERNAL.url, { file: INTERNAL.file });
    const page = await h.context.newPage();
    const before = requests.length;
    await page.goto(INTERNAL.url);
    const text = await waitForGmailPanel(page, ['Internal conversation']);
    expect(text).not.toContain('Log email');
    expect(text).not.toContain('Log thread');
    const sent = requests.slice(before);
    expect(sent.filter((r) => r.path.startsWith('/v1/briefs') || r.path.startsWith('/v1/resolve'))).toEqual([]);
    expect(JSON.stringify(sent)).not.toContain('novarepotential');
    await page.close();
  });

  test('an address on the never-log list never reaches the server, not even to resolve', async () => {
    await h.routePage(SWEDBANK.url, { file: SWEDBANK.file });
    const page = await h.context.newPage();
    await page.goto(SWEDBANK.url);
    const text = await waitForGmailPanel(page, ['Maya Rani Perera', 'never-log list']);
    expect(text).not.toContain('Log email');
    expect(text).not.toContain('pat.quinn');
    // Maya was looked up through the proxy; Pat never was, in any request.
    expect(requests.some((r) => r.path.startsWith('/v1/briefs') && r.body.includes('maya.perera@swedbank.se'))).toBe(true);
    expect(requests.filter((r) => /quinn/i.test(r.body) || /quinn/i.test(r.path))).toEqual([]);
    await page.close();
  });
});
