// @vitest-environment jsdom
/**
 * The options page's "Sites" against a scripted background: one row per site the background lists,
 * its name in words and each mode explained; a choice shows at once and is sent; a site an admin
 * pinned is read-only with "Set by your administrator"; a refusal is told and the modes in force
 * come back; a change broadcast by the background is followed.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { SitesSection } from '../../../../../extension/entrypoints/options/SitesSection.tsx';
import type { RuntimeMessages } from '../../../../../extension/core/connection-status.ts';
import type { sendMessage } from '../../../../../extension/core/messaging.ts';
import { fail, ok, type SiteModeView } from '../../../../../extension/core/protocol.ts';
import { siteModeChanged } from '../../../../../extension/core/site-modes.ts';
import { click, mount, type Mounted, settle } from '../render.ts';

let mounted: Mounted | undefined;
afterEach(() => {
  mounted?.unmount();
  mounted = undefined;
});


function background(rows: SiteModeView[], options: { refuse?: boolean } = {}) {
  const sent: unknown[] = [];
  const send = (async (name: string, data?: { site: string; mode: SiteModeView['mode'] }) => {
    if (name === 'getSiteModes') return ok({ sites: rows.map((row) => ({ ...row })) });
    if (name === 'setSiteMode') {
      sent.push(data);
      if (options.refuse) return fail('forbidden', 'Your administrator set this site’s mode.');
      rows = rows.map((row) => (row.id === data!.site ? { ...row, mode: data!.mode } : row));
      return ok({ sites: rows.map((row) => ({ ...row })) });
    }
    throw new Error(`unscripted ${name}`);
  }) as unknown as typeof sendMessage;
  return { send, sent, setRows: (next: SiteModeView[]) => (rows = next) };
}

function fakeRuntime() {
  const listeners: Array<(message: unknown) => void> = [];
  const runtime: RuntimeMessages = { onMessage: { addListener: (cb) => void listeners.push(cb), removeListener: (cb) => void listeners.splice(listeners.indexOf(cb), 1) } };
  return { runtime, broadcast: (message: unknown) => listeners.forEach((cb) => cb(message)) };
}

const row = (site: string) => mounted!.container.querySelector(`fieldset[data-site="${site}"]`)!;
// By the input's value, not its attribute: Preact leaves a radio's default value ("on") unwritten.
const radio = (site: string, mode: string) => [...row(site).querySelectorAll<HTMLInputElement>('input')].find((input) => input.value === mode)!;
const checked = (site: string) => row(site).querySelector<HTMLInputElement>('input:checked')?.value;

describe('the options page\'s Sites', () => {
  it('lists each site by name with every mode explained, and sends the rep\'s choice', async () => {
    const { send, sent } = background([{ id: 'linkedin', name: 'LinkedIn', mode: 'on', pinned: false }]);
    mounted = mount(<SitesSection send={send} runtime={fakeRuntime().runtime} />);
    await settle();
    expect(row('linkedin').querySelector('legend')?.textContent).toBe('LinkedIn');
    expect(row('linkedin').textContent).toContain('Nothing is added to LinkedIn pages; the side panel shows the brief for the page you are on.');
    expect(row('linkedin').textContent).toContain('Signalhouse does nothing on LinkedIn pages.');
    expect(checked('linkedin')).toBe('on');
    click(radio('linkedin', 'side-panel-only'));
    expect(checked('linkedin')).toBe('side-panel-only');
    await settle();
    expect(sent).toEqual([{ site: 'linkedin', mode: 'side-panel-only' }]);
    expect(checked('linkedin')).toBe('side-panel-only');
  });

  it('shows a pinned site read-only, "Set by your administrator"', async () => {
    const { send } = background([{ id: 'linkedin', name: 'LinkedIn', mode: 'off', pinned: true }]);
    mounted = mount(<SitesSection send={send} runtime={fakeRuntime().runtime} />);
    await settle();
    expect(checked('linkedin')).toBe('off');
    expect([...row('linkedin').querySelectorAll('input')].every((input) => input.disabled)).toBe(true);
    expect(row('linkedin').textContent).toContain('Set by your administrator.');
  });

  it('tells a refusal and puts back the mode in force', async () => {
    const { send } = background([{ id: 'linkedin', name: 'LinkedIn', mode: 'on', pinned: false }], { refuse: true });
    mounted = mount(<SitesSection send={send} runtime={fakeRuntime().runtime} />);
    await settle();
    click(radio('linkedin', 'off'));
    await settle();
    expect(mounted.container.querySelector('[role="alert"]')?.textContent).toContain('administrator');
    expect(checked('linkedin')).toBe('on');
  });

  it('follows a change the background broadcasts (a policy pushed while the page is open)', async () => {
    const { send, setRows } = background([{ id: 'linkedin', name: 'LinkedIn', mode: 'on', pinned: false }]);
    const { runtime, broadcast } = fakeRuntime();
    mounted = mount(<SitesSection send={send} runtime={runtime} />);
    await settle();
    setRows([{ id: 'linkedin', name: 'LinkedIn', mode: 'side-panel-only', pinned: true }]);
    broadcast(siteModeChanged('linkedin', 'side-panel-only'));
    await settle();
    expect(checked('linkedin')).toBe('side-panel-only');
    expect(radio('linkedin', 'on').disabled).toBe(true);
  });
});
