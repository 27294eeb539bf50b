/**
 * The worker's join-page package requests (core/background/join-packages.ts): one per tab and
 * page load, shared by the prefetch and the page's asks; a failure is not kept; a later load never
 * takes an earlier load's; a closed tab's and (on Disconnect) everyone's are forgotten.
 */
import { describe, expect, it } from 'vitest';
import { createJoinPackages, PACKAGE_SHARED_MS, PREFETCH_DEDUPE_MS } from '../../../../extension/core/background/join-packages.ts';
import { fail, ok, type Result } from '../../../../extension/core/protocol.ts';
import type { MeetingPackageAnswer } from '../../../../shared/meetings.ts';

const ZOOM = { provider: 'zoom', id: '81234567890' } as const;

function fakeApi(answer: () => Result<MeetingPackageAnswer> = () => ok({ meeting: null, package: null })) {
  const asked: string[] = [];
  return { asked, meetingPackage: async ({ provider, id }: { provider: string; id: string }) => (asked.push(`${provider} ${id}`), answer()) };
}

describe('join-page package requests in the worker', () => {
  it('shares one request per tab and conference within a page load, and asks again after it', async () => {
    let at = 1_000;
    const packages = createJoinPackages(() => at);
    const api = fakeApi();
    await packages.request(1, ZOOM, api);
    await packages.request(1, { provider: 'zoom', id: '81234567890' }, api);
    expect(api.asked).toHaveLength(1);
    await packages.request(2, ZOOM, api);
    expect(api.asked).toHaveLength(2);
    at += PACKAGE_SHARED_MS;
    await packages.request(1, ZOOM, api);
    expect(api.asked).toHaveLength(3);
  });

  it("shares the prefetch with the page load it was made for, never with a later one", async () => {
    let at = 1_000;
    const packages = createJoinPackages(() => at);
    const api = fakeApi();
    packages.prefetch(1, ZOOM, api);
    // The page began loading before the prefetch: it takes it, both of its asks.
    await packages.request(1, ZOOM, api, 990);
    await packages.request(1, ZOOM, api, 990);
    expect(api.asked).toHaveLength(1);
    // Reloaded 300 ms later: the tab's next load is prefetched anew, and that load takes the new one.
    at = 1_300;
    packages.prefetch(1, ZOOM, api);
    expect(api.asked).toHaveLength(2);
    await packages.request(1, ZOOM, api, 1_290);
    expect(api.asked).toHaveLength(2);
    // A reload that began after it, which the worker had not heard of yet: a request of its own, shared by its two asks.
    at = 1_500;
    await packages.request(1, ZOOM, api, 1_400);
    await packages.request(1, ZOOM, api, 1_400);
    expect(api.asked).toHaveLength(3);
    // Its prefetch, late: the page already asked for this load.
    packages.prefetch(1, ZOOM, api);
    expect(api.asked).toHaveLength(3);
    at += PREFETCH_DEDUPE_MS;
    packages.prefetch(1, ZOOM, api);
    expect(api.asked).toHaveLength(4);
  });

  it('does not keep a failure: the next ask tries the server again', async () => {
    const packages = createJoinPackages(() => 1_000);
    const api = fakeApi(() => fail('offline', 'The server could not be reached.'));
    expect((await packages.request(1, ZOOM, api)).ok).toBe(false);
    await packages.request(1, ZOOM, api);
    expect(api.asked).toHaveLength(2);
  });

  it('forgets a closed tab, and everything on clear (Disconnect)', async () => {
    const packages = createJoinPackages(() => 1_000);
    const api = fakeApi();
    await packages.request(1, ZOOM, api);
    await packages.request(2, ZOOM, api);
    packages.forgetTab(1);
    await packages.request(1, ZOOM, api);
    await packages.request(2, ZOOM, api);
    expect(api.asked).toHaveLength(3);
    packages.clear();
    await packages.request(2, ZOOM, api);
    expect(api.asked).toHaveLength(4);
  });

  it('never shares an ask from outside a tab (an extension page)', async () => {
    const packages = createJoinPackages(() => 1_000);
    const api = fakeApi();
    await packages.request(undefined, ZOOM, api);
    await packages.request(undefined, ZOOM, api);
    expect(api.asked).toHaveLength(2);
  });
});
