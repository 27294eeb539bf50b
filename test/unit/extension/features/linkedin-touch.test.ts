/**
 * Clicking "Message" twice in one minute is one activity: both clicks make the same natural key
 * and the same payload, which the real ledger answers as a duplicate of the first (not a conflict,
 * which would leave the second click "needing attention"). A click in the next minute is another.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { touchKey, touchTime } from '../../../../extension/features/linkedin-touch.ts';
import { makeHarness, type Harness } from '../../server/harness.ts';

describe('LinkedIn touch identity', () => {
  let h: Harness;
  let contactId: string;
  beforeAll(async () => {
    h = await makeHarness();
    contactId = 'ct_touch';
    const stamp = h.clock.now.toISOString();
    await h.db.kysely
      .insertInto('contacts')
      .values({ id: contactId, team_id: h.teamA, name: 'Jane Doe', name_key: 'jane doe', past_employers: '[]', field_sources: '{}', linkedin_slug: 'jane-doe', created_at: stamp, updated_at: stamp })
      .execute();
  });
  afterAll(async () => {
    await h?.close();
  });

  it('keys and times a touch to the minute', () => {
    expect(touchKey('jane-doe', 'linkedin_message', new Date('2026-11-23T19:42:31Z'))).toBe('linkedin:jane-doe:linkedin_message:2026-11-23T19:42Z');
    expect(touchTime('jane-doe', 'linkedin_note', new Date('2026-11-23T19:42:31.250Z'))).toEqual({
      naturalKey: 'linkedin:jane-doe:linkedin_note:2026-11-23T19:42Z',
      occurredAt: '2026-11-23T19:42:00.000Z',
    });
  });

  it('makes two clicks in one minute one activity on the server, and the next minute another', async () => {
    const click = (at: string) => ({
      id: crypto.randomUUID(),
      ...touchTime('jane-doe', 'linkedin_message', new Date(at)),
      type: 'linkedin_message',
      contactId,
      surface: 'linkedin',
    });
    const post = async (activity: ReturnType<typeof click>) => {
      const res = await h.request('POST', '/v1/activities', { token: h.rep.token, json: { activities: [activity] } });
      expect(res.status).toBe(200);
      return ((await res.json()) as { results: { status: string }[] }).results[0]!.status;
    };
    expect(await post(click('2026-11-23T08:42:05Z'))).toBe('created');
    expect(await post(click('2026-11-23T08:42:48Z'))).toBe('duplicate');
    expect(await post(click('2026-11-23T08:43:01Z'))).toBe('created');
  });
});
