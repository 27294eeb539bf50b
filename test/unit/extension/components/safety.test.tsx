// @vitest-environment jsdom
/**
 * Hostile CRM values render as inert text: no element from markup in data, no `javascript:` link, no script run.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Panel } from '../../../../extension/components/Panel.tsx';
import { NotInCrm } from '../../../../extension/components/NotInCrm.tsx';
import { safeHref, websiteHref } from '../../../../extension/components/safe-href.ts';
import { HOSTILE_HTML, HOSTILE_URL, NOW, hostileBrief, ALL_OPEN } from './brief-fixture.ts';
import { mount, type Mounted } from './render.ts';

let mounted: Mounted | undefined;
afterEach(() => {
  mounted?.unmount();
  mounted = undefined;
  delete (window as { __pwned?: unknown }).__pwned;
});

describe('safeHref', () => {
  it('links http and https only', () => {
    expect(safeHref('https://acme.example/pricing')).toBe('https://acme.example/pricing');
    expect(safeHref('http://acme.example')).toBe('http://acme.example/');
    for (const bad of [HOSTILE_URL, ' JavaScript:alert(1)', 'java\tscript:alert(1)', 'data:text/html,<b>x</b>', 'vbscript:x', '/relative', '//evil.example', 'acme.example', '', null, undefined]) {
      expect(safeHref(bad), String(bad)).toBeUndefined();
    }
  });

  it('turns a bare website domain into an https link and nothing else', () => {
    expect(websiteHref('acme.example')).toBe('https://acme.example/');
    expect(websiteHref('https://www.acme.example/about')).toBe('https://www.acme.example/about');
    expect(websiteHref(HOSTILE_URL)).toBeUndefined();
    expect(websiteHref('acme.example" onmouseover="x')).toBeUndefined();
  });
});

describe('hostile CRM values', () => {
  it('render as text in the panel: no img element, no javascript: link, nothing runs', () => {
    mounted = mount(<Panel brief={hostileBrief} now={NOW} sectionsOpen={ALL_OPEN} />);
    const { container } = mounted;
    expect(container.querySelector('img')).toBeNull();
    expect(document.querySelector('img')).toBeNull();
    // Web links are http(s); the only others are plain mailto:/tel: actions (checked below).
    for (const a of container.querySelectorAll('a')) expect(a.getAttribute('href')).toMatch(/^(https?:|mailto:[A-Za-z0-9._+-]+@[A-Za-z0-9.-]+$|tel:\+?\d+$)/);
    expect(container.querySelector(`a[href="${HOSTILE_URL}"]`)).toBeNull();
    expect(container.textContent).toContain(HOSTILE_HTML);
    expect(container.textContent).toContain(HOSTILE_URL);
    expect((window as { __pwned?: unknown }).__pwned).toBeUndefined();
  });

  it('render as text in the not-in-CRM suggestions', () => {
    const suggestion = { contactId: 'c_x', name: HOSTILE_HTML, accountName: HOSTILE_HTML, confidence: 0.5, explanation: HOSTILE_HTML };
    mounted = mount(<NotInCrm pageName={HOSTILE_HTML} pageCompany={HOSTILE_HTML} suggestions={[suggestion]} onPick={() => undefined} />);
    expect(mounted.container.querySelector('img')).toBeNull();
    expect(mounted.container.textContent).toContain(HOSTILE_HTML);
    expect((window as { __pwned?: unknown }).__pwned).toBeUndefined();
  });

  it('web links open in a new tab without an opener', () => {
    mounted = mount(<Panel brief={{ ...hostileBrief, contact: { ...hostileBrief.contact!, linkedinUrl: 'https://www.linkedin.com/in/jane-doe/' } }} now={NOW} sectionsOpen={ALL_OPEN} />);
    const links = [...mounted.container.querySelectorAll('a')].filter((a) => /^https?:/.test(a.getAttribute('href') ?? ''));
    expect(links.length).toBeGreaterThan(0);
    for (const a of links) {
      expect(a.getAttribute('target')).toBe('_blank');
      expect(a.getAttribute('rel')).toBe('noopener noreferrer');
    }
  });

  it('no component renders HTML from strings', () => {
    const dir = join(import.meta.dirname, '../../../../extension/components');
    for (const file of readdirSync(dir).filter((f) => /\.tsx?$/.test(f))) {
      const source = readFileSync(join(dir, file), 'utf8');
      expect(source, file).not.toMatch(/dangerouslySetInnerHTML|innerHTML|outerHTML|insertAdjacentHTML/);
    }
  });
});

describe('tel: and mailto: links', () => {
  it('dial a plain number and mail a plain address, nothing else', async () => {
    const { mailtoHref, telHref } = await import('../../../../extension/components/safe-href.ts');
    expect(telHref('+46 70-123 45 67')).toBe('tel:+46701234567');
    expect(telHref('070-123 45 67')).toBe('tel:0701234567');
    for (const bad of ['javascript:alert(1)', '+1 555 0100;ext=9', 'tel:+4670', '12345', '+1234567890123456', '', null, undefined]) expect(telHref(bad), String(bad)).toBeUndefined();
    expect(mailtoHref('jane.doe+crm@acme.example')).toBe('mailto:jane.doe+crm@acme.example');
    for (const bad of ['a@b.example?bcc=x@evil.example', 'a@b.example&body=x', 'a%0d%0abcc@b.example', 'javascript:alert(1)//@b.example', 'no-at.example', '', null]) {
      expect(mailtoHref(bad), String(bad)).toBeUndefined();
    }
    // http(s) only, still, for every other link.
    expect(safeHref('tel:+46701234567')).toBeUndefined();
    expect(safeHref('mailto:jane@acme.example')).toBeUndefined();
  });

  it('the contact section offers each number as a tel: action and each address as mailto:, a hostile value as inert text', () => {
    const field = { source: 'import:contacts', refreshedAt: NOW.toISOString(), stale: false };
    const brief = { ...hostileBrief, contact: { ...hostileBrief.contact!, emails: ['jane@acme.example', HOSTILE_HTML], phones: { value: ['+46701234567', HOSTILE_URL], ...field } } };
    mounted = mount(<Panel brief={brief} now={NOW} sectionsOpen={ALL_OPEN} />);
    const hrefs = [...mounted.container.querySelectorAll('a')].map((a) => a.getAttribute('href'));
    expect(hrefs).toContain('tel:+46701234567');
    expect(hrefs).toContain('mailto:jane@acme.example');
    expect(hrefs.filter((h) => h && !/^(https?:|tel:\+?\d+$|mailto:)/.test(h))).toEqual([]);
    expect(mounted.container.querySelector('a[aria-label="Call +46701234567"]')).not.toBeNull();
    expect(mounted.container.textContent).toContain(HOSTILE_URL);
  });

  it('a stakeholder’s number is a tel: action naming whom it calls', () => {
    const stakeholders = [{ contactId: 'ct_erik', name: 'Erik Holm', title: null, role: 'champion' as const, lastTouch: null, phones: ['+46701234567', HOSTILE_URL] }];
    mounted = mount(<Panel brief={{ ...hostileBrief, stakeholders }} now={NOW} sectionsOpen={ALL_OPEN} />);
    const call = mounted.container.querySelector('a[aria-label="Call Erik Holm on +46701234567"]');
    expect(call?.getAttribute('href')).toBe('tel:+46701234567');
    expect(mounted.container.querySelector(`a[href="${HOSTILE_URL}"]`)).toBeNull();
  });
});
