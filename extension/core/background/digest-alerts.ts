/**
 * Digest alerts as browser notifications: each line the server marked `alert` and the rep has not
 * seen yet (`state: 'new'`) is raised once, never more than the digest's `alertBudget` a day.
 * What was raised is recorded in Dexie (`notified`) BEFORE the notification is shown, in one
 * transaction with the check: a service-worker restart, or two polls racing, never raise one twice
 * (a worker dying between the record and the notification loses that one; a repeat would be worse).
 *
 * The notification holds the account's name and the signal's reason, nothing else from the CRM.
 *
 * @example
 * await raiseDigestAlerts({ digest, owner, notifications: browser.notifications, iconUrl, now: Date.now() });
 */
import type { Digest, DigestLine } from '../../../shared/digest.ts';
import { signalhouseDb } from './db.ts';
import type { Owner } from './digest-cache.ts';
import type { DigestAnswer, Result } from '../protocol.ts';

/** Every digest notification's id starts with this, so a click can tell ours apart. */
export const DIGEST_NOTIFICATION_PREFIX = 'signalhouse-digest:';

export interface NotificationOptions {
  type: 'basic';
  iconUrl: string;
  title: string;
  message: string;
  contextMessage?: string;
}

/** The part of `browser.notifications` this file uses. */
export interface NotificationsArea {
  create(id: string, options: NotificationOptions): Promise<string>;
}

/**
 * What one line's notification says: the account and the reason.
 *
 * @example notificationOf(line) // { title: 'Swedbank', message: '3rd pricing-page visit in 7 days' }
 */
export function notificationOf(line: DigestLine): Pick<NotificationOptions, 'title' | 'message'> {
  return { title: line.account.name, message: line.reason };
}

/**
 * Picks the lines to raise now and records them, in one transaction: alert lines still new, not
 * raised before (on any day), at most what is left of this day's budget, most urgent first (the
 * digest's order).
 */
export async function claimAlerts(digest: Digest, owner: Owner, now: number): Promise<DigestLine[]> {
  const db = signalhouseDb();
  return db.transaction('rw', db.notified, async () => {
    const raisedToday = await db.notified.where('[owner+day]').equals([owner, digest.day]).count();
    let left = Math.max(0, digest.alertBudget - raisedToday);
    const claimed: DigestLine[] = [];
    for (const line of digest.lines) {
      if (left === 0) break;
      if (!line.alert || line.state !== 'new') continue;
      const key = `${owner} ${line.key}`;
      if (await db.notified.get(key)) continue;
      await db.notified.add({ key, owner, day: digest.day, notifiedAt: now });
      claimed.push(line);
      left--;
    }
    return claimed;
  });
}

export interface RaiseDeps {
  digest: Digest;
  owner: Owner;
  notifications: NotificationsArea;
  /** An image the browser can load (Chrome requires one for a basic notification). */
  iconUrl: string;
  now: number;
}

/**
 * Raises the notifications `claimAlerts` picks; answers how many were shown.
 *
 * @example const shown = await raiseDigestAlerts({ digest, owner, notifications, iconUrl, now: Date.now() });
 */
export async function raiseDigestAlerts({ digest, owner, notifications, iconUrl, now }: RaiseDeps): Promise<number> {
  const lines = await claimAlerts(digest, owner, now);
  let shown = 0;
  for (const line of lines) {
    try {
      await notifications.create(`${DIGEST_NOTIFICATION_PREFIX}${line.key}`, { type: 'basic', iconUrl, ...notificationOf(line), contextMessage: 'Signalhouse' });
      shown++;
    } catch {
      // Notifications turned off for the browser or the extension: the line is still in the panel.
    }
  }
  return shown;
}

export interface PollDeps {
  /** The connected rep (`ownerOf` the connection's view), or null. */
  owner: () => Promise<Owner | null>;
  /** The digest through the Today port: `from: 'cache'` for its age, `from: 'server'` to fetch and store. */
  digest: (from: 'cache' | 'server') => Promise<Result<DigestAnswer>>;
  notifications: NotificationsArea;
  iconUrl: string;
  now: () => number;
  /** Skip the fetch when the stored copy is younger than this (a worker wakes often; the digest changes daily). */
  minAgeMs?: number;
}

/**
 * One poll: fetch the rep's digest (stored for the panel) and raise its new alerts. Only a
 * server's answer raises: an old copy's alerts were handled when it was fetched.
 *
 * @example await pollDigest({ owner, digest: (from) => today.digest({ from }, …), notifications, iconUrl, now: Date.now });
 */
export async function pollDigest({ owner, digest, notifications, iconUrl, now, minAgeMs = 0 }: PollDeps): Promise<number> {
  const who = await owner();
  if (!who) return 0;
  if (minAgeMs > 0) {
    const cached = await digest('cache');
    const asOf = cached.ok && cached.value.dated ? Date.parse(cached.value.dated.asOf) : Number.NaN;
    if (now() - asOf < minAgeMs) return 0;
  }
  const answer = await digest('server');
  if (!answer.ok || answer.value.dated?.source !== 'server') return 0;
  return raiseDigestAlerts({ digest: answer.value.dated.digest, owner: who, notifications, iconUrl, now: now() });
}
