// @vitest-environment jsdom
/**
 * The Gmail compose card (features/gmail-compose-card.tsx) and its decisions
 * (features/gmail-compose-logic.ts): each external recipient with the team's last touch, the
 * collision warning naming who and how, talking points with their reasons and "Insert", a removed
 * recipient's card gone; whom a window asks about; and the sent email logged under the key the
 * thread's "Log email" makes for the same message.
 */
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { RecipientContext } from '../../../../shared/compose.ts';
import { ComposeCard, type ComposeRecipient } from '../../../../extension/features/gmail-compose-card.tsx';
import { externalRecipients, sentEmailActivity } from '../../../../extension/features/gmail-compose-logic.ts';
import type { ComposeWindow } from '../../../../extension/sites/gmail/compose.ts';
import { emailNaturalKey } from '../../../../extension/sites/gmail/email-key.ts';
import type { GmailMessage } from '../../../../extension/sites/gmail/extract-thread.ts';
import { buttonByText, click, mount } from '../components/render.ts';

const NOW = new Date('2026-12-05T12:00:00Z');
const SIDE = { ownAddresses: ['sofia.lindqvist@northwind-demo.test'], teamDomains: ['northwind-demo.test'], neverLog: ['family.example'] };

const ana: RecipientContext = {
  address: 'ana.lund@initech.example',
  contact: { id: 'ct_ana', name: 'Ana Lund', title: 'VP Data' },
  account: { id: 'acc_initech', name: 'Initech' },
  lastTouch: { type: 'meeting', at: '2026-11-14T15:00:00.000Z', by: { id: 'u_sofia', name: 'Sofia Lindqvist' } },
  collision: { type: 'email', at: '2026-12-04T09:30:00.000Z', by: { id: 'u_erik', name: 'Erik Berg' }, contactName: 'Ben Ortiz' },
  talkingPoints: [
    { kind: 'exec_hire', text: 'Congratulations on the new leadership hire at Initech.', reason: 'New VP Sales Dana Reyes hired 2 days ago' },
    { kind: 'pricing_visits', text: 'Happy to walk you through pricing <script>alert(1)</script>', reason: 'Visited pricing 3 times in the last 7 days' },
  ],
};
const newPerson: RecipientContext = { address: 'new.person@initech.example', contact: null, account: { id: 'acc_initech', name: 'Initech' }, lastTouch: null, collision: ana.collision, talkingPoints: ana.talkingPoints };

afterEach(() => document.body.replaceChildren());

const card = (recipients: ComposeRecipient[], onInsert = vi.fn()) => mount(<ComposeCard recipients={recipients} status="ready" now={NOW} onInsert={onInsert} />);

describe('the compose card', () => {
  it('shows a recipient’s contact, the team’s last touch and the collision naming who and how', () => {
    const { container } = card([{ person: { address: ana.address }, context: ana }]);
    const item = container.querySelector('[data-recipient="ana.lund@initech.example"]')!;
    expect(item.textContent).toContain('Ana Lund');
    expect(item.textContent).toContain('VP Data · Initech');
    expect(item.querySelector('[data-part="last-touch"]')!.textContent).toBe('Met by Sofia Lindqvist 3 weeks ago');
    expect(item.querySelector('[role="alert"]')!.textContent).toBe('Heads up: Erik Berg emailed Ben Ortiz at Initech yesterday.');
  });

  it('offers each talking point with its reason, and Insert hands the point over', () => {
    const onInsert = vi.fn();
    const { container } = card([{ person: { address: ana.address }, context: ana }], onInsert);
    expect(container.querySelector('[data-point="exec_hire"]')!.textContent).toContain('Why: New VP Sales Dana Reyes hired 2 days ago');
    click(container.querySelector('[data-point="exec_hire"] button'));
    expect(onInsert).toHaveBeenCalledWith(ana.talkingPoints[0]);
    // A server string is text, never markup.
    expect(container.querySelector('script')).toBeNull();
    expect(container.textContent).toContain('<script>alert(1)</script>');
  });

  it('drops a removed recipient’s card, and shows an account’s points once for two people there', () => {
    const both = [
      { person: { address: ana.address, name: 'Ana Lund' }, context: ana },
      { person: { address: newPerson.address }, context: newPerson },
    ];
    const view = card(both);
    expect(view.container.querySelectorAll('[data-recipient]')).toHaveLength(2);
    expect(view.container.querySelectorAll('[data-point="exec_hire"]')).toHaveLength(1);
    // A new address has no name: the card names it by its address, at the account its domain gives.
    expect(view.container.querySelector('[data-recipient="new.person@initech.example"]')!.textContent).toContain('Not a contact yet · Initech');
    view.rerender(<ComposeCard recipients={[both[1]!]} status="ready" now={NOW} onInsert={vi.fn()} />);
    expect(view.container.querySelector('[data-recipient="ana.lund@initech.example"]')).toBeNull();
    expect(view.container.querySelector('[data-point="exec_hire"]')).not.toBeNull();
    view.rerender(<ComposeCard recipients={[]} status="ready" now={NOW} onInsert={vi.fn()} />);
    expect(view.container.querySelector('[data-panel="compose"]')).toBeNull();
  });

  it('says so when the server could not be asked', () => {
    const { container } = mount(<ComposeCard recipients={[{ person: { address: 'x@initech.example' } }]} status="failed" now={NOW} onInsert={vi.fn()} />);
    expect(container.textContent).toContain('Could not reach the server');
    expect(buttonByText(container, 'Insert')).toBeUndefined();
  });
});

const compose = (over: Partial<ComposeWindow> = {}): ComposeWindow => ({
  kind: 'new',
  inline: false,
  ui: 'chips',
  to: [{ address: 'new.person@initech.example' }, { address: 'ana.lund@initech.example', name: 'Ana Lund' }],
  cc: [{ address: 'erik.berg@northwind-demo.test', name: 'Erik Berg' }],
  bcc: [],
  typed: [],
  recipientsCollapsed: false,
  subject: 'Initech pilot',
  draftId: 'msg-a:r-8800770066005500440',
  ...over,
});

describe('a compose window whose recipients cannot be read', () => {
  it('shows the limited card saying it was reported, with no CRM data', () => {
    const { container } = mount(<ComposeCard recipients={[]} status="ready" now={NOW} onInsert={vi.fn()} drift />);
    expect(container.querySelector('[data-panel="compose-limited"]')!.textContent).toContain('Could not read this window’s recipients'.replace('’', "'"));
  });
});

describe('whom a compose window asks about', () => {
  it('leaves out the rep, the team and the never-log list', () => {
    const window_ = compose({ cc: [{ address: 'erik.berg@northwind-demo.test' }, { address: 'sofia.lindqvist@northwind-demo.test' }], bcc: [{ address: 'mum@family.example' }] });
    expect(externalRecipients(window_, SIDE).map((p) => p.address)).toEqual(['new.person@initech.example', 'ana.lund@initech.example']);
  });
});

describe('logging a sent email', () => {
  const contexts = new Map([
    [ana.address, ana],
    [newPerson.address, newPerson],
  ]);
  const sentAt = new Date('2026-12-05T11:42:07.400Z');

  it('uses the key and payload the thread’s Log email makes for the same message once Gmail filed it', async () => {
    const activity = await sentEmailActivity(compose({ kind: 'reply', subject: 'Re: Initech pilot' }), { from: 'Sofia.Lindqvist@northwind-demo.test', sentAt, contexts, id: 'id-1', neverLog: [] });
    // The same message as the thread reads it: from the rep, its stable id filed 2 s later.
    const filed = BigInt(sentAt.getTime() + 2_000) << 20n;
    const asRead: GmailMessage = { id: { id: `msg-f:${filed}`, source: 'data', provisional: false }, state: 'expanded', from: { address: 'sofia.lindqvist@northwind-demo.test', name: 'me' }, recipients: [] };
    expect(activity).toEqual({
      id: 'id-1',
      naturalKey: await emailNaturalKey(asRead, 'Initech pilot'),
      type: 'email',
      subject: 'Initech pilot',
      occurredAt: '2026-12-05T11:42:00.000Z',
      // The first recipient the CRM knows, as the thread's part picks for a message from the rep.
      contactId: 'ct_ana',
      accountId: 'acc_initech',
      surface: 'gmail',
      about: 'Ana Lund',
    });
  });

  it('names every other recipient the CRM knows as a participant, each once, whichever field they were in', async () => {
    const ben: RecipientContext = { ...ana, address: 'ben.ortiz@initech.example', contact: { id: 'ct_ben', name: 'Ben Ortiz', title: 'CFO' } };
    const benAgain: RecipientContext = { ...ben, address: 'ben@initech.example' };
    const cleo: RecipientContext = { ...ana, address: 'cleo@initech.example', contact: { id: 'ct_cleo', name: 'Cleo Park', title: null } };
    const all = new Map([...contexts, [ben.address, ben], [benAgain.address, benAgain], [cleo.address, cleo]]);
    const window_ = compose({ cc: [{ address: ben.address }, { address: 'new.person@initech.example' }], bcc: [{ address: cleo.address }, { address: benAgain.address }] });
    const activity = await sentEmailActivity(window_, { from: 'sofia.lindqvist@northwind-demo.test', sentAt, contexts: all, id: 'id-3', neverLog: [] });
    expect(activity).toMatchObject({ contactId: 'ct_ana', participantContactIds: ['ct_ben', 'ct_cleo'] });
  });

  it('logs nothing before Gmail gave the message an id, with nobody known, or with someone on the never-log list', async () => {
    const args = { from: 'sofia.lindqvist@northwind-demo.test', sentAt, contexts, id: 'id-2', neverLog: ['family.example'] };
    expect(await sentEmailActivity(compose({ draftId: undefined }), args)).toBeUndefined();
    expect(await sentEmailActivity(compose({ to: [{ address: 'new.person@initech.example' }] }), args)).toBeUndefined();
    expect(await sentEmailActivity(compose({ bcc: [{ address: 'mum@family.example' }] }), args)).toBeUndefined();
  });
});
