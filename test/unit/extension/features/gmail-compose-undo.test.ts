// @vitest-environment jsdom
/**
 * Gmail's compose feature (features/gmail-compose.tsx) run on the hand-made compose page with the
 * rep's "log sent emails" on, its messages answered by the worker's real outbox (outbox-port.ts on
 * an in-memory IndexedDB) and a fake server; the clock is the test's. Send is a click on the
 * window's Send, Gmail closing the window is its element leaving (the run's signal aborts, as the
 * feature runner does), and Gmail's Undo is the same draft in a new window (a new run).
 */
import 'fake-indexeddb/auto';
import { Dexie } from 'dexie';
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import type { ActivityInput, ActivityResult } from '../../../../shared/activity.ts';
import type { RecipientContext } from '../../../../shared/compose.ts';
import { closeSignalhouseDb, DB_NAME } from '../../../../extension/core/background/db.ts';
import { createOutboxPort } from '../../../../extension/core/background/outbox-port.ts';
import type { Feature } from '../../../../extension/core/page/contract.ts';
import { features } from '../../../../extension/core/page/features.ts';
import { fail, ok } from '../../../../extension/core/protocol.ts';
import { SENT_HOLD_MS } from '../../../../extension/features/gmail-sent-log.ts';
import { findComposeRoots } from '../../../../extension/sites/gmail/compose.ts';
import { forgetAllTabMemories } from '../../../../extension/core/page/tab-memory.ts';
import { handmadeDir, loadPage } from '../sites/common/pages.ts';
import { waitFor } from '../../wait-for.ts';

const received: ActivityInput[] = [];
/** How many times a run asked about its recipients. */
const asked = vi.hoisted(() => ({ count: 0 }));
const server = async (items: ActivityInput[]): Promise<ActivityResult[]> =>
  items.map((item) => {
    received.push(item);
    return { status: 'created', id: item.id, activity: {} as never };
  });
const outbox = createOutboxPort({ now: () => new Date(), random: () => 0.5, sender: async () => server });

const context = (address: string, contact: RecipientContext['contact']): RecipientContext => ({
  address,
  contact,
  account: { id: 'acc_initech', name: 'Initech' },
  lastTouch: null,
  collision: null,
  talkingPoints: [],
});

// The tab's memory listens for the background's broadcasts (core/page/tab-memory.ts): none come here.
const quiet = { addListener: () => undefined, removeListener: () => undefined };
vi.mock('wxt/browser', () => ({ browser: { storage: { local: { get: async () => ({ logSentEmails: true }) } }, runtime: { onMessage: quiet } } }));
vi.mock('../../../../extension/core/page/mount.ts', () => ({ mountPanel: async () => () => undefined }));
vi.mock('../../../../extension/core/messaging.ts', () => ({
  sendMessage: async (name: string, data: Record<string, unknown>) => {
    switch (name) {
      case 'getConnection':
        return ok({ user: { email: 'sofia.lindqvist@northwind-demo.test' } });
      case 'getMailPolicy':
        return ok({ neverLog: [], bodies: false });
      case 'getComposeContext':
        asked.count++;
        return ok({
          recipients: (data.recipients as { address: string }[]).map(({ address }) =>
            context(address, address === 'ana.lund@initech.example' ? { id: 'ct_ana', name: 'Ana Lund', title: 'VP Data' } : null),
          ),
        });
      case 'logActivity':
        return outbox.log(data as never);
      case 'cancelHeldActivity':
        return outbox.cancelHeld(data.id as string);
      default:
        return fail('unavailable', name);
    }
  },
}));

let composeCard: Feature;
beforeAll(async () => {
  await import('../../../../extension/features/gmail-compose.tsx');
  composeCard = features.of('gmail').find((feature) => feature.id === 'gmail-compose-card')!;
  vi.useFakeTimers({ toFake: ['Date'] });
});
afterAll(() => vi.useRealTimers());
afterEach(async () => {
  // Each test is a tab of its own: what the last one remembered about Ana is not this one's.
  forgetAllTabMemories();
  closeSignalhouseDb();
  await Dexie.delete(DB_NAME);
  received.length = 0;
});

/** The page's "New Message" window with a run of the feature on it, as the feature runner starts one. */
function openWindow(window_: Element) {
  const life = new AbortController();
  void composeCard.init({ mode: 'on', signal: life.signal, url: new URL('https://mail.google.com/mail/u/0/#inbox'), element: window_, context: undefined });
  return life;
}

async function sendAndClose(window_: Element, life: AbortController) {
  window_.querySelector<HTMLElement>('.T-I.aoO')!.dispatchEvent(new MouseEvent('click', { bubbles: true }));
  window_.remove();
  life.abort();
  // The log is made from the window's last reading (a SHA-256 key), then saved by the worker.
  await waitFor(async () => {
    const list = await outbox.list();
    expect(list.ok && list.value.items.length).toBe(1);
  });
}

/** The worker flushes with the clock at `at`, as its alarm or timer would. */
async function flushAt(at: number) {
  vi.setSystemTime(at);
  await outbox.flush();
}

describe('the compose feature and Gmail’s Undo send', () => {
  it('Send, then the same draft back in a window within the hold: nothing reaches the server', async () => {
    const t0 = Date.parse('2026-12-05T11:42:07.400Z');
    vi.setSystemTime(t0);
    const doc = loadPage(handmadeDir('gmail'), '2026-12-05--compose--send-and-body--handmade.html');
    const window_ = findComposeRoots(doc).find((root) => root.getAttribute('aria-label') === 'New Message')!;
    const parent = window_.parentElement!;
    const undo = window_.cloneNode(true) as Element;
    const life = openWindow(window_);
    await settleRun();
    await sendAndClose(window_, life);

    // The rep clicks Undo 20 s later: Gmail draws the draft again.
    vi.setSystemTime(t0 + 20_000);
    parent.append(undo);
    const again = openWindow(undo);
    await waitFor(async () => {
      const list = await outbox.list();
      expect(list.ok && list.value.items).toEqual([]);
    });
    await flushAt(t0 + SENT_HOLD_MS + 60_000);
    expect(received).toEqual([]);
    again.abort();
  });

  it('Send, then nothing: logged once, after the hold', async () => {
    const t0 = Date.parse('2026-12-05T12:10:07.400Z');
    vi.setSystemTime(t0);
    const doc = loadPage(handmadeDir('gmail'), '2026-12-05--compose--send-and-body--handmade.html');
    const window_ = findComposeRoots(doc).find((root) => root.getAttribute('aria-label') === 'New Message')!;
    const life = openWindow(window_);
    await settleRun();
    await sendAndClose(window_, life);
    await flushAt(t0 + SENT_HOLD_MS - 1);
    expect(received).toEqual([]);
    await flushAt(t0 + SENT_HOLD_MS);
    await flushAt(t0 + SENT_HOLD_MS + 60_000);
    expect(received).toHaveLength(1);
    expect(received[0]).toMatchObject({ type: 'email', contactId: 'ct_ana', subject: 'Initech pilot', occurredAt: '2026-12-05T12:10:00.000Z' });
  });
});

/** Lets a new run read its window and take the answer about its recipients. */
async function settleRun() {
  const before = asked.count;
  await waitFor(() => expect(asked.count).toBeGreaterThan(before));
  await new Promise((resolve) => setTimeout(resolve, 20));
}
