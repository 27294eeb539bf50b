import { domainToASCII } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { KyselyPlugin } from 'kysely';
import { Resolution } from '../../../../shared/match.ts';
import type { IdentityRef } from '../../../../shared/refs.ts';
import { resolveRefs } from '../../../../server/identity/resolve.ts';
import { makeHarness, type Harness } from '../harness.ts';
import { ids, seedCrm } from './crm.ts';

let h: Harness;
beforeAll(async () => {
  h = await makeHarness();
  await seedCrm(h);
});
afterAll(() => h.close());

async function resolve(refs: unknown[], token?: string): Promise<Resolution[]> {
  const res = await h.request('POST', '/v1/resolve', { json: { refs }, ...(token ? { token } : {}) });
  expect(res.status).toBe(200);
  const body = (await res.json()) as { resolutions: unknown[] };
  // Every answer honours the shared contract the extension parses it with.
  return body.resolutions.map((r) => Resolution.parse(r));
}
const linkedin = (profileUrl: string, extra: Record<string, string> = {}) => ({ kind: 'linkedin', profileUrl, ...extra });
const email = (address: string, name?: string) => ({ kind: 'email', address, ...(name ? { name } : {}) });
const domain = (d: string) => ({ kind: 'domain', domain: d });

describe('LinkedIn profile URLs', () => {
  it('finds the contact from any spelling of the profile URL, in the order asked', async () => {
    const urls = [
      'https://se.linkedin.com/in/jane-doe',
      'https://www.linkedin.com/in/jane-doe/',
      'linkedin.com/in/jane-doe?trk=people-guest_people_search-card',
      'https://www.linkedin.com/in/JANE-DOE/',
      'https://www.linkedin.com/in/jane-doe/details/experience/',
      'https://de.linkedin.com/in/j%C3%B6rg-m%C3%BCller/',
    ];
    const out = await resolve(urls.map((u) => linkedin(u)));
    expect(out.map((r) => r.match?.contactId)).toEqual([ids.jane, ids.jane, ids.jane, ids.jane, ids.jane, ids.jorg]);
    expect(out[0]!.match).toEqual({
      contactId: ids.jane,
      accountId: ids.acme,
      method: 'linkedin_url',
      confidence: 1,
      explanation: 'LinkedIn URL in CRM',
    });
  });

  it('matches a contact with no account by contact alone', async () => {
    const [r] = await resolve([linkedin('https://www.linkedin.com/in/sam-lee/')]);
    expect(r!.match).toMatchObject({ contactId: ids.noAccount, method: 'linkedin_url' });
    expect(r!.match!.accountId).toBeUndefined();
  });

  it('an unknown profile or a company page matches nothing, and a company page says why', async () => {
    const [unknown, company] = await resolve([
      linkedin('https://www.linkedin.com/in/jane-doe-000/'),
      linkedin('https://www.linkedin.com/company/acme/'),
    ]);
    expect(unknown).toEqual({ match: null, suggestions: [], warnings: [] });
    expect(company!.match).toBeNull();
    expect(company!.warnings).toEqual(['Not a LinkedIn profile URL']);
  });
});

describe('email addresses', () => {
  it('finds the contact whatever the case, spacing or display-name wrapping', async () => {
    const out = await resolve([email(' Jane.Doe@ACME.com '), email('Jane Doe <jane.doe@acme.com>'), email('mailto:JOHN@acme.com')]);
    expect(out.map((r) => r.match?.contactId)).toEqual([ids.jane, ids.jane, ids.john]);
    expect(out[0]!.match).toMatchObject({ method: 'email', confidence: 1, explanation: 'Email address in CRM', accountId: ids.acme });
  });

  it('a plus-address is a different person: it names the company by domain, never the contact', async () => {
    const [r] = await resolve([email('jane.doe+news@acme.com')]);
    expect(r!.match).toEqual({ accountId: ids.acme, method: 'domain', confidence: 0.6, explanation: 'Company domain acme.com' });
  });

  it('a personal address on file finds its contact, even at a free-mail provider', async () => {
    const [r] = await resolve([email('Priya.Raman@gmail.com')]);
    expect(r!.match).toMatchObject({ contactId: ids.priya, method: 'email' });
  });
});

describe('company domains', () => {
  it('ignores www and case, accepts a pasted URL, and knows several domains per account', async () => {
    const out = await resolve([domain('WWW.Acme.com.'), domain('https://www.acme.com/pricing'), domain('acmecorp.io'), domain('globex.com')]);
    expect(out.map((r) => r.match?.accountId)).toEqual([ids.acme, ids.acme, ids.acme, ids.globex]);
    expect(out[0]!.match).toEqual({ accountId: ids.acme, method: 'domain', confidence: 0.9, explanation: 'Company domain acme.com' });
  });

  it('an exact host wins over its registrable domain; other subdomains fall back to it', async () => {
    const [eu, sales] = await resolve([domain('eu.acme.com'), domain('sales.acme.com')]);
    expect(eu!.match).toMatchObject({ accountId: ids.acmeEurope, confidence: 0.9 });
    expect(sales!.match).toEqual({
      accountId: ids.acme,
      method: 'domain',
      confidence: 0.85,
      explanation: 'Company domain acme.com (from sales.acme.com)',
    });
  });

  it('a free-mail domain never matches an account, even one that lists it', async () => {
    const [asDomain, asEmail, subdomain] = await resolve([domain('gmail.com'), email('someone.new@gmail.com'), domain('mail.gmail.com')]);
    expect(asDomain!.match).toBeNull();
    expect(asDomain!.warnings).toEqual(['gmail.com is a free-mail provider, not a company']);
    expect(asEmail).toEqual({ match: null, suggestions: [], warnings: [] });
    expect(subdomain!.match).toBeNull();
    // The same account's real domain still works.
    const [google] = await resolve([domain('google.com')]);
    expect(google!.match?.accountId).toBe(ids.alphabet);
  });
});

describe('name + company', () => {
  it('suggests the namesake at the same company first and never links', async () => {
    const [r] = await resolve([linkedin('https://www.linkedin.com/in/jane-d-999/', { name: 'Jane Doe', company: 'ACME Inc' })]);
    expect(r!.match).toBeNull();
    expect(r!.suggestions.map((s) => [s.contactId, s.confidence])).toEqual([
      [ids.jane, 0.7],
      [ids.janeGlobex, 0.3],
    ]);
    expect(r!.suggestions[0]).toMatchObject({ name: 'Jane Doe', title: 'VP Engineering', accountName: 'Acme, Inc.', explanation: 'Same name at Acme, Inc.' });
  });

  it('a name ref gives suggestions only, at most five', async () => {
    const [jane, alex] = await resolve([
      { kind: 'name', name: 'jane doe', company: 'Globex' },
      { kind: 'name', name: 'Alex Kim' },
    ]);
    expect(jane!.match).toBeNull();
    expect(jane!.suggestions[0]!.contactId).toBe(ids.janeGlobex);
    expect(alex!.match).toBeNull();
    expect(alex!.suggestions).toHaveLength(5);
  });

  it("an email's display name suggests people at the account its domain matched", async () => {
    const [r] = await resolve([email('j.doe@acme.com', 'Doe, Jane')]);
    expect(r!.match).toMatchObject({ accountId: ids.acme, method: 'domain' });
    expect(r!.match!.contactId).toBeUndefined();
    expect(r!.suggestions[0]).toMatchObject({ contactId: ids.jane, confidence: 0.7 });
  });

  it('a known person gets no suggestions: the match is the answer', async () => {
    const [r] = await resolve([linkedin('https://www.linkedin.com/in/jane-doe/', { name: 'Jane Doe', company: 'Acme' })]);
    expect(r!.match?.contactId).toBe(ids.jane);
    expect(r!.suggestions).toEqual([]);
  });
});

describe('lookalikes', () => {
  it('a Cyrillic а in acme.com never matches Acme and says so, spelled either way', async () => {
    const cyrillic = 'аcme.com';
    const out = await resolve([domain(cyrillic), domain(domainToASCII(cyrillic)), domain('www.аcme.com')]);
    for (const r of out) {
      expect(r.match).toBeNull();
      expect(r.warnings).toEqual(['acme.com lookalike: contains Cyrillic letters']);
    }
  });

  it('a lookalike address never matches the real contact and gets no suggestions', async () => {
    const [r] = await resolve([email('jane.doe@аcme.com', 'Jane Doe')]);
    expect(r!.match).toBeNull();
    expect(r!.suggestions).toEqual([]);
    expect(r!.warnings).toEqual(['jane.doe@acme.com lookalike: contains Cyrillic letters']);
  });

  it('a Cyrillic letter in the mailbox name never finds the person', async () => {
    const [r] = await resolve([email('jаne.doe@acme.com', 'Jane Doe')]);
    expect(r!.match?.contactId).toBeUndefined();
    expect(r!.suggestions).toEqual([]);
    expect(r!.warnings).toEqual(['jane.doe@acme.com lookalike: contains Cyrillic letters']);
  });

  it('a zero-width character in a profile URL, address or domain never matches, and is named', async () => {
    const out = await resolve([
      linkedin('https://www.linkedin.com/in/jane\u200b-doe/'),
      linkedin('https://www.linkedin.com/in/jane%E2%80%8B-doe/'),
      email('jane.doe\u200b@acme.com'),
      domain('ac\u200dme.com'),
    ]);
    expect(out.map((r) => r.match)).toEqual([null, null, null, null]);
    expect(out.map((r) => r.warnings[0])).toEqual([
      'linkedin.com/in/jane-doe lookalike: contains invisible characters',
      'linkedin.com/in/jane-doe lookalike: contains invisible characters',
      'jane.doe@acme.com lookalike: contains invisible characters',
      'acme.com lookalike: contains invisible characters',
    ]);
  });

  it('fullwidth and Greek letters are lookalikes too', async () => {
    const [fullwidth, greek] = await resolve([domain('ａcme.com'), domain('acme.cοm')]);
    expect(fullwidth!.match).toBeNull();
    expect(fullwidth!.warnings).toEqual(['acme.com lookalike: contains letters that imitate other letters']);
    expect(greek!.match).toBeNull();
    expect(greek!.warnings).toEqual(['acme.com lookalike: contains Greek letters']);
  });
});

describe('calendar events', () => {
  it("resolves every guest and names the account most external guests belong to", async () => {
    const [r] = await resolve([
      {
        kind: 'event',
        eventId: 'evt-1',
        title: 'Acme / us: pricing',
        start: '2026-11-24T10:00:00Z',
        attendees: [email('rep@a.test'), email('jane.doe@acme.com'), email('new.person@acme.com'), email('priya@globex.com'), email('pal@gmail.com')],
      },
    ]);
    expect(r!.match).toEqual({
      accountId: ids.acme,
      method: 'email',
      confidence: 1,
      explanation: '2 of 4 external attendees are at this account',
    });
    expect(r!.attendees!.map((a) => a.match?.contactId ?? a.match?.accountId ?? null)).toEqual([null, ids.jane, ids.acme, ids.priya, null]);
  });

  it('a meeting with a lookalike guest carries the warning at the top', async () => {
    const [r] = await resolve([
      { kind: 'event', eventId: 'evt-2', title: 'Invoice', start: '2026-11-24T10:00:00Z', attendees: [email('billing@аcme.com')] },
    ]);
    expect(r!.match).toBeNull();
    expect(r!.warnings).toEqual(['billing@acme.com lookalike: contains Cyrillic letters']);
  });
});

describe('teams are separate', () => {
  it("team B's token resolving team A's people finds nothing and suggests nothing", async () => {
    const out = await resolve(
      [linkedin('https://www.linkedin.com/in/jane-doe/', { name: 'Jane Doe' }), email('jane.doe@acme.com'), domain('acme.com')],
      h.otherRep.token,
    );
    expect(out).toEqual([
      { match: null, suggestions: [], warnings: [] },
      { match: null, suggestions: [], warnings: [] },
      { match: null, suggestions: [], warnings: [] },
    ]);
    const [own] = await resolve([linkedin('https://www.linkedin.com/in/bob-slydell/')], h.otherRep.token);
    expect(own!.match?.contactId).toBe(ids.bob);
  });
});

describe('request validation', () => {
  const post = (body: unknown, headers: Record<string, string> = {}) =>
    h.request('POST', '/v1/resolve', { body: JSON.stringify(body), headers: { 'content-type': 'application/json', ...headers } });

  it('refuses more than 50 refs, naming the field', async () => {
    const res = await post({ refs: Array.from({ length: 51 }, () => domain('acme.com')) });
    expect(res.status).toBe(422);
    expect(res.headers.get('content-type')).toBe('application/problem+json');
    expect(await res.json()).toMatchObject({ type: '/problems/validation-error', field: 'refs' });
  });

  it('refuses an empty list', async () => {
    const res = await post({ refs: [] });
    expect(res.status).toBe(422);
    expect((await res.json()).field).toBe('refs');
  });

  it('refuses unknown fields, naming them', async () => {
    const top = await post({ refs: [domain('acme.com')], everything: true });
    expect(top.status).toBe(422);
    expect((await top.json()).field).toBe('everything');
    const inner = await post({ refs: [{ ...domain('acme.com'), nickname: 'x' }] });
    expect(inner.status).toBe(422);
    expect((await inner.json()).field).toBe('refs[0].nickname');
  });

  it('refuses a body that is not JSON with 415', async () => {
    const res = await h.request('POST', '/v1/resolve', { body: 'refs=acme.com', headers: { 'content-type': 'application/x-www-form-urlencoded' } });
    expect(res.status).toBe(415);
    expect(await res.json()).toMatchObject({ type: '/problems/unsupported-media-type' });
  });

  it('needs a token', async () => {
    const res = await h.request('POST', '/v1/resolve', { token: null, json: { refs: [domain('acme.com')] } });
    expect(res.status).toBe(401);
  });
});

describe('cost', () => {
  /** Counts the statements a resolution sends. */
  function counting() {
    const seen = { queries: 0 };
    // transformQuery also runs for each branch of a union as it is built; a result is one per statement sent.
    const plugin: KyselyPlugin = {
      transformQuery: (args) => args.node,
      transformResult: async (args) => {
        seen.queries += 1;
        return args.result;
      },
    };
    return { db: h.db.kysely.withPlugin(plugin), seen };
  }

  it('one LinkedIn ref costs one query, alias check included', async () => {
    const { db, seen } = counting();
    const [r] = await resolveRefs(db, h.teamA, [{ kind: 'linkedin', profileUrl: 'https://www.linkedin.com/in/jane-doe/' }]);
    expect(r!.match?.contactId).toBe(ids.jane);
    expect(seen.queries).toBe(1);
  });

  it('fifty mixed refs cost one query too', async () => {
    const { db, seen } = counting();
    const refs: IdentityRef[] = Array.from({ length: 50 }, (_, i) =>
      i % 3 === 0
        ? { kind: 'linkedin', profileUrl: `https://www.linkedin.com/in/person-${i}/` }
        : i % 3 === 1
          ? { kind: 'email', address: `person${i}@acme.com` }
          : { kind: 'domain', domain: `sub${i}.globex.com` },
    );
    const out = await resolveRefs(db, h.teamA, refs);
    expect(out).toHaveLength(50);
    expect(out[1]!.match?.accountId).toBe(ids.acme);
    expect(out[2]!.match?.accountId).toBe(ids.globex);
    expect(seen.queries).toBe(1);
  });

  it('fifty meetings of 200 guests each stay within the databases\' parameter limits', async () => {
    const { db, seen } = counting();
    const refs: IdentityRef[] = Array.from({ length: 50 }, (_, e) => ({
      kind: 'event',
      eventId: `evt-${e}`,
      title: 'All hands',
      start: '2026-11-24T10:00:00Z',
      attendees: Array.from({ length: 200 }, (_, a) => ({ kind: 'email' as const, address: `guest${e}-${a}@${a % 2 ? 'acme.com' : 'sub.globex.com'}` })),
    }));
    const out = await resolveRefs(db, h.teamA, refs);
    expect(out.every((r) => r.attendees?.length === 200)).toBe(true);
    expect(out[49]!.attendees![199]!.match?.accountId).toBe(ids.acme);
    // A tie (100 guests each): the account met first in the guest list wins.
    expect(out[49]!.match).toMatchObject({ accountId: ids.globex, explanation: '100 of 200 external attendees are at this account' });
    // 10,000 addresses and 20,000 alias keys: a handful of statements, not thousands.
    expect(seen.queries).toBeLessThanOrEqual(20);
  });
});
