// @vitest-environment jsdom
/**
 * "My flags" in the side panel: each flag's entity and field, what the rep said, and the outcome in
 * words (Open, Accepted: value — note, Declined — note), in the background's order; hostile strings
 * stay text; the list is one tab stop; the panel asks `getMyFlags` on mount and again when it
 * becomes visible, keeping the last list when a read fails.
 */
import { act } from 'preact/test-utils';
import { afterEach, describe, expect, it } from 'vitest';
import { flagOutcome, MyFlagsList } from '../../../../../extension/components/sidepanel/MyFlagsList.tsx';
import { SidePanelApp } from '../../../../../extension/entrypoints/sidepanel/SidePanelApp.tsx';
import type { Send } from '../../../../../extension/entrypoints/sidepanel/use-opened-brief.ts';
import { fail, ok } from '../../../../../extension/core/protocol.ts';
import type { Flag } from '../../../../../shared/flag.ts';
import { mount, type Mounted, settle } from '../render.ts';

let mounted: Mounted | undefined;
afterEach(() => {
  mounted?.unmount();
  mounted = undefined;
});

const text = (el: Element | null | undefined) => (el?.textContent ?? '').replace(/\s+/g, ' ').trim();

const flag = (over: Partial<Flag> = {}): Flag => ({
  id: 'flg_1',
  entity: 'contact',
  entityId: 'ct_1',
  field: 'title',
  problem: 'Promoted in October',
  suggestedValue: 'VP Data',
  status: 'open',
  resolution: null,
  reportedBy: 'usr_rep',
  createdAt: '2026-12-01T09:00:00.000Z',
  resolvedAt: null,
  resolvedBy: null,
  ...over,
});

const accepted = flag({ id: 'flg_3', status: 'resolved', resolution: { action: 'accept', value: 'VP Data', note: 'Checked on the call' } });
const declined = flag({ id: 'flg_2', entity: 'account', field: 'employees', problem: 'Fewer now', suggestedValue: null, status: 'rejected', resolution: { action: 'reject', value: null, note: 'The register says 450' } });

describe('flagOutcome', () => {
  it('says Open, Accepted with the value and note, Declined with the note', () => {
    expect(flagOutcome(flag())).toBe('Open');
    expect(flagOutcome(accepted)).toBe('Accepted: VP Data — Checked on the call');
    expect(flagOutcome(declined)).toBe('Declined — The register says 450');
    expect(flagOutcome(flag({ status: 'resolved', resolution: { action: 'accept', value: null, note: null } }))).toBe('Accepted');
    expect(flagOutcome(flag({ status: 'rejected', resolution: { action: 'reject', value: null, note: null } }))).toBe('Declined');
  });
});

describe('MyFlagsList', () => {
  it('lists entity and field, what the rep said, and the outcome, in the given order', () => {
    mounted = mount(<MyFlagsList flags={[accepted, declined, flag()]} problem={null} />);
    const rows = [...mounted.container.querySelectorAll('li')].map(text);
    expect(rows).toEqual([
      'Contact · title“Promoted in October” (suggested: VP Data)Accepted: VP Data — Checked on the call',
      'Account · employees“Fewer now”Declined — The register says 450',
      'Contact · title“Promoted in October” (suggested: VP Data)Open',
    ]);
    expect(mounted.container.querySelector('ul')?.tabIndex).toBe(0);
  });

  it('renders hostile strings as text, and says when there is nothing or while loading', () => {
    mounted = mount(<MyFlagsList flags={[flag({ problem: '<img src=x onerror=alert(1)>', status: 'rejected', resolution: { action: 'reject', value: null, note: '<b>no</b>' } })]} problem={null} />);
    expect(mounted.container.querySelector('img, b')).toBeNull();
    expect(mounted.container.textContent).toContain('<img src=x onerror=alert(1)>');
    expect(mounted.container.textContent).toContain('Declined — <b>no</b>');
    mounted.rerender(<MyFlagsList flags={[]} problem={null} />);
    expect(mounted.container.textContent).toContain('You have not flagged anything.');
    mounted.rerender(<MyFlagsList flags={null} problem={null} />);
    expect(mounted.container.textContent).toContain('Loading your flags…');
  });
});

describe('the side panel’s My flags', () => {
  it('asks on mount and when the panel becomes visible, and keeps the last list when a read fails', async () => {
    const answers = [ok({ flags: [flag()] }), fail('offline', 'The server could not be reached.')];
    const sent: unknown[] = [];
    const send = (async (name: string, data: unknown) => {
      if (name === 'getMyFlags') {
        sent.push(data);
        return answers.shift() ?? ok({ flags: [accepted] });
      }
      if (name === 'getConnection') return fail('not_connected', 'x');
      if (name === 'getRecentBriefs' || name === 'getOutbox') return ok({ items: [] });
      if (name === 'getMeetings') return ok({ meetings: [] });
      return ok({ dated: null });
    }) as unknown as Send;
    mounted = mount(<SidePanelApp send={send} optionsUrl="options.html" refreshMs={60_000} flagsMs={60_000} />);
    await settle();
    const part = () => mounted!.container.querySelector('section[aria-label="My flags"]');
    expect(text(part()?.querySelector('li'))).toMatch(/Open$/);

    await act(async () => {
      document.dispatchEvent(new Event('visibilitychange'));
    });
    await settle();
    expect(text(part()?.querySelector('li'))).toMatch(/Open$/);
    expect(part()?.querySelector('[role="alert"]')).not.toBeNull();

    await act(async () => {
      document.dispatchEvent(new Event('visibilitychange'));
    });
    await settle();
    expect(text(part()?.querySelector('li'))).toMatch(/Accepted: VP Data — Checked on the call$/);
    expect(part()?.querySelector('[role="alert"]')).toBeNull();
    expect(sent).toEqual([{}, {}, {}]);
  });
});
