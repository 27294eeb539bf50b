// @vitest-environment jsdom
/**
 * The extractor against the six real logged-in captures (Ember layout, Jul-Aug 2024), read in place
 * from `../shared/fixtures/linkedin/`. A fresh clone has no such folder: these tests then skip.
 */
import { describe, expect, it } from 'vitest';
import { extractProfile } from '../../../../../extension/sites/linkedin/extract-profile.ts';
import { CAPTURES_DIR, capturesPresent, expectedCaptures, loadPage, type ExpectedCapture } from './pages.ts';

if (!capturesPresent) console.info(`LinkedIn capture tests skipped: no ${CAPTURES_DIR} (real captures live beside the repository, not in it).`);

const FIELDS = ['name', 'headline', 'location', 'currentCompany', 'currentTitle', 'since'] as const;

/** expected.json calls the role start `currentRoleSince`; the profile calls it `since`. */
function expectedFields(expected: ExpectedCapture): Partial<Record<(typeof FIELDS)[number], string>> {
  const { url: _url, currentRoleSince, ...rest } = expected;
  return currentRoleSince === undefined ? rest : { ...rest, since: currentRoleSince };
}

const cases = capturesPresent ? expectedCaptures() : [];
const pages = new Map<string, Document>();
/** Parsing a 0.5 MB capture takes seconds in jsdom; tests that only read share one parse per file. */
function capture(file: string): Document {
  if (!pages.has(file)) pages.set(file, loadPage(CAPTURES_DIR, file));
  return pages.get(file)!;
}

describe.skipIf(!capturesPresent)('reading real LinkedIn profiles (2024 Ember layout)', () => {
  it.each(cases)('reads exactly what %s shows, and nothing it does not', (file, expected) => {
    const profile = extractProfile(capture(file), new URL(expected.url));
    const slug = new URL(expected.url).pathname.split('/')[2];
    expect(profile).toEqual({ profileUrl: expected.url, slug, layout: 'ember-2024', ...expectedFields(expected) });
    // Absent means absent: no key at all, not an empty string.
    for (const field of FIELDS) if (!(field in expectedFields(expected))) expect(profile, field).not.toHaveProperty(field);
  });

  it("reads Maya's current role from a grouped-roles experience list", () => {
    const [file, expected] = cases.find(([file]) => file.includes('grouped-roles'))!;
    const profile = extractProfile(capture(file), new URL(expected.url));
    // The first line of the entry is the company (Swedbank); the role is the first one under it.
    expect(profile).toMatchObject({ currentCompany: 'Swedbank', currentTitle: 'Scrum Master - Software Engineer', since: '2021-11' });
  });

  it("shows Nikos, not the viewer whose name is in the navigation bar, and no job he doesn't list", () => {
    const [file, expected] = cases.find(([file]) => file.includes('near-empty'))!;
    const doc = capture(file);
    expect(doc.querySelector('.global-nav__me img')?.getAttribute('alt')).toBe('Daniel Ortega Lind');
    const profile = extractProfile(doc, new URL(expected.url))!;
    expect(profile.name).toBe('Nikos Petrakis');
    expect(profile).not.toHaveProperty('currentCompany');
  });

  it('never takes the member described by the embedded <code> JSON from an earlier page', () => {
    for (const [file, expected] of cases.filter(([file]) => /grouped-roles|no-company-logo/.test(file))) {
      const doc = capture(file);
      expect([...doc.querySelectorAll('code')].some((code) => code.textContent?.includes('shuyi-li-74948836'))).toBe(true);
      expect(JSON.stringify(extractProfile(doc, new URL(expected.url)))).not.toMatch(/shuyi/i);
    }
  });

  it.each(cases)('reads %s the same when LinkedIn renames all its classes', (file, expected) => {
    const doc = loadPage(CAPTURES_DIR, file);
    for (const el of doc.querySelectorAll('[class]')) el.removeAttribute('class');
    expect(extractProfile(doc, new URL(expected.url))).toMatchObject(expectedFields(expected));
  });

  it('reads the profile under an overlay on a country subdomain, and sends the canonical URL', () => {
    const [file] = cases.find(([file]) => file.includes('complete.html'))!;
    const overlay = 'https://se.linkedin.com/in/daniel-ortega-lind/overlay/contact-info/?trk=x';
    const profile = extractProfile(capture(file), new URL(overlay));
    expect(profile).toMatchObject({ profileUrl: 'https://www.linkedin.com/in/daniel-ortega-lind/', name: 'Daniel Ortega Lind' });
  });

  it("gives only the URL when the page still shows the previous member after in-page navigation", () => {
    // Daniel's page is on screen, the address bar already says Maya: neither his card nor his title is hers.
    const [file] = cases.find(([file]) => file.includes('complete-with-head'))!;
    const mayaUrl = 'https://www.linkedin.com/in/maya-rani-perera-48213c77/';
    const profile = extractProfile(capture(file), new URL(mayaUrl));
    expect(profile).toEqual({ profileUrl: mayaUrl, slug: 'maya-rani-perera-48213c77', layout: 'url' });
  });

  it('falls back to the name in the title when the top card is gone', () => {
    const [file, expected] = cases.find(([file]) => file.includes('complete-with-head'))!;
    const doc = loadPage(CAPTURES_DIR, file);
    expect(doc.title).toBe('(1) Daniel Ortega Lind | LinkedIn');
    doc.querySelector('section[data-member-id]')?.remove();
    expect(extractProfile(doc, new URL(expected.url))).toEqual({
      profileUrl: expected.url,
      slug: 'daniel-ortega-lind',
      layout: 'title',
      name: 'Daniel Ortega Lind',
    });
  });
});
