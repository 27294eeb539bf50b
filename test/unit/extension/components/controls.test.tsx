// @vitest-environment jsdom
/**
 * The panel's write controls: one-click LinkedIn touches with the outbox state, and wrong-data flags.
 */
import { afterEach, describe, expect, it, vi } from 'vitest';
import { FlagWrongData, flaggableFields } from '../../../../extension/components/FlagWrongData.tsx';
import { LogTouch } from '../../../../extension/components/LogTouch.tsx';
import { Panel } from '../../../../extension/components/Panel.tsx';
import { NOW, fullBrief } from './brief-fixture.ts';
import { buttonByText, click, mount, type, type Mounted } from './render.ts';

let mounted: Mounted | undefined;
afterEach(() => {
  mounted?.unmount();
  mounted = undefined;
});

describe('LogTouch', () => {
  it('logs each kind of LinkedIn touch with one click', () => {
    const onLog = vi.fn();
    mounted = mount(<LogTouch onLog={onLog} />);
    for (const label of ['Message', 'Connection request', 'InMail', 'Note']) click(buttonByText(mounted.container, label));
    expect(onLog.mock.calls.map((c) => c[0])).toEqual(['linkedin_message', 'linkedin_connection', 'linkedin_inmail', 'linkedin_note']);
  });

  it('shows Saved after the local commit, Synced after the server ack, and Needs attention on refusal', () => {
    mounted = mount(<LogTouch onLog={() => undefined} state={{ status: 'saved', type: 'linkedin_message' }} />);
    const status = () => mounted?.container.querySelector('[aria-live]')?.textContent;
    expect(status()).toBe('Message: Saved');
    mounted.rerender(<LogTouch onLog={() => undefined} state={{ status: 'synced', type: 'linkedin_message' }} />);
    expect(status()).toBe('Message: Synced');
    mounted.rerender(<LogTouch onLog={() => undefined} state={{ status: 'needs_attention', type: 'linkedin_inmail', detail: 'Contact was erased' }} />);
    expect(status()).toBe('InMail: Needs attention — Contact was erased');
  });
});

describe('FlagWrongData', () => {
  it('reports the chosen field, the problem and a suggested value', () => {
    const onFlag = vi.fn();
    const fields = flaggableFields(fullBrief);
    mounted = mount(<FlagWrongData fields={fields} onFlag={onFlag} />);
    click(buttonByText(mounted.container, 'Flag wrong data'));
    const select = mounted.container.querySelector('select') as HTMLSelectElement;
    type(select, String(fields.findIndex((f) => f.entity === 'account' && f.field === 'industry')));
    type(mounted.container.querySelector('textarea') as HTMLTextAreaElement, 'They sell software, not robots');
    type(mounted.container.querySelector('input') as HTMLInputElement, 'Software');
    click(buttonByText(mounted.container, 'Send flag'));
    expect(onFlag).toHaveBeenCalledWith({
      entity: 'account',
      entityId: 'a_acme',
      field: 'industry',
      problem: 'They sell software, not robots',
      suggestedValue: 'Software',
    });
    // The form closes after sending.
    expect(buttonByText(mounted.container, 'Flag wrong data')?.getAttribute('aria-expanded')).toBe('false');
  });

  it('does not send a flag without saying what is wrong', () => {
    const onFlag = vi.fn();
    mounted = mount(<FlagWrongData fields={flaggableFields(fullBrief)} onFlag={onFlag} />);
    click(buttonByText(mounted.container, 'Flag wrong data'));
    click(buttonByText(mounted.container, 'Send flag'));
    expect(onFlag).not.toHaveBeenCalled();
  });

  it('lists contact, account and deal fields with what the panel shows', () => {
    const labels = flaggableFields(fullBrief).map((f) => `${f.label}: ${f.current}`);
    expect(labels).toContain('Title: VP Revenue Operations');
    expect(labels).toContain('Past employers: Globex, Initech');
    expect(labels).toContain('Funding: (empty)');
    expect(labels).toContain('Deal amount: Acme — EMEA expansion: 48000');
  });
});

describe('Panel controls', () => {
  it('shows log and flag controls only when the feature wires their callbacks', () => {
    mounted = mount(<Panel brief={fullBrief} now={NOW} />);
    expect(mounted.container.querySelector('[data-control]')).toBeNull();
    mounted.rerender(<Panel brief={fullBrief} now={NOW} onLog={() => undefined} onFlag={() => undefined} touchState={{ status: 'saved', type: 'linkedin_note' }} />);
    expect(mounted.container.querySelector('[data-control="log-touch"]')?.textContent).toContain('Note: Saved');
    expect(mounted.container.querySelector('[data-control="flag-wrong-data"]')).not.toBeNull();
  });
});
