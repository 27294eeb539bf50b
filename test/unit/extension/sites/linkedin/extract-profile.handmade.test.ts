// @vitest-environment jsdom
/**
 * The extractor on the layouts no public capture shows (hand-made pages in test/fixtures/linkedin/),
 * its last-resort fallbacks, and its promise never to break the page: garbage in, URL-only out.
 */
import { describe, expect, it } from 'vitest';
import { LinkedInRef } from '../../../../../shared/refs.ts';
import { extractProfile, toIdentityRef, type LinkedInProfile } from '../../../../../extension/sites/linkedin/extract-profile.ts';
import { HANDMADE_DIR, loadPage, pageAt } from './pages.ts';

const LENA = 'https://www.linkedin.com/in/lena-virtanen/';
const TOMAS = 'https://se.linkedin.com/in/tomas-berglund';
const PRIYA = 'https://www.linkedin.com/in/priya-natarajan/';

const read = (file: string, url: string) => extractProfile(loadPage(HANDMADE_DIR, file), new URL(url));

describe('reading the server-driven (SDUI) profile, 2026', () => {
  it("reads Lena's top card and her current role from the first of her grouped roles", () => {
    expect(read('2026-03--profile--sdui--handmade.html', LENA)).toEqual({
      profileUrl: LENA,
      slug: 'lena-virtanen',
      layout: 'sdui',
      name: 'Lena Virtanen',
      headline: 'Revenue operations for freight and logistics teams | RevOps, CRM, forecasting',
      location: 'Helsinki, Uusimaa, Finland',
      currentCompany: 'Northwind Freight',
      currentTitle: 'Head of Revenue Operations',
      since: '2024-03',
    });
  });

  it('never names the viewer in the navigation bar or the members in the side rail', () => {
    const text = JSON.stringify(read('2026-03--profile--sdui--handmade.html', LENA));
    for (const other of ['Samuel', 'Okafor', 'Harbourline', 'Oskar', 'Aino', 'Aalto']) expect(text).not.toContain(other);
  });

  it('reads a single current role, and the company from the top card when there is no experience card', () => {
    const html = `<section componentkey="com.linkedin.sdui.profile.card.refACoAAXTopcard"><h2>Ilkka Saari</h2>
      <p>· 3rd</p><p>Fleet sales</p><p>Vantaa Trucks · Tampere University</p><p>Vantaa, Finland</p></section>`;
    const withRole = `${html}<section componentkey="com.linkedin.sdui.profile.card.refACoAAXExperienceTopLevelSection">
      <div componentkey="entity-collection-item--1"><p>Fleet Sales Lead</p><p>Vantaa Trucks · Full-time</p><p>Jan 2025 - Present · 1 yr</p></div></section>`;
    const url = 'https://www.linkedin.com/in/ilkka-saari/';
    expect(extractProfile(pageAt(html), new URL(url))).toMatchObject({ currentCompany: 'Vantaa Trucks', location: 'Vantaa, Finland' });
    expect(extractProfile(pageAt(withRole), new URL(url))).toMatchObject({
      currentCompany: 'Vantaa Trucks',
      currentTitle: 'Fleet Sales Lead',
      since: '2025-01',
    });
  });
});

describe('reading the logged-out guest profile, 2023', () => {
  it("reads Tomas from the page's structured data, not from the people also viewed", () => {
    expect(read('2023-04--profile--guest--handmade.html', TOMAS)).toEqual({
      profileUrl: 'https://www.linkedin.com/in/tomas-berglund/',
      slug: 'tomas-berglund',
      layout: 'guest',
      name: 'Tomas Berglund',
      headline: 'Partnerships and channel sales for Nordic logistics',
      location: 'Gothenburg, Västra Götaland County, Sweden',
      currentCompany: 'Kestrel Logistics',
      currentTitle: 'Head of Partnerships',
      since: '2020-03',
    });
  });

  it('falls back to og:title when the structured data is missing', () => {
    const doc = loadPage(HANDMADE_DIR, '2023-04--profile--guest--handmade.html');
    doc.querySelector('script[type="application/ld+json"]')?.remove();
    expect(extractProfile(doc, new URL(TOMAS))).toMatchObject({
      layout: 'guest',
      name: 'Tomas Berglund',
      currentTitle: 'Head of Partnerships',
      currentCompany: 'Kestrel Logistics',
    });
  });

  it('takes the profile URL from the address bar, never from canonical or og:url tags', () => {
    const doc = loadPage(HANDMADE_DIR, '2023-04--profile--guest--handmade.html');
    doc.querySelector('link[rel="canonical"]')?.setAttribute('href', 'https://www.linkedin.com/in/karin-holm');
    doc.querySelector('meta[property="og:url"]')?.setAttribute('content', 'https://www.linkedin.com/in/karin-holm');
    expect(extractProfile(doc, new URL(TOMAS))?.profileUrl).toBe('https://www.linkedin.com/in/tomas-berglund/');
  });
});

describe('the last resorts: title, then URL', () => {
  it("names Priya from the page title when nothing else on the page knows her", () => {
    expect(read('2026-03--profile--title-only--handmade.html', PRIYA)).toEqual({
      profileUrl: PRIYA,
      slug: 'priya-natarajan',
      layout: 'title',
      name: 'Priya Natarajan',
    });
  });

  it('gives a URL-only profile for an empty page, enough for a limited panel', () => {
    const url = 'https://se.linkedin.com/in/Priya-Natarajan?trk=public_profile';
    expect(extractProfile(pageAt(''), new URL(url))).toEqual({ profileUrl: PRIYA, slug: 'priya-natarajan', layout: 'url' });
  });

  it('gives nothing on pages that name no member', () => {
    const url = 'https://www.linkedin.com/feed/';
    expect(extractProfile(pageAt('<title>(1) Feed | LinkedIn</title><h1>Samuel Okafor</h1>'), new URL(url))).toBeNull();
  });
});

describe('never breaking the page', () => {
  const GARBAGE = [
    '<<<>>><section data-member-id><h1></h1><div id="experience"></div>',
    '<section data-member-id="1"><h1>  </h1></section><div id="experience"><div data-view-name="profile-component-entity"></div></div>',
    '<section componentkey="xTopcard"><p>· 2nd</p></section><div componentkey="xExperienceTopLevelSection"><div componentkey="entity-collection-item-1"><ul><li></li></ul></div></div>',
    '<script type="application/ld+json">{"@graph": [null, 1, "x", {"@type": ["Person"], "name": {"x": 1}, "worksFor": [null]}]}</script>',
    '<script type="application/ld+json">{not json</script><meta property="og:title" content=" | LinkedIn">',
    '<title>(99+) | LinkedIn</title><button aria-label="Current company: ">x</button>',
    '\u0000\uFFFF<svg><foreignObject><h1>x</h1></foreignObject></svg>'.repeat(50),
  ];

  it.each(GARBAGE.map((html, i) => [i, html] as const))('survives garbage page #%i with at least the URL', (_i, html) => {
    const url = 'https://www.linkedin.com/in/jane-doe/';
    const profile = extractProfile(pageAt(html), new URL(url));
    expect(profile).toMatchObject({ profileUrl: url, slug: 'jane-doe' });
    for (const value of Object.values(profile!)) expect(value).not.toBe('');
  });

  it('survives a document whose every query throws', () => {
    const hostile = new Proxy({}, { get: () => { throw new Error('host page broke'); } }) as Document;
    const url = 'https://www.linkedin.com/in/jane-doe/';
    expect(extractProfile(hostile, new URL(url))).toEqual({ profileUrl: url, slug: 'jane-doe', layout: 'url' });
  });
});

describe('the identity ref sent to the server', () => {
  it("is a LinkedInRef the server's schema accepts, with the current role as company and title", () => {
    const ref = toIdentityRef(read('2026-03--profile--sdui--handmade.html', LENA)!);
    expect(LinkedInRef.parse(ref)).toEqual({
      kind: 'linkedin',
      profileUrl: LENA,
      name: 'Lena Virtanen',
      headline: 'Revenue operations for freight and logistics teams | RevOps, CRM, forecasting',
      company: 'Northwind Freight',
      title: 'Head of Revenue Operations',
      since: '2024-03',
    });
  });

  it('carries only the URL for a URL-only profile, and clips text to what the server accepts', () => {
    expect(toIdentityRef({ profileUrl: PRIYA, slug: 'priya-natarajan', layout: 'url' })).toEqual({ kind: 'linkedin', profileUrl: PRIYA });
    const long: LinkedInProfile = { profileUrl: PRIYA, slug: 'priya-natarajan', layout: 'title', name: 'P'.repeat(199) + '😀', headline: 'h'.repeat(900) };
    const ref = LinkedInRef.parse(toIdentityRef(long));
    expect(ref.name).toBe('P'.repeat(199));
    expect(ref.headline).toHaveLength(500);
  });
});
