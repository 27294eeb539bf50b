// @vitest-environment jsdom
/**
 * The side panel's meetings (issue 13) against a scripted background: a reminder's click opens
 * THAT meeting's pre-call package in Today (the account, the guests with who knows them best, what
 * changed), whatever tab was in front, in a panel opened by the click or one already open (the
 * background's broadcast); Back returns to Today. Today lists the next meetings with outside
 * guests, soonest first, and a row opens its package.
 */
import { act } from 'preact/test-utils';
import { afterEach, describe, expect, it } from 'vitest';
import type { EventRef } from '../../../../../shared/refs.ts';
import { MEETING_REQUESTED } from '../../../../../extension/core/meeting-reminder-setting.ts';
import type { RuntimeMessages } from '../../../../../extension/core/connection-status.ts';
import { fail, ok } from '../../../../../extension/core/protocol.ts';
import { SidePanelApp } from '../../../../../extension/entrypoints/sidepanel/SidePanelApp.tsx';
import type { Send } from '../../../../../extension/entrypoints/sidepanel/use-opened-brief.ts';
import { fullBrief } from '../brief-fixture.ts';
import { buttonByText, click, mount, settle, type Mounted } from '../render.ts';

let mounted: Mounted | undefined;
afterEach(() => {
  mounted?.unmount();
  mounted = undefined;
});

const text = (el: Element | null | undefined) => (el?.textContent ?? '').replace(/\s+/g, ' ').trim();
const attendee = (address: string, name?: string) => ({ kind: 'email' as const, address, ...(name ? { name } : {}) });
const meeting = (eventId: string, title: string, start: string, guests: string[]): EventRef => ({
  kind: 'event',
  eventId,
  title,
  start,
  attendees: [attendee('sofia@northwind.example', 'Sofia'), ...guests.map((g) => attendee(g, g.split('@')[0]))],
  conference: { provider: 'meet', url: 'https://meet.google.com/abc-defg-hij', meetingId: 'abc-defg-hij' },
});
const PRICING = meeting('ev-pricing', 'Acme × Northwind: pricing review', new Date(Date.now() + 60 * 60_000).toISOString(), ['jane.doe@acme.example']);
const KEY = `gcal:ev-pricing:${PRICING.start.replace(/\.\d{3}Z$/, 'Z')}`;
const SINCE = {
  accountId: 'a_acme',
  lastMeeting: { at: '2026-03-25T10:00:00.000Z', by: 'Sofia', subject: null },
  since: '2026-03-25T10:00:00.000Z',
  changes: [{ kind: 'signal', at: '2026-04-14T00:00:00.000Z', reason: 'Raised a Series C' }],
  questions: ['What moved you to negotiating?'],
};

interface Script {
  request?: { key: string; ref: EventRef | null } | null;
  meetings?: EventRef[];
}

function background(sent: { name: string; data: unknown }[], script: Script): Send {
  const send = async (name: string, data: unknown): Promise<unknown> => {
    sent.push({ name, data });
    switch (name) {
      case 'getConnection':
        return ok({ user: { id: 'u1', name: 'Sofia', email: 'sofia@northwind.example', role: 'rep' }, state: 'connected' });
      case 'getRecentBriefs':
      case 'getOutbox':
        return ok({ items: [] });
      case 'getDigest':
      case 'getReviewQueue':
        return ok({ dated: null });
      case 'getMyFlags':
        return ok({ flags: [] });
      case 'getDriftReports':
        return ok({ reports: [] });
      case 'takeMeetingRequest': {
        const request = script.request ?? null;
        script.request = null;
        return ok({ request });
      }
      case 'getMeetings':
        return ok({ meetings: script.meetings ?? [] });
      case 'getBriefs':
        return ok({ briefs: [{ brief: { ...fullBrief, contact: null }, asOf: 'x', source: 'server' }, { brief: fullBrief, asOf: 'x', source: 'server' }] });
      case 'getSinceLastMeeting':
        return ok(SINCE);
      case 'getKnownBest':
        return ok({ contacts: [{ contactId: 'c_jane', teammate: { id: 'u2', name: 'Ana Lind', you: false }, touches: 2, recentTouches: 2, byType: [{ type: 'call', count: 2 }], last: { type: 'call', at: new Date(Date.now() - 3 * 86_400_000).toISOString() } }] });
    }
    return fail('unavailable', `unscripted ${name}`);
  };
  return send as unknown as Send;
}

function runtime() {
  const listeners = new Set<(message: unknown) => void>();
  const messages: RuntimeMessages = { onMessage: { addListener: (l) => void listeners.add(l), removeListener: (l) => void listeners.delete(l) } };
  return { messages, broadcast: (message: unknown) => act(async () => listeners.forEach((l) => l(message))) };
}

const selectedTab = () => text(mounted!.container.querySelector('[role="tab"][aria-selected="true"]'));
const opened = () => mounted!.container.querySelector('[data-opened-meeting]');

describe('the meeting a reminder named, in the side panel', () => {
  it("opens THAT meeting's package in Today: the account, the guest with who knows them best, what changed", async () => {
    const sent: { name: string; data: unknown }[] = [];
    mounted = mount(<SidePanelApp send={background(sent, { request: { key: KEY, ref: PRICING } })} optionsUrl="options.html" refreshMs={60_000} runtime={runtime().messages} />);
    await settle();
    await settle();
    expect(selectedTab()).toBe('Today');
    const pkg = opened()!.querySelector('[data-panel="meeting-package"]');
    expect(text(pkg)).toContain('Pre-call: Acme × Northwind: pricing review');
    expect(text(pkg!.querySelector('[data-field="account"]'))).toBe(fullBrief.account!.name);
    expect(text(pkg!.querySelector('[data-guest="jane.doe@acme.example"]'))).toContain('Jane Doe');
    expect(text(pkg!.querySelector('[data-field="known-best"]'))).toBe('Knows them best: Ana Lind · 2 calls · latest call 3 d ago');
    expect(text(pkg!.querySelector('[data-list="changes"]'))).toContain('Raised a Series C');
    // The stored copy: asked about by its guests, and not sent to the server again.
    expect(sent.filter((m) => m.name === 'seeMeeting')).toEqual([]);
    expect(sent.find((m) => m.name === 'getSinceLastMeeting' && !(m.data as { from?: string }).from)!.data).toEqual({ accountId: 'a_acme', before: PRICING.start });

    click(buttonByText(mounted.container, '← Back to Today'));
    await settle();
    expect(opened()).toBeNull();
    expect(mounted.container.querySelector('section[aria-label="Today"]')).not.toBeNull();
  });

  it('follows a click while the panel is already open, from another tab', async () => {
    const script: Script = { request: null };
    const events = runtime();
    mounted = mount(<SidePanelApp send={background([], script)} optionsUrl="options.html" refreshMs={60_000} runtime={events.messages} />);
    await settle();
    click(mounted.container.querySelector('[role="tab"]#sidepanel-tab-outbox'));
    expect(selectedTab()).toBe('Outbox');
    expect(opened()).toBeNull();
    script.request = { key: KEY, ref: PRICING };
    await events.broadcast({ type: MEETING_REQUESTED });
    await settle();
    expect(selectedTab()).toBe('Today');
    expect(text(opened()!.querySelector('[data-field="account"]'))).toBe(fullBrief.account!.name);
  });

  it('says so when this browser no longer keeps the meeting', async () => {
    mounted = mount(<SidePanelApp send={background([], { request: { key: KEY, ref: null } })} optionsUrl="options.html" refreshMs={60_000} runtime={runtime().messages} />);
    await settle();
    expect(text(opened())).toContain('no longer among those this browser saw in Calendar');
  });
});

describe("today's next meetings in the side panel", () => {
  it('lists those with outside guests, internal ones left out, and a row opens its package', async () => {
    const internal = meeting('ev-internal', 'Pipeline review', PRICING.start, ['ana.lind@northwind.example']);
    const sent: { name: string; data: unknown }[] = [];
    mounted = mount(<SidePanelApp send={background(sent, { meetings: [PRICING, internal] })} optionsUrl="options.html" refreshMs={60_000} runtime={runtime().messages} />);
    await settle();
    const asked = sent.find((m) => m.name === 'getMeetings')!.data as { from: string; to: string };
    expect(Date.parse(asked.from)).toBeLessThan(Date.now());
    expect(Date.parse(asked.to)).toBeGreaterThan(Date.now());
    const rows = [...mounted.container.querySelectorAll('[data-list="next-meetings"] li')].map(text);
    expect(rows).toHaveLength(1);
    expect(rows[0]).toContain('Acme × Northwind: pricing review');
    expect(rows[0]).toContain('jane.doe');
    click(mounted.container.querySelector('[data-list="next-meetings"] button'));
    await settle();
    await settle();
    expect(text(opened()!.querySelector('[data-field="account"]'))).toBe(fullBrief.account!.name);
  });
});
