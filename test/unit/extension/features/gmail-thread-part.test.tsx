// @vitest-environment jsdom
/**
 * Gmail's per-message logging (features/gmail-thread-part.tsx) on the hand-made Novare thread,
 * with a fake background: "Already logged by" from the ledger's look-up, "Log thread" logging only
 * what is not logged, the body only when ticked and allowed, and a person marked personal.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { GmailThreadPart } from '../../../../extension/features/gmail-thread-part.tsx';
import type { sendMessage } from '../../../../extension/core/messaging.ts';
import type { PanelState } from '../../../../extension/core/page/panel-runner.ts';
import { readThreadSubject } from '../../../../extension/sites/gmail/thread-subject.ts';
import { emailNaturalKey } from '../../../../extension/sites/gmail/email-key.ts';
import { fullBrief } from '../components/brief-fixture.ts';
import { buttonByText, click, mount, settle } from '../components/render.ts';
import { handmadeDir, loadPage } from '../sites/common/pages.ts';
import { waitFor } from '../../wait-for.ts';

const URL_ = new URL('https://mail.google.com/mail/u/0/#inbox/FMfcgzQXJWDsNovarePilotScopeQ1');
const SIDE = { ownAddresses: ['sofia.lindqvist@northwind-demo.test'], teamDomains: ['northwind-demo.test'], neverLog: [] };

function setup(options: { bodies?: boolean; loggedKeyOf?: number; rohanKnown?: boolean; collapsed?: number } = {}) {
  const doc = loadPage(handmadeDir('gmail'), '2026-12-05--thread--novare-three-messages--handmade.html');
  const subject = readThreadSubject(doc, URL_, SIDE)!;
  // A collapsed message as Gmail shows it: the sender and a snippet, no recipients.
  if (options.collapsed !== undefined) Object.assign(subject.thread.messages[options.collapsed]!, { state: 'collapsed', recipients: [], to: undefined, cc: undefined });
  const daniel = { ...fullBrief, contact: { ...fullBrief.contact!, id: 'c_daniel', name: 'Daniel Ortega Lind' } };
  const state = {
    view: { kind: 'brief', brief: daniel, asOf: '2026-12-05T00:00:00Z', offline: false },
    facts: {},
    corrections: {},
    people: [
      { ref: { kind: 'email', address: 'daniel.ortega.lind@novarepotential.se' }, brief: daniel, suggestions: [] },
      ...(options.rohanKnown ? [{ ref: { kind: 'email', address: 'rohan.whitfield@novarepotential.se' }, brief: { ...daniel, contact: { ...daniel.contact, id: 'c_rohan', name: 'Rohan Whitfield' } }, suggestions: [] }] : []),
    ],
    subject,
  } as unknown as PanelState;
  const logged: Record<string, unknown>[] = [];
  let ids = 0;
  const send = (async (type: string, data: Record<string, unknown>) => {
    if (type === 'lookupActivities') {
      const keys = data.naturalKeys as string[];
      const key = options.loggedKeyOf === undefined ? undefined : await emailNaturalKey(subject.thread.messages[options.loggedKeyOf]!, subject.thread.subject);
      return { ok: true, value: { logged: keys.filter((k) => k === key).map((k) => ({ naturalKey: k, activityId: 'a1', type: 'email', occurredAt: '2026-12-01T09:30:00.000Z', recordedAt: '2026-11-12T10:00:00.000Z', loggedBy: { id: 'u_ana', name: 'Ana Lind' } })) } };
    }
    if (type === 'logActivity') {
      logged.push(data);
      return { ok: true, value: { id: data.id, state: 'queued' } };
    }
    if (type === 'addPersonalNeverLog') return { ok: true, value: { neverLog: [data.entry], bodies: true, personal: [data.entry] } };
    return { ok: true, value: { items: [] } };
  }) as unknown as typeof sendMessage;
  const view = mount(<GmailThreadPart state={state} bodies={options.bodies ?? true} send={send} readBody={() => 'Hi Sofia, can we agree the pilot scope?'} uuid={() => `00000000-0000-4000-8000-00000000000${++ids}`} />);
  return { view, logged };
}

afterEach(() => document.body.replaceChildren());

describe('logging a Gmail thread', () => {
  it('says who logged a message the ledger holds, and Log thread logs only the others, with the thread\'s subject and the message\'s minute', async () => {
    const { view, logged } = setup({ loggedKeyOf: 0 });
    await waitFor(async () => {
      await settle();
      expect(view.container.textContent).toContain('Already logged by Ana Lind on 12 Nov');
    });
    click(buttonByText(view.container, 'Log thread'));
    await settle();
    expect(logged.map((a) => [a.type, a.subject, a.occurredAt, a.contactId, a.surface, 'body' in a])).toEqual([
      ['email', 'Pilot scope for Q1', '2026-12-02T14:05:00.000Z', 'c_daniel', 'gmail', false],
      ['email', 'Pilot scope for Q1', '2026-12-03T08:47:00.000Z', 'c_daniel', 'gmail', false],
    ]);
    expect(view.container.textContent).toContain('Saved');
  });

  it('logs each message with every other person on it the CRM knows as a participant', async () => {
    const { view, logged } = setup({ rohanKnown: true });
    await waitFor(async () => {
      await settle();
      expect(buttonByText(view.container, 'Log thread')!.disabled).toBe(false);
    });
    click(buttonByText(view.container, 'Log thread'));
    await settle();
    // Daniel to me and Rohan (written in capitals); me to Daniel and Rohan, Cc a teammate; Rohan to me and Daniel.
    expect(logged.map((a) => [a.contactId, a.participantContactIds])).toEqual([
      ['c_daniel', ['c_rohan']],
      ['c_daniel', ['c_rohan']],
      ['c_rohan', ['c_daniel']],
    ]);
  });

  it("takes a collapsed message's other people to be the thread's known people, its recipients not being on screen", async () => {
    const { view, logged } = setup({ rohanKnown: true, collapsed: 2 });
    await waitFor(async () => {
      await settle();
      expect(buttonByText(view.container, 'Log thread')!.disabled).toBe(false);
    });
    click(buttonByText(view.container, 'Log thread'));
    await settle();
    expect(logged.map((a) => [a.contactId, a.participantContactIds])[2]).toEqual(['c_rohan', ['c_daniel']]);
  });

  it('sends the body only when the rep ticks "Include body", and offers no tick when the admin turned bodies off', async () => {
    const allowed = setup();
    // The keys are hashed (crypto.subtle) before the part offers logging: wait for it, not for a number of turns.
    const logButton = () => allowed.view.container.querySelector('button[aria-label="Log email from Daniel Ortega Lind"]');
    await waitFor(async () => {
      await settle();
      expect(logButton()).not.toBeNull();
    });
    const tick = allowed.view.container.querySelector('input[type="checkbox"]') as HTMLInputElement;
    click(tick);
    click(logButton());
    await waitFor(async () => {
      await settle();
      expect(allowed.logged).toHaveLength(1);
    });
    expect(allowed.logged[0]?.body).toBe('Hi Sofia, can we agree the pilot scope?');
    allowed.view.unmount();
    const off = setup({ bodies: false });
    await settle();
    expect(off.view.container.querySelector('input[type="checkbox"]')).toBeNull();
    expect(off.view.container.textContent).not.toContain('Include body');
  });

  it('stops offering logging once the rep marks someone on the thread personal', async () => {
    const { view, logged } = setup();
    const neverLog = () => view.container.querySelector('button[aria-label="Never log rohan.whitfield@novarepotential.se"]');
    await waitFor(async () => {
      await settle();
      expect(neverLog()).not.toBeNull();
    });
    click(neverLog());
    await settle();
    expect(view.container.textContent).toContain('Marked personal: rohan.whitfield@novarepotential.se');
    expect(buttonByText(view.container, 'Log thread')).toBeUndefined();
    expect(logged).toEqual([]);
  });
});
