// @vitest-environment jsdom
/**
 * The side panel app against a scripted background (the message contract's answers, no browser):
 * a brief opens from the cache at once with its "as of" and then the server's; with the server
 * down the cached brief stays, marked offline; a slow answer for an earlier pick never paints over
 * a later one; Retry shows the re-queued item at once; search problems are told in words.
 */
import { act } from 'preact/test-utils';
import { afterEach, describe, expect, it } from 'vitest';
import type { BriefRef } from '../../../../../shared/brief.ts';
import { SidePanelApp } from '../../../../../extension/entrypoints/sidepanel/SidePanelApp.tsx';
import type { Send } from '../../../../../extension/entrypoints/sidepanel/use-opened-brief.ts';
import { fail, ok, type DatedBrief, type OutboxItemView, type Result } from '../../../../../extension/core/protocol.ts';
import { fullBrief } from '../brief-fixture.ts';
import { buttonByText, click, mount, type, type Mounted, settle } from '../render.ts';

let mounted: Mounted | undefined;
afterEach(() => {
  mounted?.unmount();
  mounted = undefined;
});

const text = (el: Element | null | undefined) => (el?.textContent ?? '').replace(/\s+/g, ' ').trim();
const heading = () => text(mounted?.container.querySelector('[data-panel="brief"] h2'));
const asOf = () => text(mounted?.container.querySelector('[data-cache]'));

/** A promise and its resolver, so a test decides when the background answers. */
function deferred<T>() {
  let resolve!: (value: T) => void;
  const promise = new Promise<T>((r) => (resolve = r));
  return { promise, resolve };
}

/** Lets pending answers land and React render them. */

const CACHED_AT = '2026-04-14T09:00:00.000Z';
const jane = (warning: string): DatedBrief['brief'] => ({ ...fullBrief, warnings: [warning] });

interface Script {
  cache?: (ref: BriefRef) => Promise<Result<{ briefs: (DatedBrief | null)[] }>>;
  server?: (ref: BriefRef) => Promise<Result<{ briefs: (DatedBrief | null)[] }>>;
  outbox?: () => Promise<Result<{ items: OutboxItemView[] }>>;
  retry?: (id: string) => Promise<Result<OutboxItemView>>;
  search?: () => Promise<Result<{ accounts: never[]; contacts: { id: string; name: string; title: string | null; accountId: string | null; accountName: string | null }[] }>>;
}

/** The background as the app sees it: `send(name, data)` answering from the script. */
function background(script: Script): Send {
  const send = async (name: string, data: unknown): Promise<unknown> => {
    switch (name) {
      case 'getConnection':
        return ok({ serverUrl: '', serverUrlPinned: false, serverUrlHidden: false, hasToken: false, user: null, team: null, serverVersion: null, connectedAt: null });
      case 'getRecentBriefs':
        return ok({ items: [] });
      case 'getOutbox':
        return script.outbox ? script.outbox() : ok({ items: [] });
      case 'retryOutboxItem':
        return script.retry!((data as { id: string }).id);
      case 'searchDirectory':
        return script.search ? script.search() : fail('not_connected', 'The extension is not connected to a server.');
      case 'getBriefs': {
        const { refs, from } = data as { refs: BriefRef[]; from: 'cache' | 'server' };
        const answer = from === 'cache' ? script.cache : script.server;
        return answer ? answer(refs[0]!) : ok({ briefs: [null] });
      }
    }
    throw new Error(`unscripted message ${name}`);
  };
  return send as unknown as Send;
}

async function openFirstContact(script: Script) {
  mounted = mount(<SidePanelApp send={background({ search: async () => ok({ accounts: [], contacts: [{ id: 'c_jane', name: 'Jane Doe', title: null, accountId: null, accountName: null }] }), ...script })} optionsUrl="options.html" refreshMs={60_000} />);
  await settle();
  type(mounted.container.querySelector('input[type="search"]')!, 'Jane');
  await act(async () => {
    mounted!.container.querySelector('form')!.requestSubmit();
  });
  await settle();
  click(buttonByText(mounted.container, 'Jane Doe') ?? mounted.container.querySelector('[aria-label="Contacts"] button'));
}

describe('SidePanelApp', () => {
  it('paints the cached brief with its "as of" at once, then the server\'s', async () => {
    const server = deferred<Result<{ briefs: (DatedBrief | null)[] }>>();
    await openFirstContact({
      cache: async () => ok({ briefs: [{ brief: jane('cached'), asOf: CACHED_AT, source: 'cache' }] }),
      server: () => server.promise,
    });
    await settle();
    expect(heading()).toBe('Jane Doe');
    expect(text(mounted!.container)).toContain('⚠ cached');
    expect(asOf()).toMatch(/^as of .*2026/);

    server.resolve(ok({ briefs: [{ brief: jane('fresh'), asOf: new Date().toISOString(), source: 'server' }] }));
    await settle();
    expect(text(mounted!.container)).toContain('⚠ fresh');
    expect(asOf()).toMatch(/just now/);
  });

  it('keeps the cached brief, marked offline, when the server is down', async () => {
    await openFirstContact({
      cache: async () => ok({ briefs: [{ brief: jane('cached'), asOf: CACHED_AT, source: 'cache' }] }),
      server: async () => fail('offline', 'The server could not be reached.'),
    });
    await settle();
    expect(heading()).toBe('Jane Doe');
    expect(asOf()).toMatch(/^Offline · as of /);
  });

  it('says why when nothing is cached and the server cannot be asked', async () => {
    await openFirstContact({ cache: async () => ok({ briefs: [null] }), server: async () => fail('offline', 'The server could not be reached.') });
    await settle();
    expect(text(mounted!.container.querySelector('[data-opened]'))).toContain('The server is unreachable and nothing is cached for this record.');
  });

  it('never paints a slow answer for an earlier pick over the one the rep went back from', async () => {
    const server = deferred<Result<{ briefs: (DatedBrief | null)[] }>>();
    await openFirstContact({ cache: async () => ok({ briefs: [null] }), server: () => server.promise });
    await settle();
    expect(text(mounted!.container.querySelector('[data-opened]'))).toContain('Loading Jane Doe…');
    click(buttonByText(mounted!.container, '← Back'));
    server.resolve(ok({ briefs: [{ brief: jane('late'), asOf: new Date().toISOString(), source: 'server' }] }));
    await settle();
    expect(mounted!.container.querySelector('[data-opened]')).toBeNull();
    expect(text(mounted!.container)).not.toContain('late');
  });

  it('shows a retried item as re-queued ("Saved") as soon as the background answers', async () => {
    const refused: OutboxItemView = {
      id: '00000000-0000-4000-8000-000000000001',
      type: 'linkedin_note',
      about: 'Dana Reyes',
      subject: null,
      occurredAt: new Date().toISOString(),
      state: 'needs_attention',
      attempts: 0,
      lastError: 'Refused.',
      nextAttemptAt: null,
    };
    mounted = mount(
      <SidePanelApp
        send={background({ outbox: async () => ok({ items: [refused] }), retry: async () => ok({ ...refused, state: 'queued', lastError: null, nextAttemptAt: new Date().toISOString() }) })}
        optionsUrl="options.html"
        refreshMs={60_000}
      />,
    );
    await settle();
    expect(text(mounted.container.querySelector('[data-outbox-item]'))).toContain('Needs attentionRefused.');
    click(buttonByText(mounted.container, 'Retry'));
    await settle();
    expect(mounted.container.querySelector('[data-outbox-item]')?.getAttribute('data-outbox-item')).toBe('queued');
    expect(text(mounted.container.querySelector('[data-outbox-item]'))).toContain('Saved');
  });

  it('tells the rep to connect when a search cannot run, and links the settings', async () => {
    mounted = mount(<SidePanelApp send={background({})} optionsUrl="options.html" refreshMs={60_000} />);
    await settle();
    type(mounted.container.querySelector('input[type="search"]')!, 'Jane');
    await act(async () => {
      mounted!.container.querySelector('form')!.requestSubmit();
    });
    await settle();
    expect(text(mounted.container.querySelector('[role="alert"]'))).toBe('Connect to a server in the settings to search.');
    expect(text(mounted.container.querySelector('header [role="status"]'))).toBe('Not connected · Open settings');
    expect(mounted.container.querySelector('header a')?.getAttribute('href')).toBe('options.html');
  });
});
