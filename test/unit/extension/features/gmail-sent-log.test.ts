// @vitest-environment jsdom
/**
 * A sent Gmail window's log held for Gmail's "Undo send" (features/gmail-sent-log.ts), against the
 * worker's real outbox (outbox-port.ts on an in-memory IndexedDB), a fake server and a clock the
 * test moves: the hand-made compose page's "New Message" window is sent; Undo is that draft shown
 * again in a new window (Gmail reopens the same draft); the hold is the production one (35 s).
 */
import 'fake-indexeddb/auto';
import { Dexie } from 'dexie';
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { ActivityInput, ActivityResult } from '../../../../shared/activity.ts';
import type { RecipientContext } from '../../../../shared/compose.ts';
import { closeSignalhouseDb, DB_NAME } from '../../../../extension/core/background/db.ts';
import { createOutboxPort } from '../../../../extension/core/background/outbox-port.ts';
import { sentEmailActivity } from '../../../../extension/features/gmail-compose-logic.ts';
import { createSentLog, GMAIL_UNDO_MAX_MS, SENT_HOLD_MS } from '../../../../extension/features/gmail-sent-log.ts';
import { findComposeRoots, readCompose } from '../../../../extension/sites/gmail/compose.ts';
import { handmadeDir, loadPage } from '../sites/common/pages.ts';

const SENT_AT = Date.parse('2026-12-05T11:42:07.400Z');
const ana: RecipientContext = {
  address: 'ana.lund@initech.example',
  contact: { id: 'ct_ana', name: 'Ana Lund', title: 'VP Data' },
  account: { id: 'acc_initech', name: 'Initech' },
  lastTouch: null,
  collision: null,
  talkingPoints: [],
};

function setup() {
  const doc = loadPage(handmadeDir('gmail'), '2026-12-05--compose--send-and-body--handmade.html');
  const window_ = findComposeRoots(doc).find((root) => root.getAttribute('aria-label') === 'New Message')!;
  const compose = readCompose(window_);
  let clock = SENT_AT;
  const received: ActivityInput[] = [];
  const server = async (items: ActivityInput[]): Promise<ActivityResult[]> =>
    items.map((item) => {
      received.push(item);
      return { status: 'created', id: item.id, activity: {} as never };
    });
  const outbox = createOutboxPort({ now: () => new Date(clock), random: () => 0.5, sender: async () => server });
  const sentLog = createSentLog({ log: (payload) => outbox.log(payload), cancel: (id) => outbox.cancelHeld(id), now: () => clock });
  const activity = (at = SENT_AT) => sentEmailActivity(compose, { from: 'sofia.lindqvist@northwind-demo.test', sentAt: new Date(at), contexts: new Map([[ana.address, ana]]), id: crypto.randomUUID(), neverLog: [] });
  return {
    compose,
    window: window_,
    /** Gmail's Undo: the same draft in a window of its own. */
    reopened: () => window_.cloneNode(true) as Element,
    sentLog,
    activity,
    outbox,
    received,
    /** The clock moves to `at`, and the worker flushes as its alarm or timer would. */
    async at(at: number) {
      clock = at;
      await outbox.flush();
    },
  };
}

afterEach(async () => {
  closeSignalhouseDb();
  await Dexie.delete(DB_NAME);
});

describe('a sent window’s log and Gmail’s Undo send', () => {
  it('holds for Gmail’s longest undo and then some: 35 s', () => {
    expect(GMAIL_UNDO_MAX_MS).toBe(30_000);
    expect(SENT_HOLD_MS).toBe(35_000);
  });

  it('Send, then the same draft back in a window within the hold: nothing is logged', async () => {
    const t = setup();
    expect(t.compose.draftId).toBe('msg-a:r-8800770066005500440');
    expect(await t.sentLog.sent(t.compose.draftId!, new Date(SENT_AT), t.window, t.activity())).toBe('held');
    await t.at(SENT_AT + 29_000);
    // The rep clicks Undo at 29 s; Gmail draws the draft again.
    const again = t.reopened();
    expect(await t.sentLog.opened(readCompose(again).draftId, again)).toBe('cancelled');
    await t.at(SENT_AT + SENT_HOLD_MS + 60_000);
    expect(t.received).toEqual([]);
    const list = await t.outbox.list();
    expect(list.ok && list.value.items).toEqual([]);
  });

  it('Send, then nothing: logged once, after the hold', async () => {
    const t = setup();
    await t.sentLog.sent(t.compose.draftId!, new Date(SENT_AT), t.window, t.activity());
    const list = await t.outbox.list();
    expect(list.ok && list.value.items).toMatchObject([{ type: 'email', about: 'Ana Lund', heldUntil: new Date(SENT_AT + SENT_HOLD_MS).toISOString() }]);
    await t.at(SENT_AT + SENT_HOLD_MS - 1);
    expect(t.received).toEqual([]);
    await t.at(SENT_AT + SENT_HOLD_MS);
    await t.at(SENT_AT + SENT_HOLD_MS + 60_000);
    expect(t.received).toHaveLength(1);
    expect(t.received[0]).toMatchObject({ type: 'email', contactId: 'ct_ana', subject: 'Initech pilot' });
    expect(t.received[0]).not.toHaveProperty('notBefore');
  });

  it('Undo, an edit and Send again: one activity, the second Send’s', async () => {
    const t = setup();
    await t.sentLog.sent(t.compose.draftId!, new Date(SENT_AT), t.window, t.activity());
    await t.at(SENT_AT + 4_000);
    const again = t.reopened();
    expect(await t.sentLog.opened(t.compose.draftId, again)).toBe('cancelled');
    const resentAt = SENT_AT + 20_000;
    const second = t.activity(resentAt);
    const secondId = (await second)!.id;
    expect(await t.sentLog.sent(t.compose.draftId!, new Date(resentAt), again, Promise.resolve(await second))).toBe('held');
    await t.at(resentAt + SENT_HOLD_MS + 1);
    await t.at(resentAt + SENT_HOLD_MS + 60_000);
    expect(t.received.map((a) => a.id)).toEqual([secondId]);
  });

  it('Undo’s window read before the sent window’s log was made: nothing is logged', async () => {
    const t = setup();
    const log = vi.spyOn(t.outbox, 'log');
    // The sent window was read while the rep wrote; Gmail reopened the draft before the sent window's run ended.
    await t.sentLog.opened(t.compose.draftId, t.window);
    await t.at(SENT_AT + 1_000);
    const again = t.reopened();
    await t.sentLog.opened(t.compose.draftId, again);
    expect(await t.sentLog.sent(t.compose.draftId!, new Date(SENT_AT), t.window, t.activity())).toBe('undone');
    await t.at(SENT_AT + 120_000);
    expect(log).not.toHaveBeenCalled();
    expect(t.received).toEqual([]);
  });

  it('the sent window read again, or another draft opened, cancels nothing; the draft back after the hold is the mail Gmail sent', async () => {
    const t = setup();
    await t.sentLog.sent(t.compose.draftId!, new Date(SENT_AT), t.window, t.activity());
    expect(await t.sentLog.opened(t.compose.draftId, t.window)).toBeUndefined();
    expect(await t.sentLog.opened('msg-a:r-1200300400500600700', t.reopened())).toBeUndefined();
    await t.at(SENT_AT + SENT_HOLD_MS);
    expect(await t.sentLog.opened(t.compose.draftId, t.reopened())).toBeUndefined();
    expect(t.received).toHaveLength(1);
  });
});
