// @vitest-environment jsdom
/**
 * The panel's first screen (issue 11): who, why now, the next step as a control that does it, and
 * the open deal, each said once; the someone-else, find, owner and job-change variants; money in
 * the deal's currency; sections below collapsed with a one-line summary, their open state told.
 * (No Testing Library in the repository: the house `render.ts` mounts with React's `act`.)
 */
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { Brief, NextBestAction } from '../../../../shared/brief.ts';
import { Panel } from '../../../../extension/components/Panel.tsx';
import { NOW, fullBrief } from './brief-fixture.ts';
import { buttonByText, click, mount, type Mounted } from './render.ts';
import { waitFor } from '../../wait-for.ts';

let mounted: Mounted | undefined;
afterEach(() => {
  mounted?.unmount();
  mounted = undefined;
});

const text = (el: Element | null | undefined) => (el?.textContent ?? '').replace(/\s+/g, ' ').trim();
const line = (name: string) => text(mounted!.container.querySelector(`[data-line="${name}"]`));
const withStep = (nba: Partial<NextBestAction>, extra: Partial<Brief> = {}): Brief => ({
  ...fullBrief,
  ...extra,
  nextBestAction: { ...fullBrief.nextBestAction!, ...nba },
});

/** Every leaf line of the first screen (header, match, why now, step, deal): none may say the same thing twice. */
function firstScreenLines(container: HTMLElement): string[] {
  const scope = [container.querySelector('header'), container.querySelector('[data-match-method]'), container.querySelector('[data-first-screen]')];
  return scope.flatMap((el) => [...(el?.querySelectorAll('h2, p, a, button, [data-line]') ?? [])]).map(text).filter(Boolean);
}

describe('The first screen', () => {
  it('says who, why now with its age, the next step with a control that does it, and the deal with its worst risk', () => {
    const onLog = vi.fn();
    const brief = withStep({}, { contact: { ...fullBrief.contact!, phones: { value: ['+46 70-123 45 67'], source: 'crm', refreshedAt: null, stale: false } } });
    mounted = mount(<Panel brief={brief} now={NOW} onLog={onLog} />);
    expect(text(mounted.container.querySelector('header h2'))).toBe('Jane Doe');
    expect(text(mounted.container.querySelector('header p'))).toBe('VP Revenue Operations at Acme, Inc.');
    expect(text(mounted.container.querySelector('[data-match-method]'))).toContain('LinkedIn URL in CRM · high confidence');
    // The most urgent signal, not the newest or the first listed, with its age and its priority named for screen readers.
    expect(line('why-now')).toBe('3 pricing page visits in 7 days · 1 d ago');
    expect(mounted.container.querySelector('[data-line="why-now"] [role="img"]')?.getAttribute('aria-label')).toBe('Buying now');
    expect(line('next-step')).toBe('Offer Jane a security review call this week');
    expect(line('next-step-why')).toBe('Pricing visits from the champion while the deal waits on security');
    const call = [...mounted.container.querySelectorAll('[data-section="next-best-action"] a')].find((a) => text(a).startsWith('Call'));
    expect(call?.getAttribute('href')).toBe('tel:+46701234567');
    click(buttonByText(mounted.container, 'Log a call'));
    expect(onLog).toHaveBeenCalledWith('call');
    expect(line('deal')).toBe('Open deal: Proposal · €48,000 · closes 2026-06-30Risk: Only one contact engaged in 30 days');
    expect(line('deal-risk')).toBe('Risk: Only one contact engaged in 30 days');
  });

  it('leaves the age out, with its separator, when the top signal has no date it can read', () => {
    const signals = fullBrief.signals.map((s) => (s.priority === 1 ? { ...s, occurredAt: 'not a date' } : s));
    mounted = mount(<Panel brief={{ ...fullBrief, signals }} now={NOW} />);
    expect(line('why-now')).toBe('3 pricing page visits in 7 days');
  });

  it('says a reason once when the next step and the top signal give the same one', () => {
    const top = fullBrief.signals.find((s) => s.priority === 1)!;
    mounted = mount(<Panel brief={withStep({ reason: top.reason })} now={NOW} />);
    expect(line('why-now')).toContain(top.reason);
    expect(mounted.container.querySelector('[data-line="next-step-why"]')).toBeNull();
    const lines = firstScreenLines(mounted.container);
    expect(lines.filter((l) => l.includes(top.reason))).toHaveLength(1);
  });

  it('repeats no line anywhere on the first screen', () => {
    mounted = mount(<Panel brief={fullBrief} now={NOW} onLog={() => undefined} />);
    const lines = firstScreenLines(mounted.container);
    expect(lines.length).toBeGreaterThan(5);
    expect(new Set(lines).size).toBe(lines.length);
  });

  it('emails through a mailto: action with the address, and copies the address', async () => {
    const copy = vi.fn(async () => undefined);
    const brief = withStep({ action: { text: 'Send Jane the security overview', channel: 'email', who: 'Jane Doe' } });
    mounted = mount(<Panel brief={brief} now={NOW} onLog={() => undefined} copy={copy} />);
    const email = [...mounted.container.querySelectorAll('[data-section="next-best-action"] a')].find((a) => text(a).startsWith('Email'));
    expect(email?.getAttribute('href')).toBe('mailto:jane.doe@acme.example');
    expect(text(email)).toBe('Email jane.doe@acme.example');
    const copyButton = mounted.container.querySelector('button[data-copy="jane.doe@acme.example"]');
    click(copyButton);
    expect(copy).toHaveBeenCalledWith('jane.doe@acme.example');
    await waitFor(() => expect(text(copyButton)).toBe('Copied jane.doe@acme.example'));
  });

  it('offers no mailto: for an address that could add a recipient', () => {
    const brief = withStep(
      { action: { text: 'Send the overview', channel: 'email', who: 'Jane Doe' } },
      { contact: { ...fullBrief.contact!, emails: ['jane@acme.example?bcc=x@evil.example'] } },
    );
    mounted = mount(<Panel brief={brief} now={NOW} />);
    expect(mounted.container.querySelector('a[href^="mailto:"]')).toBeNull();
    expect(mounted.container.querySelector('button[data-copy]')).toBeNull();
  });

  it('says who and why when the step is about someone else, with their number and no touch logged against the person on screen', () => {
    const brief = withStep(
      {
        reason: 'The CFO has not been touched in two months',
        action: { text: 'Call Omar Khan about the budget', channel: 'call', who: 'Omar Khan', target: { kind: 'contact', contactId: 'c_omar', name: 'Omar Khan', role: 'decision_maker', title: 'CFO' } },
        about: { kind: 'someone-else', contactId: 'c_omar', name: 'Omar Khan', role: 'decision_maker', title: 'CFO', who: 'Omar Khan, decision maker at Acme, Inc.' },
      },
      { stakeholders: fullBrief.stakeholders.map((s) => (s.contactId === 'c_omar' ? { ...s, phones: ['+49 89 1234567'] } : s)) },
    );
    const onLog = vi.fn();
    mounted = mount(<Panel brief={brief} now={NOW} onLog={onLog} />);
    expect(line('next-step-why')).toBe('Omar Khan, decision maker at Acme, Inc.: The CFO has not been touched in two months');
    click(buttonByText(mounted.container, 'Log a call with Omar Khan'));
    expect(onLog).toHaveBeenCalledWith('call', { contactId: 'c_omar', name: 'Omar Khan' });
    const call = mounted.container.querySelector('[data-section="next-best-action"] a[href^="tel:"]');
    expect(call?.getAttribute('href')).toBe('tel:+49891234567');
    expect(text(call)).toBe('Call +49 89 1234567');
    expect(buttonByText(mounted.container, 'Log a call')).toBeUndefined();
    // Jane's address is not Omar's: no email or copy for a step about him.
    expect(mounted.container.querySelector('[data-section="next-best-action"] a[href^="mailto:"]')).toBeNull();
  });

  it('names someone else as text with the reason when there is neither a number nor a way to log (no dead link)', () => {
    const brief = withStep({
      action: { text: 'Ask Lee Park what security needs', channel: 'call', who: 'Lee Park' },
      about: { kind: 'someone-else', contactId: 'c_lee', name: 'Lee Park', role: 'blocker', title: 'IT Security Lead', who: 'Lee Park, blocker at Acme, Inc.' },
    });
    mounted = mount(<Panel brief={brief} now={NOW} />);
    const step = mounted.container.querySelector('[data-section="next-best-action"]');
    expect(text(step)).toContain('Lee Park, blocker at Acme, Inc.: Pricing visits from the champion');
    expect(text(step)).toContain('No phone number for Lee Park in the CRM.');
    expect(step?.querySelector('a')).toBeNull();
  });

  it('says how to find someone when nobody in the CRM holds the role, never a bare role', () => {
    const brief = withStep({
      action: { text: 'Find a champion at Acme, Inc.', channel: 'task', who: 'Find a champion', target: { kind: 'find', role: 'champion', how: 'Ask Omar Khan who runs the evaluation day to day' } },
      about: { kind: 'find', role: 'champion', how: 'Ask Omar Khan who runs the evaluation day to day' },
    });
    mounted = mount(<Panel brief={brief} now={NOW} onLog={() => undefined} />);
    expect(line('next-step')).toBe('Find a champion at Acme, Inc.');
    expect(line('next-step-why')).toBe('Ask Omar Khan who runs the evaluation day to day');
    expect(text(mounted.container.querySelector('[data-section="next-best-action"]'))).not.toMatch(/Call · Champion|\(Task/);
    expect(buttonByText(mounted.container, 'Log a call')).toBeUndefined();
  });

  it("says the rep's own work on the account with its reason", () => {
    const brief = withStep({
      reason: 'The deal has no next step in the CRM',
      action: { text: 'Update the deal’s next step in the CRM', channel: 'task', who: 'Sam Rep', target: { kind: 'owner', userId: 'u_sam', name: 'Sam Rep' } },
      about: { kind: 'owner', userId: 'u_sam', name: 'Sam Rep' },
    });
    mounted = mount(<Panel brief={brief} now={NOW} onLog={() => undefined} />);
    expect(line('next-step')).toBe('Update the deal’s next step in the CRM');
    expect(line('next-step-why')).toBe('The deal has no next step in the CRM');
  });

  it('after a job change gives the step that follows from it and names the new company once', () => {
    const brief = withStep({
      reason: 'Jane Doe, your champion at Acme, Inc., now works at Beta GmbH (LinkedIn)',
      action: { text: 'Find the new champion at Acme, Inc., then follow Jane Doe to Beta GmbH', channel: 'task', who: 'Find the new champion', target: { kind: 'find', role: 'new champion', how: 'Jane Doe has moved to Beta GmbH: ask Omar Khan who now leads the work at Acme, Inc.' } },
      about: { kind: 'find', role: 'new champion', how: 'Jane Doe has moved to Beta GmbH: ask Omar Khan who now leads the work at Acme, Inc.' },
      newEmployer: { name: 'Beta GmbH', accountId: null },
    });
    // Without the page's company (no banner), the step names the new employer itself.
    mounted = mount(<Panel brief={brief} now={NOW} />);
    expect(line('new-employer')).toBe('Now at Beta GmbH');
    expect(line('next-step')).toBe('Find the new champion at Acme, Inc., then follow Jane Doe to Beta GmbH');
    expect(line('next-step-why')).toContain('ask Omar Khan');
    mounted.unmount();
    // With the page's company the banner says the change; the step does not say it again.
    mounted = mount(<Panel brief={brief} now={NOW} pageCompany="Beta GmbH" />);
    const banner = mounted.container.querySelector('[data-banner="job-change"]');
    expect(text(banner)).toContain('Now at Beta GmbH — CRM says Acme, Inc.');
    expect(text(banner)).not.toContain('A champion may have left');
    expect(mounted.container.querySelector('[data-line="new-employer"]')).toBeNull();
    const lines = firstScreenLines(mounted.container);
    expect(new Set(lines).size).toBe(lines.length);
  });

  it('says a new employer that is a CRM account as one', () => {
    mounted = mount(<Panel brief={withStep({ newEmployer: { name: 'Beta GmbH', accountId: 'a_beta' } })} now={NOW} />);
    expect(line('new-employer')).toBe('Now at Beta GmbH, an account in the CRM');
  });

  it('shows money in the deal’s own currency, and the deal closing first', () => {
    const deal = fullBrief.openDeals[0]!;
    const brief: Brief = {
      ...fullBrief,
      openDeals: [
        { ...deal, id: 'd_late', name: 'Later', stage: 'Discovery', amount: 10_000, currency: 'USD', closeDate: '2026-12-31', risks: [] },
        { ...deal, id: 'd_yen', stage: 'Negotiation', amount: 620_000, currency: 'JPY', closeDate: '2026-05-01' },
      ],
    };
    mounted = mount(<Panel brief={brief} now={NOW} />);
    expect(line('deal')).toContain('Open deal: Negotiation · ¥620,000 · closes 2026-05-01 · 1 more below');
    expect(line('deal')).not.toContain('$');
  });

  it('leaves the why-now and deal lines out when there is nothing to say', () => {
    mounted = mount(<Panel brief={{ ...fullBrief, signals: [], openDeals: [] }} now={NOW} />);
    expect(mounted.container.querySelector('[data-line="why-now"]')).toBeNull();
    expect(mounted.container.querySelector('[data-line="deal"]')).toBeNull();
  });
});

describe('The sections below the first screen', () => {
  it('are collapsed by default, each with a plain one-line summary', () => {
    mounted = mount(<Panel brief={fullBrief} now={NOW} />);
    const headers = [...mounted.container.querySelectorAll('section h3 button')];
    expect(headers.map((b) => b.getAttribute('aria-expanded'))).toEqual(headers.map(() => 'false'));
    const summaries = Object.fromEntries(
      [...mounted.container.querySelectorAll('section')].map((s) => [s.getAttribute('aria-label'), text(s.querySelector('[data-summary]'))]),
    );
    expect(summaries).toEqual({
      Signals: 'Buying now',
      Contact: 'Champion · 4 yrs in role · last touch 12 d ago',
      Account: 'Tier 1 · Evaluating · 1.2K people · Tech (2)',
      Intent: 'Intent rising · 12 site visits this week',
      'Open deals': '',
      Stakeholders: 'Decision maker, Blocker',
    });
    expect(text(mounted.container)).not.toMatch(/\b1 meetings\b|0 won|0 lost|ICP fit 0/);
  });

  it('open as the rep left them, and tell each toggle', () => {
    const onSectionToggle = vi.fn();
    mounted = mount(<Panel brief={fullBrief} now={NOW} sectionsOpen={{ deals: true }} onSectionToggle={onSectionToggle} />);
    const deals = mounted.container.querySelector('section[aria-label="Open deals"] h3 button');
    expect(deals?.getAttribute('aria-expanded')).toBe('true');
    click(deals);
    expect(onSectionToggle).toHaveBeenLastCalledWith('deals', false);
    const signals = mounted.container.querySelector('section[aria-label="Signals"] h3 button');
    click(signals);
    expect(onSectionToggle).toHaveBeenLastCalledWith('signals', true);
    expect(signals?.getAttribute('aria-expanded')).toBe('true');
  });

  it('follow a remembered state that arrives after the first paint', () => {
    mounted = mount(<Panel brief={fullBrief} now={NOW} />);
    const intent = () => mounted!.container.querySelector('section[aria-label="Intent"] h3 button');
    expect(intent()?.getAttribute('aria-expanded')).toBe('false');
    mounted.rerender(<Panel brief={fullBrief} now={NOW} sectionsOpen={{ intent: true }} />);
    expect(intent()?.getAttribute('aria-expanded')).toBe('true');
  });
});
