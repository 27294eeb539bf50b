// @vitest-environment jsdom
/**
 * The side panel's "Pages Signalhouse could not read": each kept drift report as one line (site,
 * page kind, selector, how often, day, version, whether the server has it); the section is absent
 * while there is nothing to say.
 */
import { act } from 'preact/test-utils';
import { afterEach, describe, expect, it } from 'vitest';
import { DriftList } from '../../../../../extension/components/sidepanel/DriftList.tsx';
import { SidePanelApp } from '../../../../../extension/entrypoints/sidepanel/SidePanelApp.tsx';
import type { Send } from '../../../../../extension/entrypoints/sidepanel/use-opened-brief.ts';
import { fail, ok, type DriftReportView } from '../../../../../extension/core/protocol.ts';
import { mount, type Mounted } from '../render.ts';

let mounted: Mounted | undefined;
afterEach(() => {
  mounted?.unmount();
  mounted = undefined;
});

const text = (el: Element | null | undefined) => (el?.textContent ?? '').replace(/\s+/g, ' ').trim();
const report = (patch: Partial<DriftReportView> = {}): DriftReportView => ({
  site: 'linkedin',
  pageKind: 'profile',
  selector: 'linkedin.profile.name',
  extensionVersion: '0.1.0',
  day: '2026-12-04',
  count: 1,
  sent: false,
  ...patch,
});

describe('DriftList', () => {
  it('says each report in words: where, which selector, how often, when, and whether the server has it', () => {
    mounted = mount(<DriftList reports={[report({ count: 3, sent: true }), report({ selector: 'linkedin.profile.headline' })]} />);
    const lines = [...mounted.container.querySelectorAll('li')].map(text);
    expect(lines).toEqual([
      'linkedin profile · linkedin.profile.name not found 3 times on 2026-12-04 · v0.1.0 · sent to your server',
      'linkedin profile · linkedin.profile.headline not found once on 2026-12-04 · v0.1.0 · not sent yet',
    ]);
  });

  it('shows the section in the side panel only when there are reports', async () => {
    let reports: DriftReportView[] = [];
    const send = (async (type: string) => (type === 'getDriftReports' ? ok({ reports }) : fail('unavailable', 'not in this test'))) as unknown as Send;
    mounted = mount(<SidePanelApp send={send} optionsUrl="options.html" refreshMs={60_000} />);
    await act(async () => new Promise((resolve) => setTimeout(resolve, 0)));
    expect(mounted.container.querySelector('[data-list="drift"]')).toBeNull();
    reports = [report()];
    mounted.unmount();
    mounted = mount(<SidePanelApp send={send} optionsUrl="options.html" refreshMs={60_000} />);
    await act(async () => new Promise((resolve) => setTimeout(resolve, 0)));
    expect(text(mounted.container.querySelector('[data-list="drift"]'))).toContain('linkedin.profile.name not found once');
  });
});
