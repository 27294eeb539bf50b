// @vitest-environment jsdom
/**
 * The options page's "Meeting reminders": shows the rep's lead time (10 minutes when never set),
 * and a choice, Off included, is kept under the key the reminders read.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { MeetingReminderSection } from '../../../../../extension/entrypoints/options/MeetingReminderSection.tsx';
import { REMINDER_MINUTES_KEY } from '../../../../../extension/core/background/meeting-reminders.ts';
import { mount, type Mounted, settle } from '../render.ts';
import { act } from 'preact/test-utils';

let mounted: Mounted | undefined;
afterEach(() => {
  mounted?.unmount();
  mounted = undefined;
});

function memory(initial: Record<string, unknown> = {}) {
  const data = { ...initial };
  return { data, get: async (key: string) => (key in data ? { [key]: data[key] } : {}), set: async (items: Record<string, unknown>) => void Object.assign(data, items) };
}

describe('Meeting reminders in the options page', () => {
  it('shows 10 minutes when never set, and keeps Off when the rep chooses it', async () => {
    const storage = memory();
    mounted = mount(<MeetingReminderSection storage={storage} />);
    await settle();
    const select = mounted.container.querySelector('select')!;
    expect(select.value).toBe('10');
    await act(() => {
      select.value = '0';
      select.dispatchEvent(new Event('change', { bubbles: true }));
    });
    await settle();
    expect(storage.data[REMINDER_MINUTES_KEY]).toBe(0);
    expect(select.selectedOptions[0]!.textContent).toBe('Off');
  });

  it('shows the lead time the rep chose before', async () => {
    mounted = mount(<MeetingReminderSection storage={memory({ [REMINDER_MINUTES_KEY]: 30 })} />);
    await settle();
    expect(mounted.container.querySelector('select')!.value).toBe('30');
  });
});
