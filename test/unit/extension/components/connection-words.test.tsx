// @vitest-environment jsdom
/**
 * What a rep reads for each state of the connection (issue 9, items 7 and 9), with the next
 * step: the panel's card and its "Open extension options" button, the options page's words, and
 * the side panel's header for a token that expired.
 */
import { afterEach, describe, expect, it, vi } from 'vitest';
import { ConnectionNotice } from '../../../../extension/components/ConnectionNotice.tsx';
import { connectionWords, serverHost, stateOfProblem } from '../../../../extension/components/connection-words.ts';
import { ConnectionHeader } from '../../../../extension/components/sidepanel/ConnectionHeader.tsx';
import type { ConnectionStatus, ConnectionView } from '../../../../extension/core/protocol.ts';
import { click, mount, type Mounted } from './render.ts';

let mounted: Mounted | undefined;
afterEach(() => {
  mounted?.unmount();
  mounted = undefined;
});

const status = (state: ConnectionStatus['state'], expiredAt: string | null = null): ConnectionStatus => ({ state, serverUrl: 'https://signals.acme.com', expiredAt });
const text = (el: Element | null | undefined) => (el?.textContent ?? '').replace(/\s+/g, ' ').trim();

describe('connectionWords', () => {
  it.each([
    ['connecting', 'Connecting to your Signalhouse server…', false],
    ['not_connected', 'Signalhouse is not connected: open the extension options to connect.', true],
    ['token_refused', 'The token was refused: open the extension options and paste a new token.', true],
    ['offline', "Can't reach the server at signals.acme.com, and nothing was saved for this profile yet.", false],
  ] as const)('%s in the panel: %s', (state, text, openOptions) => {
    expect(connectionWords(status(state))).toMatchObject({ text, openOptions });
  });

  it('names the day an expired token expired, and the next step', () => {
    expect(connectionWords(status('token_expired', '2026-11-20T12:00:00.000Z'))).toEqual({
      text: 'Your token expired on 20 November 2026: ask your admin for a new one, then reconnect in the extension options.',
      openOptions: true,
      tone: 'problem',
    });
    expect(connectionWords(status('token_expired')).text).toBe('Your token expired: ask your admin for a new one, then reconnect in the extension options.');
    expect(connectionWords(status('token_expired', '2026-11-20T12:00:00.000Z'), { place: 'options' }).text).toBe(
      'Your token expired on 20 November 2026: ask your admin for a new one, then paste it here and Connect.',
    );
  });

  it('says a saved copy is shown when the server is away', () => {
    expect(connectionWords(status('offline'), { saved: true }).text).toBe("Can't reach the server at signals.acme.com: showing what was saved.");
    expect(serverHost('http://127.0.0.1:8787')).toBe('127.0.0.1:8787');
  });

  it('tells connection problems from other failures', () => {
    expect(stateOfProblem({ kind: 'token_expired', message: 'x', expiredAt: '2026-11-20T12:00:00.000Z' })).toBe('token_expired');
    expect(stateOfProblem({ kind: 'unauthorized', message: 'x' })).toBe('token_refused');
    expect(stateOfProblem({ kind: 'not_connected', message: 'x' })).toBe('not_connected');
    expect(stateOfProblem({ kind: 'offline', message: 'x' })).toBe('offline');
    expect(stateOfProblem({ kind: 'rejected', message: 'x' })).toBeNull();
  });
});

describe('ConnectionNotice', () => {
  it('offers to open the extension options when the next step is there', () => {
    const open = vi.fn();
    mounted = mount(<ConnectionNotice words={connectionWords(status('token_refused'))} onOpenOptions={open} />);
    expect(text(mounted.container.querySelector('[role="status"]'))).toContain('The token was refused');
    click(mounted.container.querySelector('button'));
    expect(open).toHaveBeenCalledOnce();
  });

  it('has no button while connecting', () => {
    mounted = mount(<ConnectionNotice words={connectionWords(status('connecting'))} onOpenOptions={() => undefined} />);
    expect(mounted.container.querySelector('button')).toBeNull();
  });
});

describe('the side panel header', () => {
  const view: ConnectionView = {
    serverUrl: 'https://signals.acme.com',
    serverUrlPinned: false,
    serverUrlHidden: false,
    hasToken: true,
    user: { id: 'u_1', name: 'Riley Rep', email: 'riley@example.com', role: 'rep' },
    team: { id: 't_1', name: 'Northwind Demo' },
    serverVersion: '0.1.0',
    connectedAt: '2026-04-15T09:00:00Z',
    state: 'token_expired',
    expiredAt: '2026-11-20T12:00:00.000Z',
  };

  it('says the token expired, when, and links to the settings, though a user is saved', () => {
    mounted = mount(<ConnectionHeader connection={view} optionsUrl="chrome-extension://id/options.html" />);
    const line = mounted.container.querySelector('[role="status"]');
    expect(text(line)).toBe('Your token expired on 20 November 2026: ask your admin for a new one, then reconnect in the extension options. · Open settings');
    expect(line?.getAttribute('data-connection')).toBe('token_expired');
  });

  it('says the server cannot be reached', () => {
    mounted = mount(<ConnectionHeader connection={{ ...view, state: 'offline', expiredAt: null }} optionsUrl="chrome-extension://id/options.html" />);
    expect(text(mounted.container.querySelector('[role="status"]'))).toBe("Can't reach the server at signals.acme.com: showing what was saved.");
  });
});
