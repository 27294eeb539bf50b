/**
 * The OutboxPort on an in-memory IndexedDB: `log` answers "Saved" (queued) once committed, then
 * the kicked flush makes it "Synced" against a fake server; the sender's own id makes a repeated
 * message one touch; a refused item is listed as needing attention and a retry queues it again;
 * without a connection nothing is claimed and no attempt is counted.
 */
import 'fake-indexeddb/auto';
import { Dexie } from 'dexie';
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { ActivityInput, ActivityResult } from '../../../../shared/activity.ts';
import { closeSignalhouseDb, DB_NAME } from '../../../../extension/core/background/db.ts';
import { createOutboxPort } from '../../../../extension/core/background/outbox-port.ts';
import type { SendActivities } from '../../../../extension/core/background/outbox.ts';
import type { LogActivityPayload } from '../../../../extension/core/protocol.ts';
import { waitFor } from '../../wait-for.ts';

const T0 = Date.parse('2025-03-03T09:00:00Z');
const ID = '0b7f3c2e-5d4a-4e8b-9c1d-2f6a7b8c9d0e';
const touch = (overrides: Partial<LogActivityPayload> = {}): LogActivityPayload => ({
  type: 'linkedin_message',
  occurredAt: '2025-03-03T08:59:00Z',
  contactId: 'ct_1',
  subject: 'Intro',
  surface: 'linkedin',
  ...overrides,
});

const created = (item: ActivityInput): ActivityResult => ({
  status: 'created',
  id: item.id,
  activity: {
    id: item.id,
    naturalKey: null,
    type: item.type,
    subject: item.subject ?? null,
    body: null,
    occurredAt: item.occurredAt,
    contactId: item.contactId ?? null,
    accountId: null,
    dealId: null,
    surface: item.surface,
    userId: 'us_1',
    recordedAt: '2025-03-03T09:00:00Z',
  },
});
const conflict = (item: ActivityInput): ActivityResult => ({
  status: 'conflict',
  id: item.id,
  problem: { type: 'about:blank', title: 'Conflict', detail: 'The contact was merged.' },
});

function portWith(send: SendActivities | null) {
  const flushed = vi.fn(async () => undefined);
  const port = createOutboxPort({ now: () => new Date(T0), random: () => 0.5, sender: async () => send, afterFlush: flushed });
  // The kicked flush is not awaited by `log`; its end is when afterFlush runs.
  const settled = (times = 1) => waitFor(() => expect(flushed).toHaveBeenCalledTimes(times));
  return { port, flushed, settled };
}

afterEach(async () => {
  closeSignalhouseDb();
  await Dexie.delete(DB_NAME);
});

describe('log', () => {
  it('answers Saved (queued) with the sender’s id, then the kicked flush makes it Synced', async () => {
    const send = vi.fn<SendActivities>(async (items) => items.map(created));
    const { port, settled } = portWith(send);
    const saved = await port.log(touch({ id: ID, about: 'Dana Reyes' }));
    expect(saved).toEqual({
      ok: true,
      value: { id: ID, type: 'linkedin_message', about: 'Dana Reyes', subject: 'Intro', occurredAt: '2025-03-03T08:59:00Z', state: 'queued', attempts: 0, lastError: null, nextAttemptAt: new Date(T0).toISOString() },
    });
    await settled();
    expect(send).toHaveBeenCalledTimes(1);
    const list = await port.list();
    expect(list.ok && list.value.items.map((i) => [i.id, i.state, i.nextAttemptAt])).toEqual([[ID, 'synced', null]]);
  });

  it('a repeated message with the same id is one touch', async () => {
    const { port, settled } = portWith(null);
    await port.log(touch({ id: ID }));
    await port.log(touch({ id: ID }));
    await settled(2);
    const list = await port.list();
    expect(list.ok && list.value.items).toHaveLength(1);
  });

  it('not connected: the item stays queued with no attempt counted', async () => {
    const { port, settled } = portWith(null);
    await port.log(touch());
    await settled();
    const list = await port.list();
    expect(list.ok && list.value.items.map((i) => [i.state, i.attempts])).toEqual([['queued', 0]]);
  });
});

describe('needs attention', () => {
  it('a refused item is listed as needs_attention with the server’s reason; retry queues it again', async () => {
    const { port, settled } = portWith(async (items) => items.map(conflict));
    await port.log(touch({ id: ID }));
    await settled();
    const list = await port.list();
    expect(list.ok && list.value.items).toMatchObject([{ id: ID, state: 'needs_attention', lastError: 'The contact was merged.' }]);

    const retried = await port.retry(ID);
    expect(retried).toMatchObject({ ok: true, value: { id: ID, state: 'queued', lastError: null } });
    await settled(2);
    expect(await port.retry('1b7f3c2e-5d4a-4e8b-9c1d-2f6a7b8c9d0e')).toMatchObject({ ok: false, error: { kind: 'not_found' } });
  });
});

describe('retryWaiting (the server answers again)', () => {
  it('sends a touch waiting out its backoff at once, keeping its attempt count', async () => {
    let serverUp = false;
    const send = vi.fn<SendActivities>(async (items) => {
      if (!serverUp) throw new Error('Failed to fetch');
      return items.map(created);
    });
    const { port, flushed, settled } = portWith(send);
    await port.log(touch({ id: ID }));
    await settled();
    const waiting = await port.list();
    // The clock stands still: with backoff alone, nothing would be due again.
    expect(waiting.ok && waiting.value.items).toMatchObject([{ id: ID, state: 'queued', attempts: 1, nextAttemptAt: new Date(T0 + 2_500).toISOString() }]);
    expect(await port.flush()).toMatchObject({ synced: 0, retrying: 0 });

    serverUp = true;
    expect(await port.retryWaiting()).toMatchObject({ synced: 1 });
    const list = await port.list();
    expect(list.ok && list.value.items.map((i) => [i.id, i.state, i.attempts])).toEqual([[ID, 'synced', 1]]);
    expect(send).toHaveBeenCalledTimes(2);
    expect(flushed).toHaveBeenCalledTimes(3);
  });

  it('does not flush when nothing is queued, unless asked to always (Connect)', async () => {
    const send = vi.fn<SendActivities>(async (items) => items.map(created));
    const { port, flushed } = portWith(send);
    expect(await port.retryWaiting()).toBeNull();
    expect(flushed).not.toHaveBeenCalled();
    expect(await port.retryWaiting({ always: true })).toMatchObject({ synced: 0 });
    expect(flushed).toHaveBeenCalledTimes(1);
    expect(send).not.toHaveBeenCalled();
  });
});

describe('held logs (Gmail’s undo window)', () => {
  const HOLD_END = new Date(T0 + 35_000).toISOString();

  it('a log with notBefore is saved held: listed as waiting until then, not sent by the kicked flush, cancelled on request', async () => {
    const send = vi.fn<SendActivities>(async (items) => items.map(created));
    const { port, settled } = portWith(send);
    const saved = await port.log(touch({ id: ID, notBefore: HOLD_END }));
    expect(saved).toMatchObject({ ok: true, value: { id: ID, state: 'queued', nextAttemptAt: HOLD_END, heldUntil: HOLD_END } });
    await settled();
    expect(send).not.toHaveBeenCalled();
    const list = await port.list();
    expect(list.ok && list.value.items.map((i) => [i.id, i.state, i.heldUntil])).toEqual([[ID, 'queued', HOLD_END]]);

    expect(await port.cancelHeld(ID)).toEqual({ ok: true, value: { outcome: 'cancelled', item: null } });
    expect(await port.cancelHeld(ID)).toEqual({ ok: true, value: { outcome: 'unknown', item: null } });
    const after = await port.list();
    expect(after.ok && after.value.items).toEqual([]);
  });

  it('a cancel of an item that was never held changes nothing and says so', async () => {
    const { port, settled } = portWith(async (items) => items.map(created));
    await port.log(touch({ id: ID }));
    await settled();
    expect(await port.cancelHeld(ID)).toMatchObject({ ok: true, value: { outcome: 'hold_over', item: { id: ID, state: 'synced' } } });
  });

  it('refuses a hold longer than two minutes, saving nothing', async () => {
    const { port } = portWith(null);
    const answer = await port.log(touch({ notBefore: new Date(T0 + 121_000).toISOString() }));
    expect(answer).toMatchObject({ ok: false, error: { kind: 'invalid', field: 'notBefore' } });
    const list = await port.list();
    expect(list.ok && list.value.items).toEqual([]);
  });
});
