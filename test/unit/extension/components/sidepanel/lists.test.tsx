// @vitest-environment jsdom
/**
 * The side panel's presentational parts: the outbox grouped as the rep reads it (Needs attention
 * with the server's reason and Retry, Queued as "Saved", Sent as "Synced"), the recent list and
 * search results as buttons that open a brief, the connection header, and CRM strings as text.
 */
import { afterEach, describe, expect, it, vi } from 'vitest';
import { ConnectionHeader } from '../../../../../extension/components/sidepanel/ConnectionHeader.tsx';
import { DirectoryResults } from '../../../../../extension/components/sidepanel/DirectoryResults.tsx';
import { OutboxList } from '../../../../../extension/components/sidepanel/OutboxList.tsx';
import { RecentList } from '../../../../../extension/components/sidepanel/RecentList.tsx';
import type { ConnectionView, OutboxItemView, RecentBrief } from '../../../../../extension/core/protocol.ts';
import { HOSTILE_HTML, NOW } from '../brief-fixture.ts';
import { click, mount, type Mounted } from '../render.ts';

let mounted: Mounted | undefined;
afterEach(() => {
  mounted?.unmount();
  mounted = undefined;
  delete (window as { __pwned?: unknown }).__pwned;
});

const text = (el: Element | null | undefined) => (el?.textContent ?? '').replace(/\s+/g, ' ').trim();
const region = (name: string) => mounted?.container.querySelector(`section[aria-label="${name}"]`);

const item = (over: Partial<OutboxItemView>): OutboxItemView => ({
  id: '00000000-0000-4000-8000-000000000001',
  type: 'linkedin_message',
  about: null,
  subject: null,
  occurredAt: '2026-04-15T11:50:00Z',
  state: 'queued',
  attempts: 0,
  lastError: null,
  nextAttemptAt: '2026-04-15T12:00:00Z',
  ...over,
});

describe('OutboxList', () => {
  const items = [
    item({ id: 'a', state: 'needs_attention', type: 'linkedin_note', lastError: 'An activity with this natural key was already recorded with a different payload.', nextAttemptAt: null }),
    item({ id: 'b', state: 'queued' }),
    item({ id: 'c', state: 'queued', type: 'linkedin_inmail', attempts: 3, lastError: 'The server could not be reached.', nextAttemptAt: '2026-04-15T12:05:00Z' }),
    item({ id: 'd', state: 'synced', type: 'linkedin_connection', nextAttemptAt: null }),
  ];

  it('groups items as needs attention, queued (Saved) and sent (Synced), each with its state word', () => {
    mounted = mount(<OutboxList items={items} now={NOW} onRetry={() => undefined} />);
    const groups = [...mounted.container.querySelectorAll('section')].map((s) => s.getAttribute('aria-label'));
    expect(groups).toEqual(['Needs attention', 'Queued', 'Sent']);
    expect(text(region('Needs attention'))).toContain('LinkedIn note');
    expect(text(region('Needs attention'))).toContain('Needs attentionAn activity with this natural key was already recorded with a different payload.Retry');
    expect(text(region('Queued'))).toContain('LinkedIn message10 min agoSaved');
    expect(text(region('Queued'))).toContain('Saved · will try again in 5 min (3 failed)The server could not be reached.');
    expect(text(region('Sent'))).toContain('LinkedIn connection request10 min agoSynced');
    // Only a refused item has a Retry: a queued one retries by itself.
    expect(mounted.container.querySelectorAll('button')).toHaveLength(1);
  });

  it('says a held Gmail send waits for Gmail’s undo window, and until when', () => {
    const until = '2026-04-15T12:00:35Z';
    const local = new Date(until).toLocaleTimeString('en-GB', { hour: '2-digit', minute: '2-digit', second: '2-digit' });
    mounted = mount(<OutboxList items={[item({ type: 'email', about: 'Ana Lund', subject: 'Initech pilot', nextAttemptAt: until, heldUntil: until })]} now={NOW} onRetry={() => undefined} />);
    expect(text(region('Queued'))).toContain(`Email · Ana Lund · Initech pilot`);
    expect(text(region('Queued'))).toContain(`Waiting for Gmail’s undo window, until ${local}`);
    expect(text(region('Queued'))).not.toContain('Saved');
    expect(mounted.container.querySelector('[data-held]')).not.toBeNull();
  });

  it('names whom each touch was about, as text', () => {
    mounted = mount(<OutboxList items={[item({ id: 'a', about: 'Dana Reyes' }), item({ id: 'b', about: HOSTILE_HTML, state: 'synced' })]} now={NOW} onRetry={() => undefined} />);
    expect(text(region('Queued'))).toContain('LinkedIn message · Dana Reyes10 min agoSaved');
    expect(text(region('Sent'))).toContain(`LinkedIn message · ${HOSTILE_HTML}`);
    expect(mounted.container.querySelector('img, script')).toBeNull();
  });

  it('Retry names its item and hands its id back; a retry on its way is disabled', () => {
    const onRetry = vi.fn();
    mounted = mount(<OutboxList items={items} now={NOW} onRetry={onRetry} />);
    const retry = mounted.container.querySelector('button');
    expect(retry?.getAttribute('aria-label')).toBe('Retry LinkedIn note from 10 min ago');
    click(retry);
    expect(onRetry).toHaveBeenCalledWith('a');
    mounted.rerender(<OutboxList items={items} now={NOW} onRetry={onRetry} retrying={new Set(['a'])} />);
    expect(mounted.container.querySelector('button')?.disabled).toBe(true);
    expect(text(mounted.container.querySelector('button'))).toBe('Retrying…');
  });

  it('says so when nothing was logged', () => {
    mounted = mount(<OutboxList items={[]} now={NOW} onRetry={() => undefined} />);
    expect(text(mounted.container)).toBe('Nothing logged yet.');
  });

  it('renders a hostile subject and server reason as text', () => {
    mounted = mount(<OutboxList items={[item({ state: 'needs_attention', subject: HOSTILE_HTML, lastError: HOSTILE_HTML })]} now={NOW} onRetry={() => undefined} />);
    expect(mounted.container.querySelector('img')).toBeNull();
    expect(text(mounted.container)).toContain(HOSTILE_HTML);
    expect((window as { __pwned?: unknown }).__pwned).toBeUndefined();
  });
});

describe('RecentList', () => {
  const recent: RecentBrief[] = [
    { key: 'linkedin:jane-doe', ref: { kind: 'linkedin', profileUrl: 'https://www.linkedin.com/in/jane-doe/' }, title: 'Jane Doe', detail: 'VP Revenue Operations at Acme, Inc.', asOf: '2026-04-15T11:00:00Z', viewedAt: '2026-04-15T11:55:00Z' },
    { key: 'account:a_globex', ref: { accountId: 'a_globex' }, title: HOSTILE_HTML, detail: 'Account', asOf: '2026-04-14T11:00:00Z', viewedAt: '2026-04-14T12:00:00Z' },
  ];

  it('lists in the order given, with when each was viewed, and opens one by its ref', () => {
    const onOpen = vi.fn();
    mounted = mount(<RecentList items={recent} now={NOW} onOpen={onOpen} />);
    const rows = [...mounted.container.querySelectorAll('li')].map(text);
    expect(rows).toEqual(['Jane DoeVP Revenue Operations at Acme, Inc.5 min ago', `${HOSTILE_HTML}Account1 d ago`]);
    expect(mounted.container.querySelector('img')).toBeNull();
    click(mounted.container.querySelector('li button'));
    expect(onOpen).toHaveBeenCalledWith(recent[0]!.ref, 'Jane Doe');
  });

  it('says what will appear when empty', () => {
    mounted = mount(<RecentList items={[]} now={NOW} onOpen={() => undefined} />);
    expect(text(mounted.container)).toMatch(/appear here/);
  });
});

describe('DirectoryResults', () => {
  it('lists contacts then accounts; each opens its brief by record id', () => {
    const onOpen = vi.fn();
    const results = {
      contacts: [{ id: 'c_jane', name: 'Jane Doe', title: 'VP Revenue Operations', accountId: 'a_acme', accountName: 'Acme, Inc.' }],
      accounts: [{ id: 'a_acme', name: HOSTILE_HTML, domains: ['acme.example'], tier: 1 as const, stage: 'evaluating' as const }],
    };
    mounted = mount(<DirectoryResults results={results} onOpen={onOpen} />);
    expect(text(region('Contacts'))).toBe('Contacts (1)Jane DoeVP Revenue Operations at Acme, Inc.');
    expect(text(region('Accounts'))).toBe(`Accounts (1)${HOSTILE_HTML}acme.example · Tier 1 · Evaluating`);
    expect(mounted.container.querySelector('img')).toBeNull();
    const [contact, account] = [...mounted.container.querySelectorAll('button')];
    click(contact);
    click(account);
    expect(onOpen.mock.calls).toEqual([
      [{ contactId: 'c_jane' }, 'Jane Doe'],
      [{ accountId: 'a_acme' }, HOSTILE_HTML],
    ]);
  });

  it('says when nothing matches', () => {
    mounted = mount(<DirectoryResults results={{ contacts: [], accounts: [] }} onOpen={() => undefined} />);
    expect(text(mounted.container)).toBe('No accounts or contacts match.');
  });
});

describe('ConnectionHeader', () => {
  const view: ConnectionView = {
    serverUrl: 'https://signalhouse.example',
    serverUrlPinned: false,
    serverUrlHidden: false,
    hasToken: true,
    user: { id: 'u_1', name: 'Riley Rep', email: 'riley@example.com', role: 'rep' },
    team: { id: 't_1', name: 'Northwind Demo' },
    serverVersion: '0.1.0',
    connectedAt: '2026-04-15T09:00:00Z',
    state: 'connected',
    expiredAt: null,
  };

  it('names the user and team when connected', () => {
    mounted = mount(<ConnectionHeader connection={view} optionsUrl="chrome-extension://id/options.html" />);
    expect(text(mounted.container.querySelector('[role="status"]'))).toBe('Connected as Riley Rep at Northwind Demo');
    expect(mounted.container.querySelector('a')).toBeNull();
  });

  it('links to the settings when not connected', () => {
    mounted = mount(<ConnectionHeader connection={{ ...view, hasToken: false, user: null, team: null }} optionsUrl="chrome-extension://id/options.html" />);
    const link = mounted.container.querySelector('a');
    expect(text(link)).toBe('Open settings');
    expect(link?.getAttribute('href')).toBe('chrome-extension://id/options.html');
    expect(link?.getAttribute('rel')).toBe('noreferrer');
  });
});
