/**
 * The side panel's "This page" in the background: per tab, the subject its page last told,
 * forgotten when the tab closes, when the page says it shows none, when the tab goes to another
 * path or starts loading a page the extension cannot see; kept across a hash or query change and
 * across a service-worker restart (storage.session).
 */
import { describe, expect, it } from 'vitest';
import { createTabSubjects, type SessionStorage } from '../../../../extension/core/background/tab-subjects.ts';
import type { PageSubject } from '../../../../extension/core/protocol.ts';

function session(): SessionStorage {
  const data: Record<string, unknown> = {};
  return {
    get: async (keys) => Object.fromEntries(keys.filter((key) => key in data).map((key) => [key, structuredClone(data[key])])),
    set: async (items) => void Object.assign(data, structuredClone(items)),
  };
}

const JANE: PageSubject = {
  site: 'linkedin',
  url: 'https://www.linkedin.com/in/jane-doe/',
  urlRefs: [{ kind: 'linkedin', profileUrl: 'https://www.linkedin.com/in/jane-doe/' }],
  refs: [{ kind: 'linkedin', profileUrl: 'https://www.linkedin.com/in/jane-doe/', name: 'Jane Doe' }],
  label: 'Jane Doe',
};

describe('tab subjects', () => {
  it('keeps what a tab\'s page told, per tab, across a worker restart', async () => {
    const store = session();
    const subjects = createTabSubjects({ session: store });
    await subjects.record(7, JANE);
    expect(await subjects.get(7)).toEqual(JANE);
    expect(await subjects.get(8)).toBeNull();
    expect(await createTabSubjects({ session: store }).get(7)).toEqual(JANE);
  });

  it('keeps the subject across a hash or query change, forgets it on another path', async () => {
    const subjects = createTabSubjects({ session: session() });
    await subjects.record(7, JANE);
    await subjects.updated(7, { url: 'https://www.linkedin.com/in/jane-doe/#experience' });
    await subjects.updated(7, { url: 'https://www.linkedin.com/in/jane-doe?trk=x', status: 'loading' });
    expect(await subjects.get(7)).toEqual(JANE);
    await subjects.updated(7, { url: 'https://www.linkedin.com/feed/' });
    expect(await subjects.get(7)).toBeNull();
  });

  it('forgets it when the tab loads a page whose URL it cannot see, when it closes, and when the page says so', async () => {
    const subjects = createTabSubjects({ session: session() });
    await subjects.record(1, JANE);
    await subjects.record(2, JANE);
    await subjects.record(3, JANE);
    await subjects.updated(1, { status: 'complete' });
    expect(await subjects.get(1)).toEqual(JANE);
    await subjects.updated(1, { status: 'loading' });
    await subjects.closed(2);
    await subjects.record(3, null);
    expect([await subjects.get(1), await subjects.get(2), await subjects.get(3)]).toEqual([null, null, null]);
  });
});
