/**
 * Demo contacts: a buying group per account (more people at bigger, higher-tier accounts), with
 * LinkedIn slugs and emails stored exactly as `normalize.ts` returns them, titles by department
 * and seniority, buying roles, tenure, past employers and per-field provenance. The featured
 * people take their places at their named accounts.
 */
import { linkedInUrlOf, nameKey, normalizeEmail, normalizeLinkedInSlug } from '../identity/normalize.ts';
import type { AccountPlan } from './demo-accounts.ts';
import { type DemoContext, type Row, daysAgo, monthAgo, slugOf } from './demo-context.ts';
import { FEATURED_PEOPLE, type FeaturedPerson } from './featured.ts';
import { DEPARTMENTS, DEPARTMENT_NAMES, FIRST_NAMES, LAST_NAMES, PAST_EMPLOYERS, SENIORITIES, TERRITORIES, type Department } from './vocab.ts';

export interface ContactPlan {
  row: Row<'contacts'>;
  account: AccountPlan;
  emails: string[];
  featured: FeaturedPerson | null;
}

export interface ContactsOutput {
  plans: ContactPlan[];
  emails: Row<'contact_emails'>[];
}

type Seniority = (typeof SENIORITIES)[number];

const CONTACTS_PER_TIER: Record<number, [number, number]> = { 1: [10, 14], 2: [6, 9], 3: [3, 6] };

export function generateContacts(ctx: DemoContext, accounts: AccountPlan[]): ContactsOutput {
  const rng = ctx.rng.fork('contacts');
  const out: ContactsOutput = { plans: [], emails: [] };
  const takenSlugs = new Set<string>();
  const takenEmails = new Set<string>();

  const addEmail = (contactId: string, raw: string, list: string[]) => {
    const email = normalizeEmail(raw);
    if (!email.ok || takenEmails.has(email.value)) return false;
    takenEmails.add(email.value);
    list.push(email.value);
    out.emails.push({ team_id: ctx.teamId, email: email.value, contact_id: contactId });
    return true;
  };
  const slugFor = (raw: string) => {
    const slug = normalizeLinkedInSlug(linkedInUrlOf(raw));
    if (!slug.ok || takenSlugs.has(slug.value)) return null;
    takenSlugs.add(slug.value);
    return slug.value;
  };

  for (const account of accounts) {
    const [min, max] = CONTACTS_PER_TIER[account.row.tier ?? 3]!;
    const featuredHere = FEATURED_PEOPLE.filter((p) => p.accountKey === account.featured?.key);
    const count = rng.int(min, max);
    for (let n = 0; n < count; n++) {
      const featured = featuredHere[n] ?? null;
      const id = ctx.id('con');
      const emails: string[] = [];
      const row = featured ? featuredRow(ctx, id, account, featured, slugFor) : generatedRow(ctx, rng, id, account, n, slugFor);
      if (featured) addEmail(id, featured.email, emails);
      else {
        const [first = 'x', ...rest] = row.name.split(' ');
        const last = slugOf(rest.join(' ')).replaceAll('-', '');
        const domain = account.domains[0]!;
        const local = rng.weighted([[`${slugOf(first)}.${last}`, 6], [`${slugOf(first)[0]}${last}`, 2], [`${slugOf(first)}`, 1]] as const);
        if (rng.chance(0.93) && !addEmail(id, `${local}@${domain}`, emails)) addEmail(id, `${local}${rng.int(2, 99)}@${domain}`, emails);
        // Some people write from a second address: another company domain or a personal one.
        if (rng.chance(0.12)) {
          const other = account.domains[1] ?? rng.pick(['gmail.com', 'outlook.com', 'proton.me']);
          addEmail(id, `${slugOf(first)}.${last}${other === account.domains[1] ? '' : rng.int(1, 99)}@${other}`, emails);
        }
      }
      out.plans.push({ row, account, emails, featured });
    }
  }
  return out;
}

function featuredRow(ctx: DemoContext, id: string, account: AccountPlan, person: FeaturedPerson, slugFor: (raw: string) => string | null): Row<'contacts'> {
  const titleAt = daysAgo(ctx.now, person.titleRefreshedDaysAgo);
  const crmAt = daysAgo(ctx.now, Math.min(account.ageDays, 150));
  return {
    id,
    team_id: ctx.teamId,
    account_id: account.row.id,
    external_id: `SF-CON-F${id.slice(-6)}`,
    name: person.name,
    name_key: nameKey(person.name),
    title: person.title,
    seniority: person.seniority,
    department: person.department,
    location: person.location,
    buying_role: person.buyingRole,
    linkedin_slug: slugFor(person.slug),
    tenure_start: person.tenureStart,
    past_employers: JSON.stringify(person.pastEmployers),
    field_sources: JSON.stringify({
      title: { source: 'crm', refreshedAt: titleAt },
      seniority: { source: 'crm', refreshedAt: titleAt },
      department: { source: 'crm', refreshedAt: titleAt },
      location: { source: 'linkedin', refreshedAt: crmAt },
      tenure_start: { source: 'crm', refreshedAt: titleAt },
      past_employers: { source: 'enrichment', refreshedAt: titleAt },
    }),
    last_touch_at: null,
    last_touch_type: null,
    last_touch_by: null,
    created_at: account.row.created_at,
    updated_at: titleAt > crmAt ? titleAt : crmAt,
  };
}

function generatedRow(ctx: DemoContext, rng: DemoContext['rng'], id: string, account: AccountPlan, n: number, slugFor: (raw: string) => string | null): Row<'contacts'> {
  const name = `${rng.pick(FIRST_NAMES)} ${rng.pick(LAST_NAMES)}`;
  // The first people at an account are its senior buyers; later ones fill out the team.
  const seniority: Seniority = n === 0 ? rng.pick(['executive', 'vp']) : n < 3 ? rng.pick(['vp', 'director', 'manager']) : rng.weighted([['director', 2], ['manager', 3], ['senior', 4], ['entry', 2]] as const);
  const department: Department = n === 0 ? rng.pick(['data', 'engineering', 'it']) : rng.weighted(DEPARTMENT_NAMES.map((d) => [d, d === 'data' || d === 'engineering' ? 3 : 1] as const));
  const title = DEPARTMENTS[department][seniority];
  const buyingRole = roleFor(rng, seniority, department, n);
  const slugBase = slugOf(name);
  const slug = rng.chance(0.88)
    ? (rng.chance(0.5) ? slugFor(slugBase) : null) ?? slugFor(`${slugBase}-${rng.hex(rng.pick([6, 8]))}`)
    : null;
  const territory = TERRITORIES.find((t) => t.territory === account.row.territory);
  const location = rng.chance(0.8) || !territory ? account.city : rng.pick(territory.places)[0];
  const tenureDays = rng.int(60, 3200);
  // Created before the half-year of activities; enriched since (a quarter of titles over 180 days ago).
  const createdDays = rng.int(181, account.ageDays) + rng.next();
  const titleAt = daysAgo(ctx.now, Math.min(createdDays, rng.chance(0.25) ? rng.int(190, 720) : rng.int(2, 170)) + rng.next());
  const createdAt = daysAgo(ctx.now, createdDays);
  const pastEmployers = rng.sample(PAST_EMPLOYERS, rng.weighted([[0, 2], [1, 4], [2, 3], [3, 1]] as const)).map((company, k) => {
    const to = tenureDays + 30 + k * 900;
    return { company, title: DEPARTMENTS[department][SENIORITIES[Math.min(5, SENIORITIES.indexOf(seniority) + 1 + k)]!], from: monthAgo(ctx.now, to + rng.int(300, 850)), to: monthAgo(ctx.now, to) };
  });
  return {
    id,
    team_id: ctx.teamId,
    account_id: account.row.id,
    external_id: `SF-CON-${id.slice(-8)}`,
    name,
    name_key: nameKey(name),
    title,
    seniority,
    department,
    location,
    buying_role: buyingRole,
    linkedin_slug: slug,
    tenure_start: monthAgo(ctx.now, tenureDays),
    past_employers: JSON.stringify(pastEmployers),
    field_sources: JSON.stringify({
      title: { source: rng.pick(['crm', 'enrichment', 'linkedin']), refreshedAt: titleAt },
      seniority: { source: 'enrichment', refreshedAt: titleAt },
      department: { source: 'enrichment', refreshedAt: titleAt },
      location: { source: 'crm', refreshedAt: createdAt },
      tenure_start: { source: 'enrichment', refreshedAt: titleAt },
      past_employers: { source: 'enrichment', refreshedAt: titleAt },
    }),
    last_touch_at: null,
    last_touch_type: null,
    last_touch_by: null,
    created_at: createdAt,
    updated_at: titleAt > createdAt ? titleAt : createdAt,
  };
}

function roleFor(rng: DemoContext['rng'], seniority: Seniority, department: Department, n: number): string {
  if (n === 0) return 'decision_maker';
  if (n === 1) return 'champion';
  if (department === 'procurement' || department === 'security') return rng.chance(0.4) ? 'blocker' : 'influencer';
  if (seniority === 'executive' || seniority === 'vp') return rng.pick(['decision_maker', 'influencer']);
  if (seniority === 'director' || seniority === 'manager') return rng.weighted([['influencer', 3], ['champion', 1], ['user', 1]] as const);
  return rng.weighted([['user', 3], ['influencer', 1], ['other', 1]] as const);
}
