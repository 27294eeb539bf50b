/**
 * Addressing a play: the library writes whom to reach by role ("Champion", "Economic buyer",
 * "Visitor", "Account owner"); a rep can only call a person. This turns the role into the person
 * of the account who holds it, or, when the CRM has nobody in it, into a concrete way to find one
 * (naming whom to ask when the CRM has anyone at the account). No addressed play names a bare role.
 *
 * @example
 * addressPlay(DEFAULT_PLAYS.pricing_visits, castOf(facts, owner), null)
 * // { text: 'Call Erik Holm today; …', channel: 'call', who: 'Erik Holm',
 * //   target: { kind: 'contact', contactId: 'ct_erik', name: 'Erik Holm', role: 'champion', title: 'Head of Data' } }
 */
import type { BuyingRole, Play, PlayTarget, PlayTemplate } from '../../shared/brief.ts';
import { nameKey } from '../../shared/company.ts';
import type { AccountFacts, PersonFact } from './facts.ts';
import { buyingRoleOf } from './relationship.ts';

/** A contact of the account holding a buying role, still there (no departure). */
export interface CastMember {
  id: string;
  name: string;
  title: string | null;
  role: BuyingRole;
}

/** Who is who at an account: what addressing reads. Stored with the account's intelligence. */
export interface Cast {
  accountName: string;
  owner: { id: string; name: string } | null;
  /** Buying-role holders, decision makers first, then champions…, most recently touched first within a role. */
  people: CastMember[];
}

/** Whom a play is about when the signal names someone (the visitor, the replier, the new executive). */
export type Subject =
  | { kind: 'contact'; id: string; name: string; title: string | null; role: BuyingRole | null }
  /** Named by the event but not a contact (a new executive from the news). */
  | { kind: 'named'; name: string; title: string | null }
  /** A contact who is no longer there to reach (a departure, or the page shows them elsewhere). */
  | { kind: 'gone'; name: string; now: string | null };

/**
 * How many holders of each role the cast keeps: plays go to the first, the second stands in when the
 * page shows the first elsewhere. Small, since every warm brief reads the cast with the account's core.
 */
export const CAST_PER_ROLE = 2;

const ROLE_ORDER: Record<BuyingRole, number> = { decision_maker: 0, champion: 1, influencer: 2, user: 3, other: 4, blocker: 5 };

/** A role in words, as a line names it ("Erik Holm, champion at Swedbank"). */
export const ROLE_WORDS: Record<BuyingRole, string> = {
  decision_maker: 'decision maker',
  champion: 'champion',
  influencer: 'influencer',
  blocker: 'blocker',
  user: 'user',
  other: 'contact',
};

/** The library's role names (`who`), lower case, and the buying role that holds each. */
const HELD_BY: Record<string, BuyingRole> = {
  champion: 'champion',
  'decision maker': 'decision_maker',
  'economic buyer': 'decision_maker',
  influencer: 'influencer',
  blocker: 'blocker',
  user: 'user',
};
/** Roles that mean "the person the signal is about". */
const SUBJECT_ROLES = new Set(['visitor', 'trial user', 'replier', 'requester', 'attendees', 'attendee', 'contact', 'new executive', 'leaver']);
/** Roles that mean the rep's own work on the account. */
const OWNER_ROLES = new Set(['account owner', 'deal owner', 'owner', 'rep', 'you']);

/** What to look for when the signal's person is not known, by the library's role. */
const UNKNOWN_SUBJECT: Record<string, { role: string; where: string }> = {
  visitor: { role: 'person who requested the demo', where: 'check the demo form submission in the web analytics' },
  'trial user': { role: 'person who signed up for the trial', where: "check the trial's sign-up email in the product" },
  replier: { role: 'person who replied', where: 'check the reply in the outreach tool' },
  requester: { role: 'person who asked for the meeting', where: 'check the booking in the calendar' },
  attendees: { role: 'people on the invite', where: 'check the invite in the calendar' },
  attendee: { role: 'people on the invite', where: 'check the invite in the calendar' },
  'new executive': { role: 'new executive', where: 'search LinkedIn for the new hire' },
  contact: { role: 'person', where: 'search LinkedIn for them' },
  leaver: { role: 'person who left', where: 'search LinkedIn for them' },
};

/**
 * The account's cast from its facts: contacts with a buying role and no departure event.
 *
 * @example castOf(facts, { id: 'u_ana', name: 'Ana Lind' }).people[0] // { id, name, title, role: 'decision_maker' }
 */
export function castOf(facts: Pick<AccountFacts, 'accountName' | 'events' | 'contacts'>, owner: Cast['owner']): Cast {
  const left = leftOf(facts);
  const people = facts.contacts
    .flatMap((c): (CastMember & { touched: string })[] => {
      const role = buyingRoleOf(c.buyingRole);
      return role && !left.has(c.id) ? [{ id: c.id, name: c.name, title: c.title, role, touched: c.lastTouchAt ?? '' }] : [];
    })
    .sort((a, b) => ROLE_ORDER[a.role] - ROLE_ORDER[b.role] || (a.touched < b.touched ? 1 : a.touched > b.touched ? -1 : 0) || (a.name < b.name ? -1 : 1))
    .filter((p, i, all) => all.slice(0, i).filter((q) => q.role === p.role).length < CAST_PER_ROLE)
    .map(({ touched: _, ...member }) => member);
  return { accountName: facts.accountName, owner, people };
}

/** Contacts a departure event names: no play is addressed to them. */
export function leftOf(facts: Pick<AccountFacts, 'events'>): Set<string> {
  return new Set(facts.events.flatMap((e) => (e.kind === 'departure' ? [e.data.contactId ?? e.contactId ?? ''] : [])).filter(Boolean));
}

/** The cast without one person (the page shows them at another employer). */
export const castWithout = (cast: Cast, contactId: string): Cast => ({ ...cast, people: cast.people.filter((p) => p.id !== contactId) });

/** The first holder of a role. */
export const holderOf = (cast: Cast, role: BuyingRole): CastMember | undefined => cast.people.find((p) => p.role === role);

const label = (p: CastMember) => `${p.name} (${ROLE_WORDS[p.role]})`;

/**
 * Whom to ask when a role is empty: the decision maker for a missing champion, the champion for a
 * missing decision maker, else anyone else in the buying group, else the account's owner.
 */
export function someoneToAsk(cast: Cast, missing: BuyingRole | null): string | null {
  const order: BuyingRole[] = missing === 'decision_maker' ? ['champion', 'influencer', 'user', 'other'] : ['decision_maker', 'champion', 'influencer', 'user', 'other'];
  for (const role of order) {
    if (role === missing) continue;
    const p = holderOf(cast, role);
    if (p) return `ask ${label(p)}`;
  }
  return cast.owner ? `ask ${cast.owner.name} (account owner)` : null;
}

/** How to find a role holder nobody in the CRM is: whom to ask, or where to search. */
export function howToFind(cast: Cast, role: BuyingRole | string): string {
  const at = cast.accountName;
  if (role === 'champion') {
    const ask = someoneToAsk(cast, 'champion');
    return `No champion at ${at} in the CRM: ${ask ? `${ask} who leads the evaluation, or ` : ''}search LinkedIn for who leads the evaluation at ${at} and add them as a contact`;
  }
  if (role === 'decision_maker') {
    const ask = someoneToAsk(cast, 'decision_maker');
    return `No decision maker at ${at} in the CRM: ${ask ? `${ask} who signs off, or ` : ''}search LinkedIn for the executive who owns the budget at ${at}`;
  }
  const words = ROLE_WORDS[role as BuyingRole] ?? role;
  const ask = someoneToAsk(cast, null);
  return `No ${words} at ${at} in the CRM: search LinkedIn or the org chart for the ${words} at ${at}${ask ? `, or ${ask}` : ''}`;
}

const fill = (text: string, who: string) => text.replaceAll('{who}', who);

const toContact = (p: { id: string; name: string; title: string | null; role: BuyingRole | null }): PlayTarget => ({
  kind: 'contact',
  contactId: p.id,
  name: p.name,
  role: p.role,
  title: p.title,
});

/** The play with its person: `who` a name (or how to find one), `target` the same in structure. */
function addressed(template: PlayTemplate, target: PlayTarget, named?: string): Play {
  if (named && target.kind === 'find') return { ...template, text: fill(template.text, named), who: `${named} (not in the CRM yet)`, target };
  if (target.kind === 'contact') return { ...template, text: fill(template.text, target.name), who: target.name, target };
  if (target.kind === 'owner') return { ...template, text: fill(template.text, target.name ?? 'the account owner'), who: target.name ?? 'You (no owner assigned)', target };
  const article = /^(a|an|the)\b|people/.test(target.role) ? '' : target.role === 'champion' ? 'a ' : 'the ';
  return { ...template, text: fill(template.text, `the ${target.role}`), who: `Find ${article}${target.role}`, target };
}

/**
 * The play addressed to a person of the account: the holder of its role, the signal's own person,
 * the account's owner for the rep's own work; or, when the CRM has nobody, how to find them.
 * `dealOwner` is the deal's owner for a play about a deal ("Deal owner").
 */
export function addressPlay(template: PlayTemplate, cast: Cast, subject: Subject | null, dealOwner: Cast['owner'] = null): Play {
  const who = template.who.trim().toLowerCase();
  const held = HELD_BY[who];
  if (held) {
    const p = holderOf(cast, held);
    return addressed(template, p ? toContact(p) : { kind: 'find', role: ROLE_WORDS[held], how: howToFind(cast, held) });
  }
  if (OWNER_ROLES.has(who)) {
    const owner = (who === 'deal owner' ? dealOwner : null) ?? cast.owner;
    return addressed(template, { kind: 'owner', userId: owner?.id ?? null, name: owner?.name ?? null });
  }
  if (SUBJECT_ROLES.has(who)) return addressed(template, subjectTarget(cast, who, subject), subject?.kind === 'named' ? subject.name : undefined);
  // An admin's own role ("VP Finance"): a role holder with that title, else where to find one.
  const titled = cast.people.find((p) => p.title && p.title.toLowerCase().includes(who));
  return addressed(template, titled ? toContact(titled) : { kind: 'find', role: template.who.trim(), how: howToFind(cast, template.who.trim()) });
}

function subjectTarget(cast: Cast, who: string, subject: Subject | null): PlayTarget {
  if (subject?.kind === 'contact') return toContact(subject);
  const ask = someoneToAsk(cast, null);
  if (subject?.kind === 'named') {
    const title = subject.title ? ` (${subject.title})` : '';
    return { kind: 'find', role: subject.name, how: `${subject.name}${title} is not in the CRM yet: find them on LinkedIn and add them as a contact${ask ? `, or ${ask} for an introduction` : ''}` };
  }
  if (subject?.kind === 'gone') {
    const now = subject.now ? ` now works at ${subject.now}` : ` has left ${cast.accountName}`;
    return { kind: 'find', role: `successor to ${subject.name}`, how: `${subject.name}${now}: ${ask ?? `search LinkedIn for ${cast.accountName}`} who took over from them` };
  }
  const unknown = UNKNOWN_SUBJECT[who] ?? UNKNOWN_SUBJECT.contact!;
  return { kind: 'find', role: unknown.role, how: `We do not know the ${unknown.role} at ${cast.accountName}: ${unknown.where}${ask ? `, or ${ask} who it was` : ''}` };
}

/** The signal's person as a subject: a contact of the account (not one who left), else the name the event gave. */
export function subjectOf(
  contactId: string | null,
  name: string | null | undefined,
  people: readonly Pick<PersonFact, 'id' | 'name' | 'title' | 'buyingRole'>[],
  left: ReadonlySet<string>,
  title: string | null = null,
): Subject | null {
  // An event may name a contact by id, or only by name (a new executive the CRM already has).
  const known = contactId ? people.find((p) => p.id === contactId) : name ? people.find((p) => nameKey(p.name) === nameKey(name)) : undefined;
  if (known && left.has(known.id)) return { kind: 'gone', name: known.name, now: null };
  if (known) return { kind: 'contact', id: known.id, name: known.name, title: known.title, role: buyingRoleOf(known.buyingRole) };
  return name ? { kind: 'named', name, title } : null;
}
