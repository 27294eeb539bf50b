/**
 * A LinkedIn touch's identity for the activity ledger: the natural key (member, kind of touch,
 * minute) and its time, both to the minute, so clicking "Message" twice is one activity.
 */
import type { ActivityType } from '../../shared/activity.ts';

/**
 * The natural key that makes the same touch logged twice in one minute one activity.
 *
 * @example touchKey('jane-doe', 'linkedin_message', new Date('2026-11-23T19:42:31Z')) // 'linkedin:jane-doe:linkedin_message:2026-11-23T19:42Z'
 */
export function touchKey(slug: string, type: ActivityType, at: Date): string {
  return `linkedin:${slug}:${type}:${at.toISOString().slice(0, 16)}Z`;
}

/**
 * The natural key and the time of a touch, both to the minute: a second click in the same minute
 * is then the same payload under the same key, which the server answers as a duplicate of the
 * first (one activity), not as a conflict.
 *
 * @example touchTime('jane-doe', 'linkedin_note', new Date('2026-11-23T19:42:31Z'))
 * // { naturalKey: 'linkedin:jane-doe:linkedin_note:2026-11-23T19:42Z', occurredAt: '2026-11-23T19:42:00.000Z' }
 */
export function touchTime(slug: string, type: ActivityType, at: Date): { naturalKey: string; occurredAt: string } {
  const minute = new Date(Math.floor(at.getTime() / 60_000) * 60_000);
  return { naturalKey: touchKey(slug, type, minute), occurredAt: minute.toISOString() };
}

