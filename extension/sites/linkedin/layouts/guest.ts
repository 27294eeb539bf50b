/**
 * Reader for the logged-out ("guest", `public_profile_v3_desktop`) profile: structured data first
 * (JSON-LD `Person`), then the `og:title` meta tag. Modelled on two April 2023 guest captures
 * (host-pages.md §1b) and proven by the hand-made `2023-04--profile--guest--handmade.html`.
 * Guest pages are full page loads, so their tags describe the page's own member.
 */
import { type LayoutReading, type ProfileFields, presentFields } from '../profile.ts';
import { profileSlugFromUrl } from '../routes.ts';
import { textOf } from '../read-text.ts';
import { GUEST_HEADLINE, GUEST_JSON_LD, GUEST_OG_TITLE, queryAllFirst, queryFirst } from '../selectors.ts';

type Json = Record<string, unknown>;

/**
 * Reads the guest profile of `slug` from `doc`.
 *
 * @example readGuest(document, 'tomas-berglund') // { name: 'Tomas Berglund', currentCompany: 'Kestrel Logistics', … }
 */
export function readGuest(doc: Document, slug: string): LayoutReading {
  const person = personFromJsonLd(doc, slug);
  const fields = person ? fieldsOfPerson(person) : fieldsOfOgTitle(doc);
  if (!fields.name) return undefined;
  return presentFields({ ...fields, headline: textOf(queryFirst(doc, GUEST_HEADLINE)) });
}

/** Whitespace-collapsed string, or `undefined` for anything that is not a non-empty string. */
function str(value: unknown): string | undefined {
  const text = typeof value === 'string' ? value.replace(/\s+/g, ' ').trim() : '';
  return text ? text : undefined;
}

const first = (value: unknown): unknown => (Array.isArray(value) ? value[0] : value);
const isObject = (value: unknown): value is Json => typeof value === 'object' && value !== null && !Array.isArray(value);

/** Every object in a JSON-LD document: top level, arrays and `@graph` lists. */
function* nodesOf(value: unknown): Generator<Json> {
  if (Array.isArray(value)) for (const item of value) yield* nodesOf(item);
  else if (isObject(value)) {
    yield value;
    if (value['@graph'] !== undefined) yield* nodesOf(value['@graph']);
  }
}

/** The `Person` whose `url` is this member's, else the first `Person` (a guest page shows one). */
function personFromJsonLd(doc: Document, slug: string): Json | undefined {
  const people: Json[] = [];
  for (const script of queryAllFirst(doc, GUEST_JSON_LD)) {
    let data: unknown;
    try {
      data = JSON.parse(script.textContent ?? '');
    } catch {
      continue; // one broken block must not hide the others
    }
    for (const node of nodesOf(data)) {
      const type = node['@type'];
      if (type === 'Person' || (Array.isArray(type) && type.includes('Person'))) people.push(node);
    }
  }
  return people.find((person) => slugOf(person['url']) === slug) ?? people[0];
}

function slugOf(url: unknown): string | undefined {
  try {
    return typeof url === 'string' ? profileSlugFromUrl(new URL(url)) : undefined;
  } catch {
    return undefined;
  }
}

function fieldsOfPerson(person: Json): ProfileFields {
  const employer = first(person['worksFor']);
  const role = isObject(employer) ? employer['member'] : undefined;
  const start = isObject(role) ? str(role['startDate']) : undefined;
  const address = person['address'];
  return {
    name: str(person['name']),
    location: isObject(address) ? str(address['addressLocality']) : undefined,
    currentCompany: isObject(employer) ? str(employer['name']) : undefined,
    currentTitle: str(first(person['jobTitle'])),
    // Only a month-precise start ("2020-03", "2020-03-01"); a bare year says too little.
    since: start && /^\d{4}-\d{2}(?:-\d{2})?$/.test(start) ? start.slice(0, 7) : undefined,
  };
}

/** `"<Name> - <Title> - <Company> | LinkedIn"`; with fewer parts only the name is certain. */
function fieldsOfOgTitle(doc: Document): ProfileFields {
  const content = str(queryFirst(doc, GUEST_OG_TITLE)?.getAttribute('content'));
  if (!content) return {};
  const parts = content.replace(/\s*\|\s*LinkedIn\s*$/i, '').split(' - ').map((part) => part.trim());
  const [name, title, company] = parts;
  return parts.length === 3 ? { name, currentTitle: title, currentCompany: company } : { name };
}
