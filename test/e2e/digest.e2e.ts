/**
 * Today end to end: real Chromium with the built extension, the real server seeded with the demo
 * team, connected as the demo rep through the options page. Connecting polls the digest: the
 * service worker raises one notification per alert line (asked of Chromium itself with
 * `chrome.notifications.getAll()`), and a second poll raises none of them again (what it
 * remembers is in IndexedDB, not in the worker's memory; a worker restart over the same
 * database is covered by test/unit/extension/core/digest-alerts.test.ts, not here). The side panel page shows today's tasks, the digest's lines and the
 * review queue as the server answers them; Done and Dismiss reach the server (read back with
 * the rep's token), and lines shown are marked seen.
 */
import type { Page, Worker } from '@playwright/test';
import type { Digest } from '../../shared/digest.ts';
import type { ReviewQueue } from '../../shared/review.ts';
import { expect, HOOK_TIMEOUT, startHarness, test, type Harness } from './fixtures.ts';

const PREFIX = 'signalhouse-digest:';

test.describe('Today: the digest, the review queue and alert notifications', () => {
  // In order: alerts on the first Connect, none on the second, then the side panel's lines.
  test.describe.configure({ mode: 'serial' });
  let h: Harness;
  let panel: Page;

  const serverDigest = async (): Promise<Digest> => {
    const res = await fetch(`${h.serverUrl}/v1/digest`, { headers: { authorization: `Bearer ${h.token}` } });
    expect(res.status).toBe(200);
    return (await res.json()) as Digest;
  };
  const worker = (): Worker => {
    const found = h.context.serviceWorkers().find((w) => w.url().startsWith(`chrome-extension://${h.extensionId}/`));
    if (!found) throw new Error('no extension service worker');
    return found;
  };
  const notificationIds = async () => Object.keys(await worker().evaluate(() => (globalThis as unknown as { chrome: { notifications: { getAll(): Promise<Record<string, boolean>> } } }).chrome.notifications.getAll())).sort();
  /** What the background recorded in its Dexie: alerts raised, and when the digest was last fetched. */
  const stored = () =>
    worker().evaluate(
      () =>
        new Promise<{ notified: number; fetchedAt: number | null }>((resolve, reject) => {
          const open = indexedDB.open('signalhouse');
          open.onerror = () => reject(open.error);
          open.onsuccess = () => {
            const tx = open.result.transaction(['notified', 'today'], 'readonly');
            const count = tx.objectStore('notified').count();
            const rows = tx.objectStore('today').getAll();
            tx.oncomplete = () => {
              const digestRow = (rows.result as { key: string; fetchedAt: number }[]).find((r) => r.key.endsWith(' digest'));
              resolve({ notified: count.result, fetchedAt: digestRow?.fetchedAt ?? null });
              open.result.close();
            };
          };
        }),
    );
  const waitFor = async <T,>(read: () => Promise<T>, done: (value: T) => boolean, ms = 20_000): Promise<T> => {
    const until = Date.now() + ms;
    for (;;) {
      const value = await read();
      if (done(value) || Date.now() > until) return value;
      await new Promise((r) => setTimeout(r, 250));
    }
  };

  test.beforeAll(async () => {
    test.setTimeout(HOOK_TIMEOUT);
    h = await startHarness();
  });
  test.afterAll(async () => {
    await h?.stop();
  });

  test('the demo rep has alert-worthy lines today (the seed is relative to its clock)', async () => {
    const digest = await serverDigest();
    expect(digest.alerts).toBeGreaterThan(0);
    expect(digest.lines.filter((l) => l.alert && l.state === 'new').length).toBe(digest.alerts);
    expect(digest.tasks.length).toBeGreaterThanOrEqual(2);
  });

  test('connecting raises one notification per alert line, within the budget', async () => {
    await h.connectAsDemoRep();
    const digest = await serverDigest();
    const expected = digest.lines.filter((l) => l.alert).map((l) => `${PREFIX}${l.key}`).sort();
    expect(expected.length).toBeLessThanOrEqual(digest.alertBudget);
    const ids = await waitFor(notificationIds, (v) => v.length >= expected.length);
    expect(ids).toEqual(expected);
    expect((await stored()).notified).toBe(expected.length);
  });

  test('polling again (a second Connect) raises none of them again', async () => {
    // Clear what is shown, so anything raised again would be seen.
    await worker().evaluate(async () => {
      const { notifications } = (globalThis as unknown as { chrome: { notifications: { getAll(): Promise<Record<string, boolean>>; clear(id: string): Promise<boolean> } } }).chrome;
      for (const id of Object.keys(await notifications.getAll())) await notifications.clear(id);
    });
    expect(await notificationIds()).toEqual([]);
    const before = await stored();

    // Connecting again polls at once (a worker start alone skips a digest fetched minutes ago).
    await h.connectAsDemoRep();
    const after = await waitFor(stored, (v) => (v.fetchedAt ?? 0) > (before.fetchedAt ?? 0));
    expect(after.fetchedAt).toBeGreaterThan(before.fetchedAt ?? 0);
    // The poll stored the digest, then checked its alerts: give it a moment to raise anything.
    await new Promise((r) => setTimeout(r, 1_500));
    expect(await notificationIds()).toEqual([]);
    expect(after.notified).toBe(before.notified);
  });

  test.describe('the side panel', () => {
    const part = (name: string) => panel.getByRole('region', { name, exact: true });

    test.beforeAll(async () => {
      panel = await h.context.newPage();
      await panel.goto(`chrome-extension://${h.extensionId}/sidepanel.html`);
    });

    test('shows today’s tasks first, then the lines with reason and action, and the review queue', async () => {
      const digest = await serverDigest();
      const today = part('Today');
      const tasks = today.getByRole('region', { name: 'Today’s tasks' });
      await tasks.getByRole('listitem').first().waitFor();
      expect(await tasks.getByRole('listitem').locator('span:first-child').allTextContents()).toEqual(digest.tasks.map((t) => t.text));
      for (const line of digest.lines) {
        const row = today.getByRole('listitem').filter({ has: panel.getByRole('button', { name: `Done: ${line.account.name}: ${line.reason}`, exact: true }) });
        await row.waitFor();
        expect(await row.textContent()).toContain(line.action.text);
      }
      expect(await today.getByText(/^as of /).textContent()).toMatch(/just now|min ago/);

      const queue = (await (await fetch(`${h.serverUrl}/v1/review-queue?limit=25`, { headers: { authorization: `Bearer ${h.token}` } })).json()) as ReviewQueue;
      expect(queue.items.length).toBeGreaterThan(0);
      // The review queue is the side panel's Review tab (issue 11).
      await panel.getByRole('tab', { name: 'Review', exact: true }).click();
      const review = part('Review queue');
      await review.getByText(queue.items[0]!.text, { exact: true }).waitFor();
      expect(await review.locator('[data-review-item]').allTextContents()).toEqual(queue.items.map((i) => i.text));
      await panel.getByRole('tab', { name: 'Today', exact: true }).click();
    });

    test('marks the lines it shows as seen on the server', async () => {
      const digest = await waitFor(serverDigest, (d) => d.lines.every((l) => l.state !== 'new'));
      expect(digest.lines.map((l) => l.state)).toEqual(digest.lines.map(() => 'seen'));
    });

    test('Done and Dismiss reach the server; a dismissed line leaves the list', async () => {
      const [first, second] = (await serverDigest()).lines;
      const today = part('Today');
      await today.getByRole('button', { name: `Done: ${first!.account.name}: ${first!.reason}`, exact: true }).click();
      await today.locator('[data-digest-line="acted"]').filter({ hasText: first!.reason }).getByText('Done', { exact: true }).waitFor();
      const dismiss = today.getByRole('button', { name: `Dismiss: ${second!.account.name}: ${second!.reason}`, exact: true });
      // Keyboard: focus the button and press Enter, as a rep without a mouse would.
      await dismiss.focus();
      await panel.keyboard.press('Enter');
      await dismiss.waitFor({ state: 'detached' });

      const states = new Map((await serverDigest()).lines.map((l) => [l.key, l.state]));
      expect(states.get(first!.key)).toBe('acted');
      expect(states.get(second!.key)).toBe('dismissed');
    });
  });
});
