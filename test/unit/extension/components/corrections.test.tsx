// @vitest-environment jsdom
/**
 * The panel's corrections as components: search hits to pick from in "Wrong match?" and the
 * not-in-CRM state, and where an alias or a flag stands (sending, sent, failed) for every control.
 */
import { afterEach, describe, expect, it, vi } from 'vitest';
import { FlagWrongData, flaggableFields } from '../../../../extension/components/FlagWrongData.tsx';
import { JobChangeBanner } from '../../../../extension/components/JobChangeBanner.tsx';
import { NotInCrm } from '../../../../extension/components/NotInCrm.tsx';
import { Panel } from '../../../../extension/components/Panel.tsx';
import type { Candidate } from '../../../../extension/components/SuggestionList.tsx';
import { WrongMatch } from '../../../../extension/components/WrongMatch.tsx';
import { FLAG_FIELDS } from '../../../../shared/flag.ts';
import { NOW, fullBrief } from './brief-fixture.ts';
import { buttonByText, click, mount, press, type, type Mounted } from './render.ts';

let mounted: Mounted | undefined;
afterEach(() => {
  mounted?.unmount();
  mounted = undefined;
});

const aron: Candidate = { contactId: 'ct_aron', name: 'Aron Gustav', title: 'Co-Founder', accountName: 'Recruitjob.se', explanation: 'Found by search' };
const statusOf = (root: ParentNode) => root.querySelector('[data-send-status]');

describe('WrongMatch', () => {
  it('searches with the typed text and offers the hits; picking one hands the candidate back', () => {
    const onSearch = vi.fn();
    const onPick = vi.fn();
    mounted = mount(<WrongMatch suggestions={[]} onPick={onPick} onSearch={onSearch} pageName="Daniel Ortega Lind" />);
    press(buttonByText(mounted.container, 'Wrong match?'), 'Enter');
    const box = mounted.container.querySelector('input[type="search"]') as HTMLInputElement;
    expect(box.value).toBe('Daniel Ortega Lind');
    type(box, 'Aron');
    click(buttonByText(mounted.container, 'Search'));
    expect(onSearch).toHaveBeenCalledWith('Aron');

    mounted.rerender(<WrongMatch suggestions={[]} searchResults={[aron]} onPick={onPick} onSearch={onSearch} />);
    const hits = mounted.container.querySelector('[aria-label="Search results"]')!;
    // A search hit has no confidence to show: only why it is listed.
    expect(hits.textContent).toContain('Found by search');
    expect(hits.textContent).not.toContain('confidence');
    click(hits.querySelector('button[aria-label="This is them: Aron Gustav"]'));
    expect(onPick).toHaveBeenCalledWith(aron);
  });

  it('leaves the current match out of the hits, says when nothing was found, and shows a failed alias with why', () => {
    mounted = mount(<WrongMatch suggestions={[]} searchResults={[aron]} currentContactId="ct_aron" onPick={() => undefined} onSearch={() => undefined} />);
    press(buttonByText(mounted.container, 'Wrong match?'), 'Enter');
    expect(mounted.container.querySelector('[aria-label="Search results"]')).toBeNull();
    expect(mounted.container.textContent).toContain('No CRM contact found.');
    mounted.rerender(
      <WrongMatch suggestions={[]} onPick={() => undefined} status={{ status: 'failed', detail: 'The server could not be reached.' }} />,
    );
    expect(statusOf(mounted.container)?.textContent).toBe('Not sent: The server could not be reached.');
    expect(statusOf(mounted.container)?.getAttribute('aria-live')).toBe('polite');
  });
});

describe('NotInCrm', () => {
  it('offers search hits next to the suggestions and disables the one being saved', () => {
    const onPick = vi.fn();
    mounted = mount(<NotInCrm pageName="Jane" suggestions={[]} searchResults={[aron]} onPick={onPick} pickedContactId="ct_aron" status={{ status: 'sending' }} />);
    const button = mounted.container.querySelector('button[aria-label="This is them: Aron Gustav"]') as HTMLButtonElement;
    expect(button.disabled).toBe(true);
    expect(statusOf(mounted.container)?.textContent).toBe('Sending…');
  });
});

describe('flag status', () => {
  it('FlagWrongData shows sending (and cannot send twice), then sent', () => {
    const fields = flaggableFields(fullBrief);
    mounted = mount(<FlagWrongData fields={fields} onFlag={() => undefined} status={{ status: 'sending' }} />);
    click(buttonByText(mounted.container, 'Flag wrong data'));
    type(mounted.container.querySelector('textarea') as HTMLTextAreaElement, 'wrong');
    expect(buttonByText(mounted.container, 'Send flag')?.disabled).toBe(true);
    expect(statusOf(mounted.container)?.textContent).toBe('Sending…');
    mounted.rerender(<FlagWrongData fields={fields} onFlag={() => undefined} status={{ status: 'sent' }} />);
    expect(statusOf(mounted.container)?.textContent).toBe('Sent for review');
    expect(buttonByText(mounted.container, 'Send flag')?.disabled).toBe(false);
  });

  it('every field the panel offers is one the server takes for that entity', () => {
    for (const f of flaggableFields(fullBrief)) expect(FLAG_FIELDS[f.entity] as readonly string[]).toContain(f.field);
  });

  it('the job change banner’s flag shows where it stands and is not sent twice', () => {
    const onFlagChange = vi.fn();
    mounted = mount(<JobChangeBanner pageCompany="Beta" crmCompany="Acme" onFlagChange={onFlagChange} flagStatus={{ status: 'failed', detail: 'offline' }} />);
    const flag = () => buttonByText(mounted!.container, 'Flag for CRM update')!;
    expect(flag().disabled).toBe(false);
    expect(statusOf(mounted.container)?.textContent).toBe('Not sent: offline');
    click(flag());
    expect(onFlagChange).toHaveBeenCalledWith('Beta');
    mounted.rerender(<JobChangeBanner pageCompany="Beta" crmCompany="Acme" onFlagChange={onFlagChange} flagStatus={{ status: 'sent' }} />);
    expect(flag().disabled).toBe(true);
    expect(statusOf(mounted.container)?.textContent).toBe('Sent for review');
  });

  it('the Panel passes each status to its own control', () => {
    mounted = mount(
      <Panel
        brief={fullBrief}
        now={NOW}
        onFlag={() => undefined}
        flagStatus={{ status: 'sent' }}
        onPickSuggestion={() => undefined}
        aliasStatus={{ status: 'failed', detail: 'refused' }}
      />,
    );
    click(buttonByText(mounted.container, 'Wrong match?'));
    expect(mounted.container.querySelector('[data-control="flag-wrong-data"] [data-send-status]')?.textContent).toBe('Sent for review');
    expect(mounted.container.querySelector('[data-control="wrong-match"] [data-send-status]')?.textContent).toBe('Not sent: refused');
  });
});
