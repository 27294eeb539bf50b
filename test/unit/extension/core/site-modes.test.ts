/**
 * Each site's mode in the background: `on` unless the rep chose otherwise (kept in storage.local),
 * an administrator's pin wins and refuses the rep's change, the answer to a page never waits for
 * the slow first managed read (the last policy's copy answers meanwhile), and every change of the
 * mode in force is announced once (the background broadcasts it to the open pages).
 */
import { describe, expect, it } from 'vitest';
import { createSiteModes, type ModeStorage } from '../../../../extension/core/background/site-modes.ts';
import type { SiteMode } from '../../../../extension/core/site-modes.ts';

const SITES = [
  { id: 'linkedin', name: 'LinkedIn' },
  { id: 'gmail', name: 'Gmail' },
];

function memoryStorage(initial: Record<string, unknown> = {}): ModeStorage & { data: Record<string, unknown> } {
  const data: Record<string, unknown> = structuredClone(initial);
  return {
    data,
    get: async (keys) => Object.fromEntries(keys.filter((key) => key in data).map((key) => [key, structuredClone(data[key])])),
    set: async (items) => void Object.assign(data, structuredClone(items)),
  };
}

/** A policy whose read the test finishes when it wants (Chromium's first managed read takes seconds). */
function slowPolicy() {
  let finish: (pins: Record<string, SiteMode>) => void = () => undefined;
  let reads = 0;
  const policy = () => {
    reads++;
    return new Promise<Record<string, SiteMode>>((resolve) => (finish = resolve));
  };
  return { policy, finish: (pins: Record<string, SiteMode>) => finish(pins), reads: () => reads };
}

const flush = () => new Promise((resolve) => setTimeout(resolve, 0));

describe('site modes', () => {
  it('is on for every site until the rep chooses, and keeps the rep\'s choice in storage', async () => {
    const storage = memoryStorage();
    const changes: string[] = [];
    const modes = createSiteModes({ sites: SITES, storage, policy: async () => ({}), onChange: (site, mode) => changes.push(`${site}=${mode}`) });
    expect(await modes.modeOf('linkedin')).toBe('on');
    const answer = await modes.set('linkedin', 'side-panel-only');
    expect(answer).toEqual({
      ok: true,
      value: {
        sites: [
          { id: 'linkedin', name: 'LinkedIn', mode: 'side-panel-only', pinned: false },
          { id: 'gmail', name: 'Gmail', mode: 'on', pinned: false },
        ],
      },
    });
    expect(await modes.modeOf('linkedin')).toBe('side-panel-only');
    expect(changes).toEqual(['linkedin=side-panel-only']);
    // A new worker reads the choice back.
    const restarted = createSiteModes({ sites: SITES, storage, policy: async () => ({}) });
    expect(await restarted.modeOf('linkedin')).toBe('side-panel-only');
  });

  it('shows an admin\'s pin read-only and refuses the rep\'s change to it', async () => {
    const storage = memoryStorage({ siteModes: { linkedin: 'on' } });
    const modes = createSiteModes({ sites: SITES, storage, policy: async () => ({ linkedin: 'off' }) });
    const list = await modes.list();
    expect(list.ok && list.value.sites[0]).toEqual({ id: 'linkedin', name: 'LinkedIn', mode: 'off', pinned: true });
    expect(await modes.set('linkedin', 'on')).toMatchObject({ ok: false, error: { kind: 'forbidden', field: 'mode' } });
    expect(await modes.modeOf('linkedin')).toBe('off');
    expect(await modes.set('gmail', 'off')).toMatchObject({ ok: true });
  });

  it('answers a page at once from the last policy\'s copy while the managed read is slow, then follows the read', async () => {
    const storage = memoryStorage({ siteModePins: { linkedin: 'side-panel-only' } });
    const slow = slowPolicy();
    const changes: string[] = [];
    const modes = createSiteModes({ sites: SITES, storage, policy: slow.policy, onChange: (site, mode) => changes.push(`${site}=${mode}`) });
    expect(await modes.modeOf('linkedin')).toBe('side-panel-only');
    slow.finish({ linkedin: 'off' });
    await flush();
    expect(await modes.modeOf('linkedin')).toBe('off');
    expect(changes).toEqual(['linkedin=off']);
    // The copy follows the policy, for the next worker start.
    expect(storage.data.siteModePins).toEqual({ linkedin: 'off' });
  });

  it('follows a policy pushed while the browser runs, announcing only the sites whose mode changed', async () => {
    let pins: Record<string, SiteMode> = {};
    const changes: string[] = [];
    const modes = createSiteModes({ sites: SITES, storage: memoryStorage({ siteModes: { gmail: 'off' } }), policy: async () => pins, onChange: (site, mode) => changes.push(`${site}=${mode}`) });
    expect(await modes.modeOf('linkedin')).toBe('on');
    pins = { linkedin: 'side-panel-only', gmail: 'off' };
    modes.policyChanged();
    await flush();
    expect(changes).toEqual(['linkedin=side-panel-only']);
    pins = {};
    modes.policyChanged();
    await flush();
    // Unpinned, the rep's own choice is back in force.
    expect(changes).toEqual(['linkedin=side-panel-only', 'linkedin=on']);
    expect(await modes.modeOf('gmail')).toBe('off');
  });

  it('ignores sites this build does not ship and modes it does not know, in storage and from the rep', async () => {
    const modes = createSiteModes({
      sites: SITES,
      storage: memoryStorage({ siteModes: { linkedin: 'sometimes', zoom: 'off' } }),
      policy: async () => ({ zoom: 'off' }),
    });
    expect(await modes.modeOf('linkedin')).toBe('on');
    expect(await modes.modeOf('zoom')).toBe('on');
    expect(await modes.set('zoom', 'off')).toMatchObject({ ok: false, error: { kind: 'not_found', field: 'site' } });
  });
});
