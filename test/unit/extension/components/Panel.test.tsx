// @vitest-environment jsdom
/**
 * The profile panel for a full brief: every section, provenance and staleness, why it matched,
 * the cache marker, and the keyboard-operable collapse.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { renderToStaticMarkup } from 'react-dom/server';
import { Panel } from '../../../../extension/components/Panel.tsx';
import { NOW, fullBrief, nameCompanyBrief, ALL_OPEN } from './brief-fixture.ts';
import { buttonByText, mount, press, type Mounted } from './render.ts';

let mounted: Mounted | undefined;
afterEach(() => {
  mounted?.unmount();
  mounted = undefined;
});

const text = (el: Element) => (el.textContent ?? '').replace(/\s+/g, ' ');

describe('Panel', () => {
  it('shows every section of a full brief', () => {
    mounted = mount(<Panel brief={fullBrief} now={NOW} sectionsOpen={ALL_OPEN} />);
    const all = text(mounted.container);
    const sections = [...mounted.container.querySelectorAll('section')].map((s) => s.getAttribute('aria-label'));
    expect(sections).toEqual(['Signals', 'Contact', 'Account', 'Intent', 'Open deals', 'Stakeholders']);
    // Contact: role, tenure, past employers, prior interactions.
    expect(all).toContain('Jane Doe');
    expect(all).toContain('VP Revenue Operations at Acme, Inc.');
    expect(all).toContain('since 2021-07 (4 yrs)');
    expect(all).toContain('Globex — Director of Sales Ops (2017-03–2021-06)');
    expect(all).toContain('Champion');
    expect(all).toContain('Last: Meeting by Sam Rep · 12 d ago');
    // Counts in words, a zero left out (no "0 lost").
    expect(all).toContain('4 meetings · 17 emails · 1 deal won');
    expect(all).not.toContain('0 lost');
    // Account: firmographics, technographics with the competitor marked, tier, stage, owner, territory.
    expect(all).toContain('Tier 1 · Evaluating');
    expect(all).toContain('Sam Rep · EMEA North');
    expect(all).toContain('1.2K');
    expect(all).toContain('RivalSignalscompetitor');
    expect(all).not.toContain('OldTool');
    expect(all).toContain('Intent surge with ICP fit above 80');
    // Signals, most urgent first, with priority class, reason and play.
    const signals = [...mounted.container.querySelectorAll('section[aria-label="Signals"] li')].map(text);
    expect(signals[0]).toContain('Buying now');
    expect(signals[0]).not.toContain('P1');
    expect(signals[0]).toContain('3 pricing page visits in 7 days');
    expect(signals[0]).toContain('Call Jane about the pricing questions (Call · Account owner)');
    expect(signals[1]).toContain('Researching our topics');
    // Intent topics with trends and first-party counts.
    expect(all).toContain('Sales intelligence82↑ rising');
    expect(all).toContain('Lead routing40↓ falling');
    expect(all).toContain('12 in 7d · 41 in 30d');
    // Open deal with money in its currency, close date, forecast category and risk.
    expect(all).toContain('Proposal · €48,000 · closes 2026-06-30 · Best case');
    expect(all).toContain('Risk: Only one contact engaged in 30 days');
    // Stakeholders with role and last touch.
    expect(all).toContain('Omar Khan · CFODecision maker');
    expect(all).toContain('Never touched');
    // Next step (issue 11: the first screen says the step; the "(Call · Jane)" suffix named the person on screen again).
    expect(all).toContain('Offer Jane a security review call this week');
  });

  it("shows the account's ICP fit and engagement scores", () => {
    mounted = mount(<Panel brief={fullBrief} now={NOW} sectionsOpen={ALL_OPEN} />);
    const rows = [...mounted.container.querySelectorAll('dl > div')].map(text);
    expect(rows).toContain('ICP fit87');
    expect(rows).toContain('Engagement64');
  });

  it('leaves the ICP fit out when the team has no profile, rather than showing an empty 0', () => {
    mounted = mount(<Panel brief={{ ...fullBrief, account: { ...fullBrief.account!, icpFit: null } }} now={NOW} sectionsOpen={ALL_OPEN} />);
    const rows = [...mounted.container.querySelectorAll('dl > div')].map(text);
    expect(rows.filter((r) => r.startsWith('ICP fit'))).toEqual([]);
    expect(rows).toContain('Engagement64');
  });

  it('says who the next step is about when it is someone else at the account', () => {
    const about = { kind: 'someone-else' as const, contactId: 'ct_erik', name: 'Erik Holm', role: 'champion' as const, title: null, who: 'Erik Holm, champion at Acme, Inc.' };
    mounted = mount(<Panel brief={{ ...fullBrief, nextBestAction: { ...fullBrief.nextBestAction!, about } }} now={NOW} />);
    const step = mounted.container.querySelector('[data-section="next-best-action"]')!;
    expect(text(step)).toContain('Erik Holm, champion at Acme, Inc.: Pricing visits from the champion');
  });

  it('shows the source and age of each field and marks stale ones in words', () => {
    mounted = mount(<Panel brief={fullBrief} now={NOW} sectionsOpen={ALL_OPEN} />);
    const provenance = [...mounted.container.querySelectorAll('[data-provenance]')].map(text);
    expect(provenance).toContain('CRM · 3 mo ago');
    expect(provenance).toContain('Enrichment · 10 mo ago stale');
    const industry = [...mounted.container.querySelectorAll('dl > div')].find((row) => text(row).startsWith('Industry'));
    expect(industry && text(industry)).toBe('IndustryIndustrial AutomationEnrichment · 10 mo ago stale');
    const title = [...mounted.container.querySelectorAll('dl > div')].find((row) => text(row).startsWith('Title'));
    expect(title && text(title)).not.toContain('stale');
  });

  it('says why it matched and how sure, without asking for an exact key', () => {
    const html = renderToStaticMarkup(<Panel brief={fullBrief} now={NOW} />);
    expect(html).toContain('LinkedIn URL in CRM');
    expect(html).toContain('high confidence (100%)');
    expect(html).not.toContain('confirm?');
  });

  it('asks to confirm a name-and-company match', () => {
    const html = renderToStaticMarkup(<Panel brief={nameCompanyBrief} now={NOW} onConfirmMatch={() => undefined} />);
    expect(html).toContain('Same name and company');
    expect(html).toContain('low confidence (62%)');
    expect(html).toContain('confirm?');
    expect(html).toContain('Yes, that’s them');
  });

  it('says "as of" when the brief came from the cache, and "Offline" when the server is away', () => {
    const cached = renderToStaticMarkup(<Panel brief={fullBrief} now={NOW} asOf="2026-04-15T11:00:00Z" offline />);
    expect(cached).toMatch(/Offline · as of .+ \(1 h ago\)/);
    expect(renderToStaticMarkup(<Panel brief={fullBrief} now={NOW} />)).not.toContain('as of');
  });

  it('collapses and expands from the keyboard with Enter and Space, keeping aria-expanded in step', () => {
    mounted = mount(<Panel brief={fullBrief} now={NOW} />);
    const toggle = mounted.container.querySelector('header button');
    const region = document.getElementById(toggle?.getAttribute('aria-controls') ?? '');
    expect(toggle?.getAttribute('aria-expanded')).toBe('true');
    expect(region?.hidden).toBe(false);
    press(toggle, 'Enter');
    expect(toggle?.getAttribute('aria-expanded')).toBe('false');
    expect(region?.hidden).toBe(true);
    press(toggle, ' ');
    expect(toggle?.getAttribute('aria-expanded')).toBe('true');
    expect(region?.hidden).toBe(false);
    // A section header works the same way; sections start collapsed (issue 11), with their summary.
    const signals = buttonByText(mounted.container, '▸Signals(2)Buying now');
    press(signals, ' ');
    expect(signals?.getAttribute('aria-expanded')).toBe('true');
    press(signals, 'Tab');
    expect(signals?.getAttribute('aria-expanded')).toBe('true');
    press(signals, 'Enter');
    expect(signals?.getAttribute('aria-expanded')).toBe('false');
  });

  it('renders a closed section\'s details and the closed correction forms only once opened (the first paint is the first screen)', () => {
    mounted = mount(<Panel brief={fullBrief} now={NOW} onFlag={() => undefined} onPickSuggestion={() => undefined} />);
    const contact = mounted.container.querySelector('section[aria-label="Contact"]')!;
    const region = document.getElementById(contact.querySelector('button')!.getAttribute('aria-controls')!)!;
    expect(region.hidden).toBe(true);
    expect(region.childElementCount).toBe(0);
    expect(mounted.container.querySelector('select, textarea, input')).toBeNull();
    press(contact.querySelector('button'), 'Enter');
    expect(text(region)).toContain('since 2021-07 (4 yrs)');
    press(buttonByText(mounted.container, 'Flag wrong data'), 'Enter');
    expect(mounted.container.querySelector('[data-control="flag-wrong-data"] select')).not.toBeNull();
  });

  it('puts font-sans on the root and sizes in px only, since host pages change the root font size', () => {
    const html = renderToStaticMarkup(
      <Panel brief={nameCompanyBrief} now={NOW} onLog={() => undefined} onFlag={() => undefined} onPickSuggestion={() => undefined} onSearch={() => undefined} />,
    );
    expect(html).toMatch(/^<div[^>]* class="font-sans /);
    const classes = [...html.matchAll(/class="([^"]*)"/g)].flatMap((m) => (m[1] ?? '').split(/\s+/));
    // Tailwind's scale utilities (p-2, text-sm, rounded-md, w-64, …) are rem-based; arbitrary px values are not.
    const remBased = classes.filter((c) =>
      /^-?(p[xytblr]?|m[xytblr]?|gap(-[xy])?|space-[xy]|w|h|min-[wh]|max-[wh]|inset|top|left|right|bottom|text|leading|rounded(-[trbl]{1,2})?|tracking)-([\d.]*[1-9]|xs|sm|md|lg|xl|\dxl|base)/.test(c),
    );
    expect(remBased).toEqual([]);
  });
});
