/**
 * The activity outbox on an in-memory IndexedDB: "Saved" only after the commit; every server
 * answer maps to a state and nothing is dropped; failures back off with jitter; a service-worker
 * restart (a new Dexie connection on the same database) keeps queued items and recovers
 * in-flight ones; and with a fake server that answers `duplicate` for a replayed id, a touch
 * whose acknowledgement was lost is delivered exactly once. A held item (Gmail's undo window) is
 * not sent before its time, survives a reload, and a cancel removes it only while the hold lasts.
 */
import 'fake-indexeddb/auto';
import { Dexie } from 'dexie';
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { Activity, ActivityInput, ActivityResult } from '../../../../shared/activity.ts';
import { closeSignalhouseDb, DB_NAME, SignalhouseDb, signalhouseDb } from '../../../../extension/core/background/db.ts';
import {
  cancelHeld,
  dueWaitingNow,
  enqueueActivity,
  flushOutbox,
  listOutbox,
  nextWakeAt,
  pruneSynced,
  recoverOutbox,
  retryCeilingMs,
  retryItem,
  type NewActivity,
  type SendActivities,
} from '../../../../extension/core/background/outbox.ts';
import { waitFor } from '../../wait-for.ts';

const T0 = Date.parse('2025-03-03T09:00:00Z');
const DAY = 24 * 60 * 60_000;
const half = () => 0.5;

const touch = (overrides: Partial<NewActivity> = {}): NewActivity => ({
  type: 'linkedin_message',
  occurredAt: '2025-03-03T08:59:00Z',
  contactId: 'ct_1',
  surface: 'linkedin',
  ...overrides,
});

const stored = (input: ActivityInput): Activity => ({
  id: input.id,
  naturalKey: input.naturalKey ?? null,
  type: input.type,
  subject: input.subject ?? null,
  body: input.body ?? null,
  occurredAt: input.occurredAt,
  contactId: input.contactId ?? null,
  accountId: input.accountId ?? null,
  dealId: input.dealId ?? null,
  surface: input.surface,
  userId: 'us_1',
  recordedAt: '2025-03-03T09:00:00Z',
});

/** A ledger as the server keeps it: ids unique forever; a replay answers `duplicate`. */
function fakeServer() {
  const rows = new Map<string, Activity>();
  const record: SendActivities = async (items) =>
    items.map((item): ActivityResult => {
      const known = rows.get(item.id);
      if (known) return { status: 'duplicate', id: item.id, activity: known };
      const row = stored(item);
      rows.set(item.id, row);
      return { status: 'created', id: item.id, activity: row };
    });
  return { rows, record };
}

const down: SendActivities = () => Promise.reject(new TypeError('Failed to fetch'));

afterEach(async () => {
  closeSignalhouseDb();
  await Dexie.delete(DB_NAME);
});

describe('saving', () => {
  it('resolves "Saved" only once the item is committed: a separate connection already sees it', async () => {
    const { item, alreadySaved } = await enqueueActivity(touch(), T0);
    expect(alreadySaved).toBe(false);
    expect(item.id).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
    expect(item.activity.id).toBe(item.id);
    expect(item).toMatchObject({ state: 'queued', attempts: 0, nextAttemptAt: T0, savedAt: T0, syncedAt: null, result: null });

    const other = new SignalhouseDb();
    expect(await other.outbox.get(item.id)).toEqual(item);
    other.close();
  });

  it('keeps whom the touch was about for the outbox list, and never sends it', async () => {
    const { item } = await enqueueActivity(touch({ about: 'Dana Reyes' }), T0);
    expect(item.about).toBe('Dana Reyes');
    expect(item.activity).not.toHaveProperty('about');
    const server = fakeServer();
    const sent: unknown[] = [];
    await flushOutbox(async (batch) => (sent.push(...batch), server.record(batch)), T0, half);
    expect(sent).toHaveLength(1);
    expect(JSON.stringify(sent)).not.toContain('Dana Reyes');
    expect((await signalhouseDb().outbox.get(item.id))?.about).toBe('Dana Reyes');
  });

  it('rejects, and saves nothing, when the commit fails', async () => {
    const db = signalhouseDb();
    const add = vi.spyOn(db.outbox, 'add').mockImplementationOnce(() => Promise.reject(new Error('QuotaExceededError')) as never);
    await expect(enqueueActivity(touch(), T0)).rejects.toThrow('QuotaExceededError');
    add.mockRestore();
    expect(await db.outbox.count()).toBe(0);
  });

  it('refuses an invalid activity before anything is stored', async () => {
    await expect(enqueueActivity(touch({ occurredAt: 'yesterday' }), T0)).rejects.toThrow();
    expect(await signalhouseDb().outbox.count()).toBe(0);
  });

  it('keeps one item for one natural key: the same touch logged twice is already saved', async () => {
    const first = await enqueueActivity(touch({ naturalKey: 'linkedin:conv-1:2025-03-03T08:59:00Z' }), T0);
    const again = await enqueueActivity(touch({ naturalKey: 'linkedin:conv-1:2025-03-03T08:59:00Z' }), T0 + 1000);
    expect(again).toEqual({ item: first.item, alreadySaved: true });
    expect(await signalhouseDb().outbox.count()).toBe(1);
  });
});

describe('delivering', () => {
  it('maps each result: created and duplicate are synced, conflict and invalid need attention, none dropped', async () => {
    const ids: string[] = [];
    for (let i = 0; i < 4; i++) ids.push((await enqueueActivity(touch({ subject: `touch ${i}` }), T0 + i)).item.id);
    const problem = { type: 'https://signalhouse.dev/problems/conflict', title: 'Conflict', detail: 'An activity with this natural key was already recorded with a different payload.' };
    const send: SendActivities = async (items) => [
      { status: 'created', id: items[0]!.id, activity: stored(items[0]!) },
      { status: 'duplicate', id: items[1]!.id, activity: stored(items[1]!) },
      { status: 'conflict', id: items[2]!.id, problem },
      { status: 'invalid', id: null, problem: { type: 'about:blank', title: 'Invalid activity' } },
    ];
    // Due items go out in order of due time.
    const report = await flushOutbox(send, T0 + 10, half);
    expect(report).toEqual({ synced: 2, needsAttention: 2, retrying: 0, error: null });

    const db = signalhouseDb();
    expect(await db.outbox.count()).toBe(4);
    const [a, b, c, d] = await db.outbox.bulkGet(ids);
    expect(a).toMatchObject({ state: 'synced', syncedAt: T0 + 10, result: { status: 'created' } });
    expect(b).toMatchObject({ state: 'synced', syncedAt: T0 + 10, result: { status: 'duplicate' } });
    expect(c).toMatchObject({ state: 'needs_attention', lastError: problem.detail, result: { status: 'conflict' } });
    expect(d).toMatchObject({ state: 'needs_attention', lastError: 'Invalid activity', result: { status: 'invalid' } });

    const listing = await listOutbox();
    expect(listing.queued).toEqual([]);
    expect(listing.needsAttention.map((i) => i.id)).toEqual([ids[2], ids[3]]);
    expect(listing.sent.map((i) => i.id).sort()).toEqual([ids[0], ids[1]].sort());
    expect(await nextWakeAt()).toBeNull();
  });

  it('sends in batches of at most 100', async () => {
    for (let i = 0; i < 230; i++) await enqueueActivity(touch({ subject: `#${i}` }), T0);
    const server = fakeServer();
    const sizes: number[] = [];
    const report = await flushOutbox((items) => (sizes.push(items.length), server.record(items)), T0, half);
    expect(sizes).toEqual([100, 100, 30]);
    expect(report.synced).toBe(230);
    expect(server.rows.size).toBe(230);
  });

  it('waits for items not yet due', async () => {
    await enqueueActivity(touch(), T0 + 60_000);
    const server = fakeServer();
    expect(await flushOutbox(server.record, T0, half)).toMatchObject({ synced: 0 });
    expect(await nextWakeAt()).toBe(T0 + 60_000);
  });

  it('a retried needs-attention item is due again and can be delivered', async () => {
    const { item } = await enqueueActivity(touch(), T0);
    await flushOutbox(async (items) => [{ status: 'conflict', id: items[0]!.id, problem: { type: 'x', title: 'Busy; send it again.' } }], T0, half);
    expect(await retryItem(item.id, T0 + 1000)).toBe(true);
    expect(await nextWakeAt()).toBe(T0 + 1000);
    const server = fakeServer();
    await flushOutbox(server.record, T0 + 1000, half);
    expect(await signalhouseDb().outbox.get(item.id)).toMatchObject({ state: 'synced', lastError: null });
    expect(await retryItem(item.id, T0 + 2000)).toBe(false);
  });
});

describe('backoff', () => {
  it('a network failure puts the item back with full jitter, growing per attempt and capped at 30 minutes', async () => {
    const { item } = await enqueueActivity(touch(), T0);
    const db = signalhouseDb();
    const delays: number[] = [];
    let now = T0;
    for (let attempt = 1; attempt <= 12; attempt++) {
      // Full jitter: any r in [0, 1) gives a delay in [0, ceiling); 0.999 shows the ceiling itself.
      const report = await flushOutbox(down, now, () => 0.999);
      expect(report).toMatchObject({ retrying: 1, error: 'Failed to fetch' });
      const after = (await db.outbox.get(item.id))!;
      expect(after).toMatchObject({ state: 'queued', attempts: attempt, lastError: 'Failed to fetch' });
      const delay = after.nextAttemptAt - now;
      expect(delay).toBeGreaterThanOrEqual(0);
      expect(delay).toBeLessThan(retryCeilingMs(attempt));
      delays.push(delay);
      // Not due before the delay has passed.
      expect(await flushOutbox(down, now + delay - 1, () => 0.999)).toMatchObject({ retrying: 0 });
      now = after.nextAttemptAt;
    }
    expect(delays.slice(0, 6)).toEqual([4995, 9990, 19980, 39960, 79920, 159840]);
    for (let i = 1; i < delays.length; i++) expect(delays[i]).toBeGreaterThanOrEqual(delays[i - 1]!);
    expect(Math.max(...delays)).toBeLessThan(30 * 60_000);
    expect(delays.at(-1)).toBe(Math.floor(0.999 * 30 * 60_000));
  });

  it('the jitter spreads retries across the whole window', async () => {
    const { item } = await enqueueActivity(touch(), T0);
    await flushOutbox(down, T0, () => 0);
    expect((await signalhouseDb().outbox.get(item.id))!.nextAttemptAt).toBe(T0);
    await flushOutbox(down, T0, () => 0.25);
    expect((await signalhouseDb().outbox.get(item.id))!.nextAttemptAt).toBe(T0 + 0.25 * 10_000);
  });

  it('an answer that does not fit the batch is treated as a failure, not guessed at', async () => {
    const { item } = await enqueueActivity(touch(), T0);
    const report = await flushOutbox(async () => [], T0, half);
    expect(report.retrying).toBe(1);
    expect(await signalhouseDb().outbox.get(item.id)).toMatchObject({ state: 'queued', attempts: 1 });
  });
});

describe('service-worker restarts', () => {
  it('keeps queued items and recovers the ones left sending', async () => {
    const queued = (await enqueueActivity(touch({ subject: 'waiting' }), T0 + 60_000)).item;
    const inFlight = (await enqueueActivity(touch({ subject: 'in flight' }), T0)).item;
    // The worker dies while the request is out: the promise never settles.
    void flushOutbox(() => new Promise<never>(() => {}), T0, half);
    await waitFor(async () => expect((await signalhouseDb().outbox.get(inFlight.id))!.state).toBe('sending'));

    closeSignalhouseDb();
    // A new worker: a new connection to the same database.
    expect(await recoverOutbox(T0 + 5000)).toBe(1);
    const listing = await listOutbox();
    expect(listing.queued.map((i) => i.id).sort()).toEqual([queued.id, inFlight.id].sort());
    expect(await signalhouseDb().outbox.get(inFlight.id)).toMatchObject({ state: 'queued', nextAttemptAt: T0 + 5000, attempts: 0 });
    expect(await nextWakeAt()).toBe(T0 + 5000);
  });
});

describe('exactly once', () => {
  it('an acknowledgement lost in transit: the re-send answers duplicate, the item is synced once and the server holds one row', async () => {
    const server = fakeServer();
    const { item } = await enqueueActivity(touch(), T0);
    // The server records the batch, then the response is lost (connection reset).
    const lossy: SendActivities = async (items) => {
      await server.record(items);
      throw new TypeError('network error');
    };
    expect(await flushOutbox(lossy, T0, half)).toMatchObject({ retrying: 1 });
    expect(await signalhouseDb().outbox.get(item.id)).toMatchObject({ state: 'queued', attempts: 1 });

    const due = (await nextWakeAt())!;
    const results: ActivityResult['status'][] = [];
    const report = await flushOutbox(async (items) => {
      const answer = await server.record(items);
      results.push(...answer.map((r) => r.status));
      return answer;
    }, due, half);
    expect(results).toEqual(['duplicate']);
    expect(report).toMatchObject({ synced: 1, retrying: 0 });
    expect(server.rows.size).toBe(1);
    expect(server.rows.has(item.id)).toBe(true);
    expect(await signalhouseDb().outbox.get(item.id)).toMatchObject({ state: 'synced', result: { status: 'duplicate' } });
    // Nothing is left to send: a later flush sends nothing.
    expect(await flushOutbox(server.record, due + DAY, half)).toMatchObject({ synced: 0 });
  });

  it('the server down while the touch is logged, the worker stopped in between: delivered once when it returns', async () => {
    const server = fakeServer();
    const { item } = await enqueueActivity(touch(), T0);
    await flushOutbox(down, T0, half);
    // Delivered, but the worker dies before it hears the answer.
    void flushOutbox(async (items) => (await server.record(items), new Promise<never>(() => {})), (await nextWakeAt())!, half);
    await waitFor(() => expect(server.rows.size).toBe(1));
    closeSignalhouseDb();

    await recoverOutbox(T0 + DAY);
    await flushOutbox(server.record, T0 + DAY, half);
    expect(server.rows.size).toBe(1);
    expect(await signalhouseDb().outbox.get(item.id)).toMatchObject({ state: 'synced', result: { status: 'duplicate' } });
  });
});

describe('pruning', () => {
  it('deletes only synced items acknowledged more than 30 days ago', async () => {
    const server = fakeServer();
    const old = (await enqueueActivity(touch({ subject: 'old' }), T0)).item;
    await flushOutbox(server.record, T0, half);
    const recent = (await enqueueActivity(touch({ subject: 'recent' }), T0 + 20 * DAY)).item;
    await flushOutbox(server.record, T0 + 20 * DAY, half);
    const stuck = (await enqueueActivity(touch({ subject: 'stuck' }), T0)).item;
    await flushOutbox(async (items) => [{ status: 'invalid', id: items[0]!.id, problem: { type: 'x', title: 'bad' } }], T0 + 20 * DAY, half);
    const waiting = (await enqueueActivity(touch({ subject: 'waiting' }), T0)).item;

    expect(await pruneSynced(T0 + 31 * DAY)).toBe(1);
    const left = await signalhouseDb().outbox.toCollection().primaryKeys();
    expect(left.sort()).toEqual([recent.id, stuck.id, waiting.id].sort());
    expect(left).not.toContain(old.id);
  });
});

describe('holding (a Gmail send waiting out Gmail’s undo window)', () => {
  const HOLD_END = T0 + 35_000;

  it('holds an entry until its notBefore and sends it once after, also when the store was reloaded in between', async () => {
    const { item } = await enqueueActivity(touch({ subject: 'Pilot' }), T0, { notBefore: HOLD_END });
    expect(item).toMatchObject({ state: 'held', nextAttemptAt: HOLD_END, notBefore: HOLD_END });
    expect(await nextWakeAt()).toBe(HOLD_END);
    const server = fakeServer();
    expect(await flushOutbox(server.record, HOLD_END - 1, half)).toMatchObject({ synced: 0 });
    expect(server.rows.size).toBe(0);

    // The worker stopped during the hold (the rep closed the tab): a new connection finds the entry held.
    closeSignalhouseDb();
    expect(await recoverOutbox(HOLD_END - 1)).toBe(0);
    expect(await signalhouseDb().outbox.get(item.id)).toMatchObject({ state: 'held' });
    expect(await flushOutbox(server.record, HOLD_END, half)).toMatchObject({ synced: 1 });
    expect(await flushOutbox(server.record, HOLD_END + 60_000, half)).toMatchObject({ synced: 0 });
    expect([...server.rows.keys()]).toEqual([item.id]);
    expect(await signalhouseDb().outbox.get(item.id)).toMatchObject({ state: 'synced', notBefore: HOLD_END });
  });

  it('a cancel while held deletes the entry: nothing is ever sent', async () => {
    const { item } = await enqueueActivity(touch(), T0, { notBefore: HOLD_END });
    expect(await cancelHeld(item.id, T0 + 10_000)).toEqual({ outcome: 'cancelled', item: null });
    const server = fakeServer();
    await flushOutbox(server.record, HOLD_END + 60_000, half);
    expect(server.rows.size).toBe(0);
    expect(await signalhouseDb().outbox.count()).toBe(0);
    expect(await nextWakeAt()).toBeNull();
  });

  it('a cancel after it was sent changes nothing and says so; so does one after the hold ended, before any flush', async () => {
    const sent = (await enqueueActivity(touch({ subject: 'sent' }), T0, { notBefore: HOLD_END })).item;
    const server = fakeServer();
    await flushOutbox(server.record, HOLD_END, half);
    const late = await cancelHeld(sent.id, HOLD_END + 1_000);
    expect(late).toMatchObject({ outcome: 'hold_over', item: { id: sent.id, state: 'synced' } });
    expect(server.rows.size).toBe(1);

    const due = (await enqueueActivity(touch({ subject: 'due' }), T0, { notBefore: HOLD_END })).item;
    expect(await cancelHeld(due.id, HOLD_END)).toMatchObject({ outcome: 'hold_over', item: { id: due.id, state: 'held' } });
    await flushOutbox(server.record, HOLD_END + 5_000, half);
    expect(server.rows.has(due.id)).toBe(true);
    expect(await cancelHeld('00000000-0000-4000-8000-000000000000', T0)).toEqual({ outcome: 'unknown', item: null });
  });

  it('neither the server answering again nor the rep’s retry cuts a hold short', async () => {
    const { item } = await enqueueActivity(touch(), T0, { notBefore: HOLD_END });
    expect(await dueWaitingNow(T0 + 1_000)).toBe(0);
    expect(await retryItem(item.id, T0 + 1_000)).toBe(false);
    const server = fakeServer();
    await flushOutbox(server.record, T0 + 1_000, half);
    expect(server.rows.size).toBe(0);
    expect(await signalhouseDb().outbox.get(item.id)).toMatchObject({ state: 'held', nextAttemptAt: HOLD_END });
  });

  it('lists a held entry with what waits, and a hold already over when saved is no hold', async () => {
    const held = (await enqueueActivity(touch({ subject: 'held' }), T0, { notBefore: HOLD_END })).item;
    const over = (await enqueueActivity(touch({ subject: 'over' }), T0 + 1, { notBefore: T0 + 1 })).item;
    expect(over).toMatchObject({ state: 'queued', nextAttemptAt: T0 + 1 });
    expect(over).not.toHaveProperty('notBefore');
    expect((await listOutbox()).queued.map((i) => i.id)).toEqual([held.id, over.id]);
    expect(await nextWakeAt()).toBe(T0 + 1);
  });
});
