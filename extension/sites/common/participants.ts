/**
 * People on a thread, an invite or a compose window, as addresses and display names, and the
 * decisions made from addresses alone: who is external (not the rep, not at the team's mail
 * domains), and whether a thread or event is internal-only (nothing to resolve, nothing to log).
 * Pure functions; addresses are compared in the server's normal form (shared/identity-keys.ts).
 */
import { normalizeDomain, normalizeEmail } from '../../../shared/identity-keys.ts';
import type { EmailRef } from '../../../shared/refs.ts';

/** One person as the page shows them. `address` is normalised (lower case, punycode domain). */
export interface Person {
  address: string;
  /** The display name the page shows; absent when it shows none (a freshly typed address). */
  name?: string;
}

/** The rep's side: their own addresses (aliases included) and the team's mail domains. */
export interface OwnSide {
  ownAddresses: readonly string[];
  teamDomains: readonly string[];
}

/**
 * A person from an address and a display name as the page gives them; `undefined` when the
 * address is not one (an empty chip, a group label, a lookalike with invisible characters).
 * A name that only repeats the address, or Gmail's "me", is not a name.
 */
export function personOf(address: string | null | undefined, name?: string | null): Person | undefined {
  if (!address) return undefined;
  const normal = normalizeEmail(address);
  if (!normal.ok) return undefined;
  const shown = name?.replace(/\s+/g, ' ').trim();
  const person: Person = { address: normal.value };
  if (shown && shown.toLowerCase() !== normal.value && shown !== 'me') person.name = shown;
  return person;
}

/** The mail domain of a normalised address. */
export const domainOf = (address: string): string => address.slice(address.lastIndexOf('@') + 1);

/** Normalised team domains; entries that are not domains are dropped. */
function normalDomains(domains: readonly string[]): string[] {
  return domains.flatMap((domain) => {
    const normal = normalizeDomain(domain.replace(/^@/, ''));
    return normal.ok ? [normal.value] : [];
  });
}

/**
 * Whether `address` is at one of `domains` or a subdomain of one (`ana@eu.acme.com` is at `acme.com`).
 * Suffix on a dot boundary: `ana@notacme.com` is not at `acme.com`.
 */
export function isAtDomains(address: string, domains: readonly string[]): boolean {
  const host = domainOf(address);
  return normalDomains(domains).some((domain) => host === domain || host.endsWith(`.${domain}`));
}

/** Whether `person` is the rep (an own address) or a teammate (at a team domain). */
export function isOwnSide(person: Person, side: OwnSide): boolean {
  const own = new Set(side.ownAddresses.map((a) => personOf(a)?.address).filter(Boolean));
  return own.has(person.address) || isAtDomains(person.address, side.teamDomains);
}

/**
 * The same people once each, in first-seen order, keeping the best name seen for each
 * (a named chip beats an unnamed one for the same address).
 */
export function uniquePeople(people: Iterable<Person>): Person[] {
  const byAddress = new Map<string, Person>();
  for (const person of people) {
    const known = byAddress.get(person.address);
    if (!known) byAddress.set(person.address, { ...person });
    else if (!known.name && person.name) known.name = person.name;
  }
  return [...byAddress.values()];
}

/** Everyone not on the rep's side, once each. */
export function externalPeople(people: Iterable<Person>, side: OwnSide): Person[] {
  return uniquePeople(people).filter((person) => !isOwnSide(person, side));
}

/**
 * Internal-only: every person is at the team's own domains (or is the rep). Such a thread or
 * event gets no package and offers no logging. No people at all is not internal-only: an event
 * whose guest list did not load yet must not be mistaken for a team meeting.
 *
 * @example isInternalOnly([{ address: 'ana@acme.com' }], ['acme.com']) // true
 */
export function isInternalOnly(people: Iterable<Person>, teamDomains: readonly string[], ownAddresses: readonly string[] = []): boolean {
  const list = uniquePeople(people);
  return list.length > 0 && list.every((person) => isOwnSide(person, { ownAddresses, teamDomains }));
}

/**
 * Reads an address list as mail headers and Gmail's classic compose write it:
 * `"Doe, Jane" <jane@acme.com>, Bob <bob@acme.com>, carl@acme.com`. Commas inside quotes or
 * angle brackets do not split; quoted names lose their quotes and backslash escapes.
 */
export function parseAddressList(value: string): Person[] {
  const parts: string[] = [];
  let current = '';
  let quoted = false;
  let angle = false;
  for (let i = 0; i < value.length; i++) {
    const c = value[i]!;
    if (c === '\\' && quoted && i + 1 < value.length) {
      current += c + value[++i];
      continue;
    }
    if (c === '"') quoted = !quoted;
    else if (!quoted && c === '<') angle = true;
    else if (!quoted && c === '>') angle = false;
    if ((c === ',' || c === ';') && !quoted && !angle) {
      parts.push(current);
      current = '';
    } else current += c;
  }
  parts.push(current);
  return parts.flatMap((part) => {
    const match = /^\s*(.*?)\s*<([^<>]+)>\s*$/s.exec(part);
    const rawName = match ? match[1]! : '';
    const name = rawName.replace(/^"(.*)"$/s, '$1').replace(/\\(.)/g, '$1');
    const person = personOf(match ? match[2] : part.trim(), name);
    return person ? [person] : [];
  });
}

/**
 * The email refs the server resolves people by: address and name only, clipped to the server's
 * limits (shared/refs.ts), at most `max` (an event ref takes 200).
 */
export function toEmailRefs(people: Iterable<Person>, max = 200): EmailRef[] {
  return uniquePeople(people)
    .filter((person) => person.address.length <= 320)
    .slice(0, max)
    .map((person) => {
      const name = person.name?.slice(0, 200).replace(/[\uD800-\uDBFF]$/, '').trim();
      return name ? { kind: 'email', address: person.address, name } : { kind: 'email', address: person.address };
    });
}
