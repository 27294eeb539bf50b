// @vitest-environment jsdom
/**
 * Today in the side panel against a scripted background: the tasks come first, then the lines
 * grouped by priority class with reason and action; Done and Dismiss are labelled buttons that
 * send the state and change the line when the background answered; the server's lines are marked
 * seen once; a copy from the cache says it is offline; hostile strings stay text; the review
 * queue lists its items' sentences.
 */
import { act } from 'preact/test-utils';
import { afterEach, describe, expect, it } from 'vitest';
import { DigestView } from '../../../../../extension/components/sidepanel/DigestView.tsx';
import { ReviewQueueList } from '../../../../../extension/components/sidepanel/ReviewQueueList.tsx';
import { SidePanelApp } from '../../../../../extension/entrypoints/sidepanel/SidePanelApp.tsx';
import type { Send } from '../../../../../extension/entrypoints/sidepanel/use-opened-brief.ts';
import { fail, ok, type DatedDigest } from '../../../../../extension/core/protocol.ts';
import type { ReviewQueue } from '../../../../../shared/review.ts';
import { digest, line } from '../../core/digest-fixture.ts';
import { click, mount, type Mounted, settle } from '../render.ts';

let mounted: Mounted | undefined;
afterEach(() => {
  mounted?.unmount();
  mounted = undefined;
});

const NOW = new Date('2026-12-02T09:00:00.000Z');
const dated = (source: 'cache' | 'server' = 'server', d = digest()): DatedDigest => ({ digest: d, asOf: '2026-12-02T08:55:00.000Z', source });
const text = (el: Element | null | undefined) => (el?.textContent ?? '').replace(/\s+/g, ' ').trim();
const button = (name: string) => mounted!.container.querySelector<HTMLButtonElement>(`button[aria-label="${name}"]`);

describe('DigestView', () => {
  it('shows the tasks first, then the lines by priority class with reason and action', () => {
    mounted = mount(<DigestView dated={dated()} problem={null} now={NOW} onDecide={() => undefined} />);
    const sections = [...mounted.container.querySelectorAll('section')].map((s) => s.getAttribute('aria-label'));
    expect(sections).toEqual(['Today’s tasks', 'Buying now', 'Change at the account']);
    expect([...mounted.container.querySelectorAll('[data-task] span')].map(text)).toEqual(['Swedbank: Call the champion today (call, Erik Holm)', '3rd pricing-page visit in 7 days']);
    const hire = mounted.container.querySelector('section[aria-label="Change at the account"] li');
    expect(text(hire)).toContain('New CTO: Ada Berg');
    expect(text(hire)).toContain('→ Congratulate and introduce (linkedin, Ada Berg)');
    expect(mounted.container.querySelectorAll('[data-alert="true"]')).toHaveLength(2);
    expect(text(mounted.container.querySelector('[data-cache]'))).toMatch(/^as of .*\(5 min ago\)$/);
  });

  it('labels Done and Dismiss with the account and reason, and hands the choice up', () => {
    const decided: [string, string][] = [];
    mounted = mount(<DigestView dated={dated()} problem={null} now={NOW} onDecide={(key, state) => decided.push([key, state])} />);
    click(button('Done: Swedbank: 3rd pricing-page visit in 7 days'));
    click(button('Dismiss: Meridian Retail: New CTO: Ada Berg'));
    expect(decided).toEqual([['k1', 'acted'], ['k3', 'dismissed']]);
  });

  it('hides dismissed lines, marks done ones, and says when the copy is offline', () => {
    const d = digest({ lines: [line({ key: 'a', state: 'acted' }), line({ key: 'b', state: 'dismissed', reason: 'gone' })] });
    mounted = mount(<DigestView dated={dated('cache', d)} problem={null} now={NOW} onDecide={() => undefined} />);
    expect(mounted.container.textContent).not.toContain('gone');
    expect(text(mounted.container.querySelector('[data-digest-line="acted"]'))).toMatch(/Done$/);
    expect(mounted.container.querySelector('[data-digest-line="acted"] button')).toBeNull();
    expect(text(mounted.container.querySelector('[data-cache="cache"]'))).toContain('offline, showing the last copy');
  });

  it('renders hostile account names and reasons as text', () => {
    const d = digest({ lines: [line({ key: 'x', reason: '<img src=x onerror=alert(1)>', account: { id: 'a', name: '<b>Evil</b>', tier: null, stage: 'engaged', owner: null } })] });
    mounted = mount(<DigestView dated={dated('server', d)} problem={null} now={NOW} onDecide={() => undefined} />);
    expect(mounted.container.querySelector('img, b')).toBeNull();
    expect(mounted.container.textContent).toContain('<img src=x onerror=alert(1)>');
  });
});

describe('ReviewQueueList', () => {
  it('lists each item’s sentence and counts the rest', () => {
    const queue: ReviewQueue = {
      scope: 'mine',
      dormantDays: 14,
      items: [
        {
          kind: 'dormant_account',
          account: { id: 'a1', name: 'Orchard Retail', tier: 1, stage: 'engaged', owner: null },
          text: 'No activity on Orchard Retail in the past 14 days. Last touchpoint: 2026-10-23, note.',
          reason: 'quiet',
          lastTouch: null,
          intentStatus: 'none',
          suggestedAction: { text: 'Check in', channel: 'email', who: 'Champion' },
          at: null,
        },
      ],
      omitted: 4,
      generatedAt: '2026-12-02T08:00:00.000Z',
    };
    mounted = mount(<ReviewQueueList dated={{ queue, asOf: '2026-12-02T08:00:00.000Z', source: 'server' }} problem={null} now={NOW} />);
    expect([...mounted.container.querySelectorAll('[data-review-item]')].map(text)).toEqual(['No activity on Orchard Retail in the past 14 days. Last touchpoint: 2026-10-23, note.']);
    expect(mounted.container.textContent).toContain('4 more in the queue.');
  });
});

describe('Today in the app', () => {
  function background(sent: { name: string; data: unknown }[], setState = async () => ok({ key: 'k1', state: 'acted' as const, changedAt: NOW.toISOString() })): Send {
    const send = async (name: string, data: unknown): Promise<unknown> => {
      sent.push({ name, data });
      switch (name) {
        case 'getConnection':
          return fail('not_connected', 'x');
        case 'getRecentBriefs':
        case 'getOutbox':
          return ok({ items: [] });
        case 'getDigest':
          return ok({ dated: dated((data as { from: 'cache' | 'server' }).from) });
        case 'getReviewQueue':
          return ok({ dated: null });
        case 'setSignalState':
          return (data as { state: string }).state === 'seen' ? ok({ ...(data as object), changedAt: NOW.toISOString() }) : setState();
      }
      throw new Error(`unscripted message ${name}`);
    };
    return send as unknown as Send;
  }

  it('paints the stored copy, then the server’s, marking the server’s new lines seen once', async () => {
    const sent: { name: string; data: unknown }[] = [];
    mounted = mount(<SidePanelApp send={background(sent)} optionsUrl="options.html" refreshMs={60_000} />);
    await settle();
    expect(sent.filter((m) => m.name === 'getDigest').map((m) => m.data)).toEqual([{ from: 'cache' }, { from: 'server' }]);
    const seen = sent.filter((m) => m.name === 'setSignalState').map((m) => m.data);
    expect(seen).toEqual([{ key: 'k1', state: 'seen' }, { key: 'k2', state: 'seen' }, { key: 'k3', state: 'seen' }]);
    expect(mounted.container.querySelector('section[aria-label="Today"] [data-cache="server"]')).not.toBeNull();
    expect(mounted.container.querySelector('section[aria-label="Review queue"]')).not.toBeNull();
  });

  it('Done changes the line once the background answered, and a refusal is told', async () => {
    const sent: { name: string; data: unknown }[] = [];
    mounted = mount(<SidePanelApp send={background(sent)} optionsUrl="options.html" refreshMs={60_000} />);
    await settle();
    await act(async () => button('Done: Swedbank: 3rd pricing-page visit in 7 days')!.click());
    await settle();
    expect(sent.at(-1)).toEqual({ name: 'setSignalState', data: { key: 'k1', state: 'acted' } });
    expect(mounted.container.querySelector('[data-digest-line="acted"]')).not.toBeNull();
    mounted.unmount();

    mounted = mount(<SidePanelApp send={background([], async () => fail('offline', 'The server could not be reached.'))} optionsUrl="options.html" refreshMs={60_000} />);
    await settle();
    await act(async () => button('Dismiss: Swedbank: 3rd pricing-page visit in 7 days')!.click());
    await settle();
    expect(text(mounted.container.querySelector('section[aria-label="Today"] [role="alert"]'))).toBe('The server could not be reached.');
    expect(button('Dismiss: Swedbank: 3rd pricing-page visit in 7 days')).not.toBeNull();
  });
});
