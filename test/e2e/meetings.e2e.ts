/**
 * Issue 13's acceptance 1-5 in real Chromium with the built extension and the real server, pages
 * served at their real URLs (Calendar's week view with the event dialog written as host-pages.md
 * §3 describes it, the hand-made Meet and Zoom join pages in test/fixtures/):
 * 1. an event with two external guests and a teammate: the package shows the account, both
 *    guests with who on the team knows each best, the deal with its risk and what changed since a
 *    meeting logged three weeks earlier (imported: two signals and a stage move since); the
 *    teammate is listed apart; readable in the light and the dark scheme (colours and axe). The
 *    dialog comes and goes without a URL change, and the package with it; a guest list that
 *    arrives after the dialog's title and time is followed;
 * 2. its Meet link opened: the same package; a Zoom invite on a vanity subdomain a teammate's
 *    calendar saw: the same; an unknown Zoom meeting: the search panel; an internal event: nothing;
 * 3. logged from Calendar while the server is away, delivered once; then from the Meet page and by
 *    a teammate: one activity;
 * 4. the notification fires once before the meeting (a lead time that covers it), and its click
 *    opens that meeting's package in the side panel (account, guests, what changed);
 * 5. a dialog whose time line was renamed: the limited panel with search, and a drift report.
 * The data goes in through the admin import, the real path into the server.
 */
import AxeBuilder from '@axe-core/playwright';
import path from 'node:path';
import { builtContentScripts, expect, REPO_ROOT, test, type Harness } from './fixtures.ts';
import { panel, panelBox, type PanelLocator } from './linkedin-panel.ts';
import { blocking, cardColours, expectScheme, panelAxe } from './panel-checks.ts';
import type { Page } from '@playwright/test';

const ready = builtContentScripts() > 0;
const PACKAGE_HOST = 'div[data-signalhouse-ui="signalhouse-calendar-package"]';
const JOIN_HOST = 'div[data-signalhouse-ui="signalhouse-join-package"]';
const DOMAIN = 'vandelay-logistics.test';
const WEEK_URL = 'https://calendar.google.com/calendar/u/0/r/week';
const MEET_URL = 'https://meet.google.com/abc-defg-hij';
const ZOOM_VANITY_URL = 'https://vandelay.zoom.us/j/81234567890?pwd=Zm9vYmFyc2VjcmV0';
const ZOOM_UNKNOWN_URL = 'https://zoom.us/j/99988877766';
const EVENT_ID = 'vdl7k2m9v0c1s5h7l3n6p0r2';
const DAY = 86_400_000;

const b64 = (text: string) => Buffer.from(text).toString('base64').replace(/=+$/, '');
const MONTHS = ['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October', 'November', 'December'];

interface Guest {
  address: string;
  name: string;
}

/** The week view with an event details dialog, in Calendar's markup (host-pages.md §3); `dialog: false` leaves it closed. */
function weekView(event: { id: string; owner: string; title: string; start: Date; guests: Guest[]; conference: string }, dialog = true): string {
  const when = `${MONTHS[event.start.getUTCMonth()]} ${event.start.getUTCDate()}, ${event.start.getUTCFullYear()}⋅10:00 – 11:00am`;
  const guests = event.guests
    .map((g) => `<div role="treeitem" data-email="${g.address}"><img aria-label="Accepted" alt=""><div><span>${g.name}</span></div></div>`)
    .join('');
  const body = `<div role="dialog" jsname="ssXDle" aria-labelledby="rAECCd" aria-modal="true"><span class="kma42e">
    <div id="xDetDlg" data-eventid="${b64(`${event.id} ${event.owner}`)}">
      <span role="heading" aria-level="1" id="rAECCd">${event.title}</span>
      <div id="xDetDlgWhen"><div class="AzuXid">${when}</div></div>
      <div id="xDetDlgVideo" data-details="Join: ${event.conference}"><a href="${event.conference}">Join</a></div>
      <div id="xDetDlgAtt"><div>${event.guests.length} guests</div><div aria-label="Guests invited to this event." role="tree">${guests}</div></div>
    </div></span></div>`;
  return `<!doctype html><html lang="en"><head><title>Google Calendar</title></head><body data-viewfamily="EVENT"><div role="main">week</div>${dialog ? body : ''}</body></html>`;
}

async function api<T>(h: Harness, method: string, route: string, body?: unknown, token = h.token): Promise<T> {
  const response = await fetch(`${h.serverUrl}${route}`, {
    method,
    headers: { Authorization: `Bearer ${token}`, ...(body ? { 'Content-Type': 'application/json' } : {}) },
    ...(body ? { body: JSON.stringify(body) } : {}),
  });
  expect(response.status, `${method} ${route}`).toBeLessThan(300);
  return (await response.json()) as T;
}

const importRows = (h: Harness, entity: string, rows: Record<string, string>[]) =>
  api<{ summary: { created: number; updated: number; rejected: number }; errors: unknown[] }>(h, 'POST', `/v1/import/${entity}`, { rows }, h.adminToken);

const packageOf = (page: Page, host = PACKAGE_HOST): PanelLocator => panel(page, host);

test.describe('the pre-call package on Calendar, Meet and Zoom', () => {
  test.skip(!ready, 'a built extension is needed');
  test.use({ connected: true });
  test.describe.configure({ mode: 'serial' });

  let me: { email: string; name: string };
  let accountId: string;
  let start: Date;
  const teammate: Guest = { address: 'jonas.keller@northwind-demo.test', name: 'Jonas Keller' };
  const jane: Guest = { address: `jane.doe@${DOMAIN}`, name: 'Jane Doe' };
  const bob: Guest = { address: `bob.stone@${DOMAIN}`, name: 'Bob Stone' };

  test('imports an account with a meeting three weeks ago, and two signals and a stage move since', async ({ harness: h }) => {
    test.setTimeout(60_000);
    me = (await api<{ user: { email: string; name: string } }>(h, 'GET', '/v1/me')).user;
    const now = Date.now();
    const iso = (daysAgo: number) => new Date(now - daysAgo * DAY).toISOString();
    expect((await importRows(h, 'accounts', [{ external_id: 'e2e-vandelay', name: 'Vandelay Logistics', domains: DOMAIN, tier: '1', stage: 'evaluating', owner_email: me.email }])).summary.created).toBe(1);
    const contacts = await importRows(h, 'contacts', [
      { external_id: 'e2e-jane', name: jane.name, emails: jane.address, account_domain: DOMAIN, title: 'VP Operations', buying_role: 'champion' },
      { external_id: 'e2e-bob', name: bob.name, emails: bob.address, account_domain: DOMAIN, title: 'CFO', buying_role: 'decision_maker' },
    ]);
    expect(contacts.summary.created).toBe(2);
    const closeDate = iso(5).slice(0, 10);
    expect((await importRows(h, 'deals', [{ external_id: 'e2e-vandelay-deal', account_domain: DOMAIN, name: 'Vandelay platform', stage: 'negotiation', amount: '90000', close_date: closeDate, next_step: 'Send the order form', owner_email: me.email }])).summary.created).toBe(1);
    expect((await importRows(h, 'activities', [{ id: '6d1f6f0e-13a1-4e2e-9b1a-0000000000e2', type: 'meeting', subject: 'Quarterly review', occurred_at: iso(21), contact_email: jane.address, owner_email: me.email }])).summary.created).toBe(1);
    // The teammate on the invite called Bob twice: he knows Bob best (Jane: the rep, from that meeting).
    const calls = [5, 12].map((d, i) => ({ id: `6d1f6f0e-13a1-4e2e-9b1a-0000000000c${i}`, type: 'call', subject: 'Order form questions', occurred_at: iso(d), contact_email: bob.address, owner_email: teammate.address }));
    expect((await importRows(h, 'activities', calls)).summary.created).toBe(2);
    // Since the meeting: a funding round, pricing-page visits, and the stage move (imported now).
    expect((await importRows(h, 'company-events', [{ domain: DOMAIN, kind: 'funding', occurred_at: iso(10), round: 'Series C', amount_usd: '60000000' }])).summary.created).toBe(1);
    expect((await importRows(h, 'web-visits', [1, 2, 3].map((d) => ({ domain: DOMAIN, url: `https://${DOMAIN}/pricing`, page_type: 'pricing', time: iso(d) })))).summary.created).toBe(3);
    expect((await importRows(h, 'accounts', [{ external_id: 'e2e-vandelay', name: 'Vandelay Logistics', stage: 'negotiating' }])).summary.updated).toBe(1);
    const found = await api<{ accounts: { id: string; name: string }[] }>(h, 'GET', `/v1/accounts?q=${encodeURIComponent('Vandelay Logistics')}`);
    accountId = found.accounts[0]!.id;
    start = new Date(now + DAY);
    start.setUTCHours(10, 0, 0, 0);
  });

  test('acceptance 1: the dialog of an event with two external guests and a teammate shows the package, and it goes with the dialog', async ({ harness: h, page }) => {
    test.setTimeout(90_000);
    const event = { id: EVENT_ID, owner: me.email, title: 'Vandelay × Northwind: order form', start, guests: [{ address: me.email, name: me.name }, jane, bob, teammate], conference: MEET_URL };
    await h.routePage(WEEK_URL, { html: weekView(event, false) });
    await page.goto(WEEK_URL);
    expect(await packageOf(page).count()).toBe(0);
    // The dialog opens over the grid: no URL change. Its guest list comes after its title and time
    // (as a dialog still being parsed on a loaded machine gives it): the package follows it.
    await page.evaluate((html) => {
      const dialog = new DOMParser().parseFromString(html, 'text/html').querySelector('[role=dialog]')!;
      const guests = dialog.querySelector('#xDetDlgAtt')!;
      guests.remove();
      (globalThis as unknown as { guestArea: Element }).guestArea = guests;
      document.body.append(document.importNode(dialog, true));
    }, weekView(event));
    const pkg = packageOf(page);
    // With no guests read yet the server knows no account for the event.
    await pkg.locator('[data-panel="not-in-crm"]').waitFor({ timeout: 30_000 });
    await page.evaluate(() => document.querySelector('#xDetDlg')!.append(document.importNode((globalThis as unknown as { guestArea: Element }).guestArea, true)));
    await pkg.locator('[data-panel="meeting-package"]').waitFor({ timeout: 30_000 });
    await pkg.locator('[data-list="changes"]').waitFor({ timeout: 30_000 });
    expect(await pkg.locator('[data-field="account"]').textContent()).toBe('Vandelay Logistics');
    const guests = await pkg.locator('[data-list="guests"]').textContent();
    expect(guests).toContain('Jane Doe');
    expect(guests).toContain('VP Operations · Champion');
    expect(guests).toContain('Bob Stone');
    expect(guests).toContain('CFO · Decision maker');
    // The teammate has no card of his own (he is named on Bob's, as who called him).
    expect(await pkg.locator(`[data-guest="${teammate.address}"]`).count()).toBe(0);
    expect(await pkg.locator('[data-guest]').count()).toBe(2);
    expect(await pkg.locator('[data-list="teammates"]').textContent()).toContain('Jonas Keller');
    expect(await pkg.locator('[data-field="deal"]').textContent()).toContain('Vandelay platform');
    expect(await pkg.locator('[data-field="risk"]').textContent()).toMatch(/^Risk: /);
    const changes = await pkg.locator('[data-list="changes"]').textContent();
    expect(changes).toContain('Series C');
    expect(changes).toMatch(/pricing/i);
    expect(changes).toContain('to negotiating');
    expect(await pkg.locator('[data-change="signal"]').count()).toBe(2);
    expect(await pkg.locator('[data-list="questions"] li').count()).toBeGreaterThanOrEqual(2);
    // Who on the team knows each guest best, from the ledger: the rep met Jane; the teammate called Bob.
    await pkg.locator(`[data-guest="${bob.address}"] [data-field="known-best"]`).waitFor({ timeout: 30_000 });
    expect(await pkg.locator(`[data-guest="${jane.address}"] [data-field="known-best"]`).textContent()).toBe('Knows them best: you · 1 meeting · latest meeting 21 d ago');
    expect(await pkg.locator(`[data-guest="${bob.address}"] [data-field="known-best"]`).textContent()).toBe('Knows them best: Jonas Keller · 2 calls · latest call 5 d ago');
    // Readable in both schemes: the card's colours are the scheme's, and axe finds nothing serious.
    for (const scheme of ['light', 'dark'] as const) {
      await page.emulateMedia({ colorScheme: scheme });
      expectScheme((await cardColours(page, PACKAGE_HOST, '[data-panel="meeting-package"]'))!, scheme, scheme);
      await test.info().attach(`meeting-package-${scheme}.png`, { body: await page.screenshot({ clip: await panelBox(page, PACKAGE_HOST) }), contentType: 'image/png' });
      const violations = blocking(await panelAxe(page, PACKAGE_HOST));
      expect(violations, `${scheme}: ${JSON.stringify(violations, null, 1)}`).toEqual([]);
    }
    await page.emulateMedia({ colorScheme: 'light' });
    // The dialog closes: the package goes, the URL never changed.
    await page.evaluate(() => document.querySelector('[role=dialog]')!.remove());
    await expect.poll(() => packageOf(page).count(), { timeout: 10_000 }).toBe(0);
    expect(page.url()).toBe(WEEK_URL);
    await page.close();
  });

  test('acceptance 2: the same package on its Meet link, on a vanity Zoom invite a teammate saw, search for an unknown Zoom meeting, nothing for an internal event', async ({ harness: h, context }) => {
    test.setTimeout(120_000);
    // The Meet page finds the event this browser saw in Calendar.
    await h.routePage(MEET_URL, { file: path.join(REPO_ROOT, 'test/fixtures/meet/2026-12-04--prejoin--calendar-invite--handmade.html') });
    const meetPage = await context.newPage();
    await meetPage.goto(MEET_URL);
    const onMeet = packageOf(meetPage, JOIN_HOST);
    await onMeet.locator('[data-list="changes"]').waitFor({ timeout: 30_000 });
    expect(await onMeet.locator('[data-field="account"]').textContent()).toBe('Vandelay Logistics');
    expect(await onMeet.locator('[data-list="guests"]').textContent()).toContain('Bob Stone');
    await meetPage.close();

    // A teammate's calendar saw a Zoom meeting on a vanity subdomain (the server has it); this browser never did.
    await api(h, 'POST', '/v1/meetings', { eventId: 'vdlzoom0e2e000000000001', start: start.toISOString(), conference: { provider: 'zoom', id: '81234567890' }, attendees: [teammate.address, jane.address, bob.address] }, h.adminToken);
    await h.routePage(ZOOM_VANITY_URL, { file: path.join(REPO_ROOT, 'test/fixtures/zoom/2026-12-04--launch--vanity--handmade.html') });
    const zoomPage = await context.newPage();
    await zoomPage.goto(ZOOM_VANITY_URL);
    const onZoom = packageOf(zoomPage, JOIN_HOST);
    await onZoom.locator('[data-list="changes"]').waitFor({ timeout: 30_000 });
    expect(await onZoom.locator('[data-field="account"]').textContent()).toBe('Vandelay Logistics');
    expect(await onZoom.locator('[data-list="teammates"]').textContent()).toContain(teammate.address);
    await zoomPage.close();

    await h.routePage(ZOOM_UNKNOWN_URL, { file: path.join(REPO_ROOT, 'test/fixtures/zoom/2026-12-04--launch--vanity--handmade.html') });
    const unknown = await context.newPage();
    await unknown.goto(ZOOM_UNKNOWN_URL);
    const search = packageOf(unknown, JOIN_HOST);
    await search.locator('[data-panel="unknown-meeting"]').waitFor({ timeout: 30_000 });
    await search.getByRole('searchbox').fill('Vandelay');
    await search.getByRole('button', { name: 'Search' }).click();
    await search.locator('[data-list="found"]').waitFor({ timeout: 15_000 });
    expect(await search.locator('[data-list="found"]').textContent()).toContain('Vandelay Logistics');
    await unknown.close();

    // An internal event: the rep and a teammate only.
    const internalUrl = 'https://calendar.google.com/calendar/u/0/r/week/2026/12/14';
    await h.routePage(internalUrl, { html: weekView({ id: 'internal0e2e0000001', owner: me.email, title: 'Pipeline review', start, guests: [{ address: me.email, name: me.name }, teammate], conference: 'https://meet.google.com/xyz-abcd-efg' }) });
    const internal = await context.newPage();
    await internal.goto(internalUrl);
    // Give the feature as long as an external event took to paint, then some.
    await internal.waitForTimeout(5_000);
    expect(await packageOf(internal).count()).toBe(0);
    await internal.close();
  });

  test('acceptance 5: a dialog whose time line was renamed gives the limited panel with search, and a drift report reaches the server', async ({ harness: h, context }) => {
    test.setTimeout(60_000);
    const url = 'https://calendar.google.com/calendar/u/0/r/month/2026/12/1';
    const event = { id: 'driftcase0e2e0000001', owner: me.email, title: 'Vandelay × Northwind: renewal', start, guests: [{ address: me.email, name: me.name }, jane], conference: 'https://meet.google.com/drf-tcas-eee' };
    await h.routePage(url, { html: weekView(event).replaceAll('xDetDlgWhen', 'xDetDlgWhenRenamed') });
    const page = await context.newPage();
    await page.goto(url);
    const pkg = packageOf(page);
    await pkg.locator('[data-panel="limited"]').waitFor({ timeout: 30_000 });
    expect(await pkg.locator('[data-panel="limited"]').textContent()).toContain('Calendar event: Vandelay × Northwind: renewal');
    expect(await pkg.getByRole('searchbox').count()).toBe(1);
    type Summaries = { reports: { site: string; selector: string; pageKinds: string[] }[] };
    await expect
      .poll(async () => (await api<Summaries>(h, 'GET', '/v1/admin/drift-reports?site=calendar', undefined, h.adminToken)).reports.map((r) => [r.selector, r.pageKinds]), { timeout: 30_000 })
      .toEqual([['calendar.dialog.when', ['event-dialog']]]);
    await page.close();
  });

  test('acceptance 4: the notification fires once before the meeting (a lead time that covers it), and its click opens that meeting\'s package in the side panel', async ({ harness: h }) => {
    test.setTimeout(90_000);
    const worker = h.context.serviceWorkers().find((w) => w.url().startsWith(`chrome-extension://${h.extensionId}/`))!;
    type Chrome = {
      chrome: {
        storage: { local: { set(items: Record<string, unknown>): Promise<void> } };
        alarms: { create(name: string, info: { when: number }): Promise<void> };
        notifications: { getAll(): Promise<Record<string, boolean>> };
      };
    };
    const ours = async () => Object.keys(await worker.evaluate(() => (globalThis as unknown as Chrome).chrome.notifications.getAll())).filter((id) => id.startsWith('signalhouse-meeting:'));
    // The event seen in acceptance 1 starts tomorrow: a lead time of two days makes it due now.
    await worker.evaluate(() => (globalThis as unknown as Chrome).chrome.storage.local.set({ meetingReminderMinutes: 2 * 24 * 60 }));
    const tick = () => worker.evaluate(() => (globalThis as unknown as Chrome).chrome.alarms.create('meeting-reminders', { when: Date.now() + 50 }));
    await tick();
    await expect.poll(ours, { timeout: 60_000 }).toEqual([`signalhouse-meeting:gcal:${EVENT_ID}:${start.toISOString().replace(/\.\d{3}Z$/, 'Z')}`]);
    // Another tick: no second notification for the same meeting (the internal one never had one).
    await tick();
    await new Promise((resolve) => setTimeout(resolve, 3_000));
    expect(await ours()).toHaveLength(1);
    await worker.evaluate(() => (globalThis as unknown as Chrome).chrome.storage.local.set({ meetingReminderMinutes: 10 }));

    // The rep clicks it (the handler a click runs: headless Chromium shows no notification to click).
    // Outside a real gesture Chromium refuses sidePanel.open, so the panel's page opens in a tab:
    // the same page, told the same way which meeting to show.
    const [id] = await ours();
    const opened = h.context.waitForEvent('page', { predicate: (p) => p.url().startsWith(`chrome-extension://${h.extensionId}/sidepanel.html`), timeout: 30_000 });
    await worker.evaluate((notification) => (globalThis as unknown as Record<symbol, (id: string) => void>)[Symbol.for('signalhouse.test.click-notification')]!(notification), id!);
    const sidePanel = await opened;
    const meeting = sidePanel.locator('[data-opened-meeting]');
    await meeting.locator('[data-list="changes"]').waitFor({ timeout: 30_000 });
    // THAT meeting: its title, its account, both outside guests with who knows them best, what changed since the last meeting.
    expect(await sidePanel.getByRole('tab', { name: 'Today' }).getAttribute('aria-selected')).toBe('true');
    expect(await meeting.locator('[data-panel="meeting-package"]').textContent()).toContain('Pre-call: Vandelay × Northwind: order form');
    expect(await meeting.locator('[data-field="account"]').textContent()).toBe('Vandelay Logistics');
    // "Knows them best" is its own request, answered after the package's first paint: polled, not read once.
    await expect(meeting.locator('[data-list="guests"]')).toContainText('Knows them best: Jonas Keller');
    const guests = await meeting.locator('[data-list="guests"]').textContent();
    expect(guests).toContain('Jane Doe');
    expect(guests).toContain('Bob Stone');
    expect(await meeting.locator('[data-list="teammates"]').textContent()).toContain('Jonas Keller');
    const changes = await meeting.locator('[data-list="changes"]').textContent();
    expect(changes).toContain('Series C');
    expect(changes).toContain('to negotiating');
    // Readable in the side panel too, in both schemes.
    for (const scheme of ['light', 'dark'] as const) {
      await sidePanel.emulateMedia({ colorScheme: scheme });
      await test.info().attach(`side-panel-meeting-${scheme}.png`, { body: await sidePanel.screenshot(), contentType: 'image/png' });
      const { violations } = await new AxeBuilder({ page: sidePanel }).withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa', 'best-practice']).analyze();
      const serious = violations.filter((v) => v.impact === 'serious' || v.impact === 'critical').map((v) => ({ id: v.id, targets: v.nodes.slice(0, 5).map((n) => n.target.join(' ')) }));
      expect(serious, `${scheme}: ${JSON.stringify(serious)}`).toEqual([]);
    }
    // Clicked once: the notification is gone, and a panel opened later shows Today, not this meeting again.
    await expect.poll(ours, { timeout: 10_000 }).toEqual([]);
    await sidePanel.getByRole('button', { name: '← Back to Today' }).click();
    await sidePanel.reload();
    await sidePanel.locator('main').waitFor();
    await sidePanel.waitForTimeout(1_000);
    expect(await sidePanel.locator('[data-opened-meeting]').count()).toBe(0);
    await sidePanel.close();
  });

  test('acceptance 3: logged from Calendar while the server is away, delivered once; then from the Meet page: still one activity', async ({ harness: h, context }) => {
    test.setTimeout(150_000);
    const event = { id: EVENT_ID, owner: me.email, title: 'Vandelay × Northwind: order form', start, guests: [{ address: me.email, name: me.name }, jane, bob, teammate], conference: MEET_URL };
    await h.routePage(WEEK_URL, { html: weekView(event) });
    const calendarPage = await context.newPage();
    await calendarPage.goto(WEEK_URL);
    const pkg = packageOf(calendarPage);
    await pkg.locator('[data-list="changes"]').waitFor({ timeout: 30_000 });
    // Clicked once who knows them best has come (one answer for every guest): the panel locator's
    // click is a point, then a mouse click, and that late answer growing the cards between the two
    // moved the button away (the click landed elsewhere: "no log state" in a CI run under load).
    await pkg.locator('[data-field="known-best"]').first().waitFor({ timeout: 30_000 });
    await h.stopServer();
    await pkg.getByRole('button', { name: 'Log meeting' }).click();
    await pkg.locator('[data-log-state="saved"]').waitFor({ timeout: 15_000 });
    await h.startServer();
    // The outbox delivers it once the server answers again.
    await pkg.locator('[data-log-state="synced"]').waitFor({ timeout: 90_000 });
    await calendarPage.close();

    const key = `gcal:${EVENT_ID}:${start.toISOString().replace(/\.\d{3}Z$/, 'Z')}`;
    type Logged = { naturalKey: string | null; type: string; occurredAt: string; contactId: string | null; accountId: string | null; surface: string };
    const meetings = async () => (await api<{ activities: Logged[] }>(h, 'GET', `/v1/activities?account=${accountId}`)).activities.filter((a) => a.naturalKey === key);
    const [logged, ...more] = await meetings();
    expect(more).toHaveLength(0);
    expect(logged).toMatchObject({ type: 'meeting', occurredAt: start.toISOString(), accountId, surface: 'calendar' });
    // Both guests were at it: the one it is not about has it in their history too (a participant).
    const resolved = await api<{ resolutions: { match: { contactId: string | null } | null }[] }>(h, 'POST', '/v1/resolve', { refs: [{ kind: 'email', address: bob.address }, { kind: 'email', address: jane.address }] });
    const [bobId, janeId] = resolved.resolutions.map((r) => r.match!.contactId!);
    expect(logged!.contactId).toBe(janeId);
    const bobsMeetings = (await api<{ activities: Logged[] }>(h, 'GET', `/v1/activities?contact=${bobId}&limit=200`)).activities.filter((a) => a.naturalKey === key);
    expect(bobsMeetings).toHaveLength(1);

    // The same meeting from its join page: the outbox knows it (one meeting), and says it is logged.
    const meetPage = await context.newPage();
    await meetPage.goto(MEET_URL);
    const onMeet = packageOf(meetPage, JOIN_HOST);
    await onMeet.locator('[data-list="changes"]').waitFor({ timeout: 30_000 });
    await onMeet.locator('[data-field="known-best"]').first().waitFor({ timeout: 30_000 });
    await onMeet.getByRole('button', { name: 'Log meeting' }).click();
    // Polled as words, so a failure says which state it stayed in (it failed once under load, state unknown).
    await expect.poll(() => onMeet.locator('[data-log-state]').textContent({ timeout: 1_000 }).catch(() => 'no log state'), { timeout: 30_000 }).toBe('Meeting logged');
    await meetPage.close();
    // A teammate's extension logging it from their join page sends the same payload: the server answers a duplicate.
    const teammateLog = await api<{ results: { status: string }[] }>(h, 'POST', '/v1/activities', {
      activities: [{ id: '6d1f6f0e-13a1-4e2e-9b1a-0000000000e3', naturalKey: key, type: 'meeting', occurredAt: logged!.occurredAt, accountId, ...(logged!.contactId ? { contactId: logged!.contactId } : {}), surface: 'calendar' }],
    }, h.adminToken);
    expect(teammateLog.results[0]!.status).toBe('duplicate');
    expect(await meetings()).toHaveLength(1);
  });
});
