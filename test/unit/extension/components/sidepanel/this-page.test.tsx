// @vitest-environment jsdom
/**
 * The side panel's "This page" against a scripted background and fake tabs (no browser): the
 * active tab's page's brief shows above Today (the cache's at once, then the server's); it follows
 * a switch to another tab, a tab whose page shows no one, and the background's note that a page's
 * subject changed; opened in a tab of its own, it shows the tab used last before it.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { SidePanelApp } from '../../../../../extension/entrypoints/sidepanel/SidePanelApp.tsx';
import type { ActiveTabs } from '../../../../../extension/entrypoints/sidepanel/use-this-page.ts';
import type { Send } from '../../../../../extension/entrypoints/sidepanel/use-opened-brief.ts';
import type { RuntimeMessages } from '../../../../../extension/core/connection-status.ts';
import { ok, type PageSubject } from '../../../../../extension/core/protocol.ts';
import { TAB_SUBJECT_CHANGED } from '../../../../../extension/core/site-modes.ts';
import { fullBrief } from '../brief-fixture.ts';
import { mount, type Mounted, settle } from '../render.ts';

let mounted: Mounted | undefined;
afterEach(() => {
  mounted?.unmount();
  mounted = undefined;
});


const subjectFor = (slug: string, label: string): PageSubject => ({
  site: 'linkedin',
  url: `https://www.linkedin.com/in/${slug}/`,
  urlRefs: [{ kind: 'linkedin', profileUrl: `https://www.linkedin.com/in/${slug}/` }],
  refs: [{ kind: 'linkedin', profileUrl: `https://www.linkedin.com/in/${slug}/`, name: label }],
  label,
});

/** The browser's tabs as the panel sees them: which is active, which was used last, and the switch event. */
function fakeTabs(active: number, own?: number) {
  const activated: Array<() => void> = [];
  const state = { active, lastAccessed: new Map<number, number>() };
  const tabs: ActiveTabs = {
    query: async (query) => ('active' in query ? [{ id: state.active }] : [...state.lastAccessed].map(([id, lastAccessed]) => ({ id, lastAccessed }))),
    getCurrent: async () => (own === undefined ? undefined : { id: own }),
    onActivated: { addListener: (cb) => void activated.push(cb), removeListener: (cb) => void activated.splice(activated.indexOf(cb), 1) },
  };
  return { tabs, state, switchTo: (id: number) => ((state.active = id), activated.forEach((cb) => cb())) };
}

function fakeRuntime() {
  const listeners: Array<(message: unknown) => void> = [];
  const runtime: RuntimeMessages = { onMessage: { addListener: (cb) => void listeners.push(cb), removeListener: (cb) => void listeners.splice(listeners.indexOf(cb), 1) } };
  return { runtime, note: (tabId: number) => listeners.forEach((cb) => cb({ type: TAB_SUBJECT_CHANGED, tabId })) };
}

/** The background: each tab's subject, and a brief for whoever is asked (named after the ref's name). */
function background(subjects: Map<number, PageSubject>, asked: string[] = []): Send {
  const send = async (name: string, data: unknown): Promise<unknown> => {
    if (name === 'getTabSubject') return ok({ subject: subjects.get((data as { tabId: number }).tabId) ?? null });
    if (name === 'getBriefs') {
      const { refs, from } = data as { refs: Array<{ profileUrl: string; name?: string }>; from: string };
      asked.push(`${from} ${refs[0]!.profileUrl}`);
      if (from === 'cache') return ok({ briefs: [null] });
      const person = [...subjects.values()].find((s) => s.url === refs[0]!.profileUrl)?.label ?? 'Nobody';
      return ok({ briefs: [{ brief: { ...fullBrief, contact: { ...fullBrief.contact!, name: person } }, asOf: '2026-04-14T09:00:00.000Z', source: 'server' }] });
    }
    if (name === 'getConnection') return ok({ serverUrl: '', serverUrlPinned: false, serverUrlHidden: false, hasToken: false, user: null, team: null, serverVersion: null, connectedAt: null });
    if (name === 'getRecentBriefs') return ok({ items: [] });
    if (name === 'getOutbox') return ok({ items: [] });
    throw new Error(`unscripted message ${name}`);
  };
  return send as unknown as Send;
}

const thisPage = () => mounted?.container.querySelector('section[aria-label="This page"]') ?? null;
const thisPageName = () => thisPage()?.querySelector('[data-panel="brief"] h2')?.textContent?.trim() ?? null;
/** The part the side panel shows: its selected tab's (issue 11: one tab at a time, "This page" once a page has a subject). */
const firstPart = () => mounted?.container.querySelector('[role="tabpanel"]:not([hidden]) > section')?.getAttribute('aria-label');

describe('"This page" in the side panel', () => {
  it('shows the brief of the active tab\'s page in its own tab, selected over Today, asking the cache first', async () => {
    const { tabs } = fakeTabs(7);
    const asked: string[] = [];
    mounted = mount(<SidePanelApp send={background(new Map([[7, subjectFor('jane-doe', 'Jane Doe')]]), asked)} optionsUrl="options.html" refreshMs={60_000} tabs={tabs} runtime={fakeRuntime().runtime} />);
    await settle();
    expect(thisPageName()).toBe('Jane Doe');
    expect(firstPart()).toBe('This page');
    expect(asked).toEqual(['cache https://www.linkedin.com/in/jane-doe/', 'server https://www.linkedin.com/in/jane-doe/']);
  });

  it('follows a switch to another tab, and goes when the tab\'s page shows no one', async () => {
    const { tabs, switchTo } = fakeTabs(7);
    const subjects = new Map([
      [7, subjectFor('jane-doe', 'Jane Doe')],
      [8, subjectFor('daniel-ortega-lind', 'Daniel Ortega Lind')],
    ]);
    mounted = mount(<SidePanelApp send={background(subjects)} optionsUrl="options.html" refreshMs={60_000} tabs={tabs} runtime={fakeRuntime().runtime} />);
    await settle();
    switchTo(8);
    await settle();
    expect(thisPageName()).toBe('Daniel Ortega Lind');
    switchTo(9);
    await settle();
    expect(thisPage()).toBeNull();
  });

  it('reads the page again when the background notes its subject changed (in-page navigation), asking nothing for the same one', async () => {
    const { tabs } = fakeTabs(7);
    const { runtime, note } = fakeRuntime();
    const subjects = new Map([[7, subjectFor('jane-doe', 'Jane Doe')]]);
    const asked: string[] = [];
    mounted = mount(<SidePanelApp send={background(subjects, asked)} optionsUrl="options.html" refreshMs={60_000} tabs={tabs} runtime={runtime} />);
    await settle();
    note(7);
    await settle();
    expect(asked).toHaveLength(2);
    subjects.set(7, subjectFor('daniel-ortega-lind', 'Daniel Ortega Lind'));
    note(7);
    await settle();
    expect(thisPageName()).toBe('Daniel Ortega Lind');
  });

  it('opened in a tab of its own, shows the tab used last before it', async () => {
    const { tabs, state } = fakeTabs(3, 3);
    state.lastAccessed.set(3, 300).set(7, 200).set(8, 100);
    mounted = mount(<SidePanelApp send={background(new Map([[7, subjectFor('jane-doe', 'Jane Doe')]]))} optionsUrl="options.html" refreshMs={60_000} tabs={tabs} runtime={fakeRuntime().runtime} />);
    await settle();
    expect(thisPageName()).toBe('Jane Doe');
  });
});
