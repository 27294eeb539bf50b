/**
 * Digest alerts as notifications, on an in-memory IndexedDB: each new alert line is raised once
 * with the account and the reason; a line the rep saw, acted on or dismissed is not; a later poll
 * (or a restarted worker, a new database connection) never raises one again; the day's budget
 * caps what is raised, across polls; a poll that reached only the cache raises nothing.
 */
import 'fake-indexeddb/auto';
import { Dexie } from 'dexie';
import { afterEach, describe, expect, it } from 'vitest';
import { closeSignalhouseDb, DB_NAME } from '../../../../extension/core/background/db.ts';
import { DIGEST_NOTIFICATION_PREFIX, pollDigest, raiseDigestAlerts, type NotificationOptions } from '../../../../extension/core/background/digest-alerts.ts';
import { ok, type DigestAnswer, type Result } from '../../../../extension/core/protocol.ts';
import type { Digest } from '../../../../shared/digest.ts';
import { digest, line } from './digest-fixture.ts';

const OWNER = 'http://127.0.0.1:8787 usr_1';
const NOW = Date.parse('2026-12-02T09:00:00Z');

function fakeNotifications() {
  const shown: { id: string; options: NotificationOptions }[] = [];
  return { shown, area: { create: async (id: string, options: NotificationOptions) => (shown.push({ id, options }), id) } };
}
const raise = (d: Digest, notifications = fakeNotifications()) =>
  raiseDigestAlerts({ digest: d, owner: OWNER, notifications: notifications.area, iconUrl: 'icon.png', now: NOW }).then((n) => ({ n, shown: notifications.shown }));

afterEach(async () => {
  closeSignalhouseDb();
  await Dexie.delete(DB_NAME);
});

describe('raiseDigestAlerts', () => {
  it('raises each new alert line once, titled with the account and saying the reason', async () => {
    const { n, shown } = await raise(digest());
    expect(n).toBe(2);
    expect(shown).toEqual([
      { id: `${DIGEST_NOTIFICATION_PREFIX}k1`, options: { type: 'basic', iconUrl: 'icon.png', title: 'Swedbank', message: '3rd pricing-page visit in 7 days', contextMessage: 'Signalhouse' } },
      { id: `${DIGEST_NOTIFICATION_PREFIX}k2`, options: { type: 'basic', iconUrl: 'icon.png', title: 'Lodestar Health', message: '1 demo-request page visit in 7 days', contextMessage: 'Signalhouse' } },
    ]);
  });

  it('never raises one again, not after a worker restart either', async () => {
    await raise(digest());
    closeSignalhouseDb();
    const again = await raise(digest());
    expect(again.n).toBe(0);
  });

  it('leaves out lines the rep already saw, acted on or dismissed', async () => {
    const d = digest({ lines: [line({ key: 'a', alert: true, state: 'seen' }), line({ key: 'b', alert: true, state: 'acted' }), line({ key: 'c', alert: true, state: 'dismissed' })] });
    expect((await raise(d)).n).toBe(0);
  });

  it('keeps to the day’s budget across polls, and a new day has a new budget', async () => {
    const many = (keys: string[], day = '2026-12-02') => digest({ day, alertBudget: 2, lines: keys.map((key) => line({ key, alert: true })) });
    expect((await raise(many(['a']))).n).toBe(1);
    const second = await raise(many(['a', 'b', 'c']));
    expect(second.shown.map((s) => s.id)).toEqual([`${DIGEST_NOTIFICATION_PREFIX}b`]);
    expect((await raise(many(['a', 'b', 'c', 'd']))).n).toBe(0);
    expect((await raise(many(['c', 'd', 'e'], '2026-12-03'))).shown.map((s) => s.id)).toEqual([`${DIGEST_NOTIFICATION_PREFIX}c`, `${DIGEST_NOTIFICATION_PREFIX}d`]);
  });

  it('two polls racing raise each line once', async () => {
    const a = fakeNotifications();
    const b = fakeNotifications();
    await Promise.all([raise(digest(), a), raise(digest(), b)]);
    expect([...a.shown, ...b.shown].map((s) => s.id).sort()).toEqual([`${DIGEST_NOTIFICATION_PREFIX}k1`, `${DIGEST_NOTIFICATION_PREFIX}k2`]);
  });
});

describe('pollDigest', () => {
  const answer = (source: 'cache' | 'server', asOf = new Date(NOW).toISOString()): Result<DigestAnswer> => ok({ dated: { digest: digest(), asOf, source } });

  it('raises from a server answer, not from a copy the server did not confirm', async () => {
    const fromCache = fakeNotifications();
    expect(await pollDigest({ owner: async () => OWNER, digest: async () => answer('cache'), notifications: fromCache.area, iconUrl: 'i', now: () => NOW })).toBe(0);
    const fromServer = fakeNotifications();
    expect(await pollDigest({ owner: async () => OWNER, digest: async () => answer('server'), notifications: fromServer.area, iconUrl: 'i', now: () => NOW })).toBe(2);
  });

  it('does nothing when not connected, and skips the fetch while the stored copy is recent', async () => {
    const asked: string[] = [];
    const digestOf = async (from: 'cache' | 'server') => (asked.push(from), answer(from, new Date(NOW - 60_000).toISOString()));
    const n = fakeNotifications();
    expect(await pollDigest({ owner: async () => null, digest: digestOf, notifications: n.area, iconUrl: 'i', now: () => NOW })).toBe(0);
    expect(asked).toEqual([]);
    await pollDigest({ owner: async () => OWNER, digest: digestOf, notifications: n.area, iconUrl: 'i', now: () => NOW, minAgeMs: 5 * 60_000 });
    expect(asked).toEqual(['cache']);
    await pollDigest({ owner: async () => OWNER, digest: digestOf, notifications: n.area, iconUrl: 'i', now: () => NOW + 10 * 60_000, minAgeMs: 5 * 60_000 });
    expect(asked).toEqual(['cache', 'cache', 'server']);
  });
});
