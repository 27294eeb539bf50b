/**
 * bench:panel's Gmail surface (issue 12): the thread panel after the sender's name element
 * appears. Targets: warm p95 <= 16 ms, cold p95 <= 100 ms.
 *
 * Gmail is one page the rep keeps open: a thread opens when the hash changes and Gmail draws the
 * conversation into the page, so that is what the bench plays, in one page for the whole run
 * (served at mail.google.com: the hand-made Novare fixture without its conversation, as the inbox).
 * Each measurement goes back to the inbox (the conversation taken away, `#inbox`: the previous
 * thread's panel goes), then, in one task, sets the thread's hash and title and draws its
 * conversation (the markup between the fixture's `<!-- conversation -->` markers, the hand-made
 * Novare and Swedbank threads of test/e2e/gmail-panel.ts, people of the demo CRM). The start is
 * that moment: the sender's name element (`h3.iw span.gD[email]`) is in the page from then on.
 * Drawing it in the same task as the hash change is the strictest case: everything the extension
 * does once the URL changes (the runner's start, the mail policy, reading the thread, the brief)
 * is on the clock. The panel's time is its first paint holding the people card (`[data-panel=people]`:
 * each person and the account's brief, painted together). Cold: the brief cache emptied first;
 * warm: the same thread again right after. The panel bundle loads on the first thread of the page
 * (the uncounted warm-up round).
 */
import { readFileSync } from 'node:fs';
import type { Page } from 'playwright-core';
import { conversationOf, NOVARE, SWEDBANK } from '../e2e/gmail-panel.ts';
import { paintCount, waitForPaints, type PanelSurface } from './panel-surface.ts';

const GMAIL_UI = 'signalhouse-gmail-panel';
const GMAIL_HOST = `div[data-signalhouse-ui="${GMAIL_UI}"]`;
const INBOX_URL = 'https://mail.google.com/mail/u/0/#inbox';
const INBOX_TITLE = 'Inbox - sofia.lindqvist@northwind-demo.test - Northwind Demo Mail';

interface Thread {
  hash: string;
  title: string;
  markup: string;
}

function threadOf(fixture: { file: string; url: string }): Thread {
  const html = readFileSync(fixture.file, 'utf8');
  return { hash: new URL(fixture.url).hash, title: /<title>([^<]*)<\/title>/.exec(html)?.[1] ?? INBOX_TITLE, markup: conversationOf(fixture.file) };
}

/** The Novare fixture with its conversation taken out: Gmail's page with no thread open. */
function inboxHtml(): string {
  const html = readFileSync(NOVARE.file, 'utf8');
  return html.replace(/<!-- conversation -->[\s\S]*?<!-- \/conversation -->/, '').replace(/<title>[^<]*<\/title>/, `<title>${INBOX_TITLE}</title>`);
}

/** Back to the inbox: Gmail takes the conversation away and the thread's panel goes with the hash. */
async function toInbox(page: Page): Promise<void> {
  await page.evaluate((title) => {
    for (const open of document.querySelectorAll('[data-fixture]')) open.remove();
    location.hash = '#inbox';
    document.title = title;
  }, INBOX_TITLE);
  await page.waitForFunction((host) => !document.querySelector(host), GMAIL_HOST, { timeout: 10_000 });
}

export const gmailSurface: PanelSurface = {
  id: 'gmail',
  title: "Gmail thread: the panel's people and brief after the sender's name element appears (hash navigation from the inbox)",
  startLabel: 'sender',
  // warm: the thread opened again in the same tab (its memory); saved: as in a new tab (the worker's cache).
  modes: ['cold', 'warm', 'saved'],
  targets: { warm: 16, cold: 100 },
  async open({ h }) {
    const threads = new Map<string, Thread>([
      ['novare', threadOf(NOVARE)],
      ['swedbank', threadOf(SWEDBANK)],
    ]);
    await h.routePage(INBOX_URL, { html: inboxHtml() });
    const page = await h.context.newPage();
    await page.goto(INBOX_URL);
    return {
      cases: [...threads.keys()],
      async measure(label) {
        const thread = threads.get(label)!;
        await toInbox(page);
        const from = await paintCount(page);
        // Gmail opens the thread: the hash first, then the conversation, here in one task.
        const start = await page.evaluate((t) => {
          location.hash = t.hash;
          document.title = t.title;
          // The page plays Gmail drawing the conversation (a hand-made fixture's markup).
          // eslint-disable-next-line no-restricted-syntax -- host-page markup in a bench, not the extension rendering
          document.querySelector('[role=main]')!.insertAdjacentHTML('beforeend', t.markup);
          return performance.now();
        }, thread);
        const paints = await waitForPaints(page, GMAIL_UI, (ps) => ps.some((p) => p.cards.includes('people')), from);
        const shown = paints.find((p) => p.cards.includes('people'))!;
        return { start, panel: shown.at, host: paints[0]?.at, kind: 'people' };
      },
      close: () => page.close(),
    };
  },
};
