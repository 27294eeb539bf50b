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
import { HOSTILE_HTML, HOSTILE_URL, NOW, hostileBrief } from './brief-fixture.ts';
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
    mounted = mount(<Panel brief={hostileBrief} now={NOW} />);
    const { container } = mounted;
    expect(container.querySelector('img')).toBeNull();
    expect(document.querySelector('img')).toBeNull();
    for (const a of container.querySelectorAll('a')) expect(a.getAttribute('href')).toMatch(/^https?:/);
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

  it('links open in a new tab without an opener', () => {
    mounted = mount(<Panel brief={{ ...hostileBrief, contact: { ...hostileBrief.contact!, linkedinUrl: 'https://www.linkedin.com/in/jane-doe/' } }} now={NOW} />);
    const links = [...mounted.container.querySelectorAll('a')];
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
