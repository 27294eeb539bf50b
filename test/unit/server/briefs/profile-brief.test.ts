/**
 * One LinkedIn profile's brief in one statement (server/briefs/profile-brief.ts): it answers
 * exactly what the general path (resolve, then read the record) answers — for every spelling of
 * the URL, a job change on the page, a contact without an account, a teammate's correction to the
 * same or another person or to an account, an unknown or lookalike profile, another team's
 * profile — and a warm one costs one statement. Runs on both dialects.
 */
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { BriefRef } from '../../../../shared/brief.ts';
import type { LinkedInRef } from '../../../../shared/refs.ts';
import { briefsForRefs, briefsJsonForRefs } from '../../../../server/briefs/batch.ts';
import { dialectUnderTest, makeHarness, type Harness } from '../harness.ts';
import { countStatements } from '../statements.ts';
import { seedBriefTeam, type BriefTeam } from './seed.ts';

let h: Harness;
let team: BriefTeam;
beforeAll(async () => {
  h = await makeHarness();
  team = await seedBriefTeam(h);
});
afterAll(async () => h.close());
beforeEach(async () => {
  await h.db.kysely.deleteFrom('aliases').execute();
});

const profile = (url: string, page: Partial<LinkedInRef> = {}): LinkedInRef => ({ kind: 'linkedin', profileUrl: url, ...page });

/** The brief as `POST /v1/briefs` sends it for this one ref (the fast path when it applies). */
async function sent(ref: LinkedInRef, token = h.rep.token) {
  const res = await h.request('POST', '/v1/briefs', { json: { refs: [ref] }, token });
  expect(res.status).toBe(200);
  return ((await res.json()) as { briefs: unknown[] }).briefs[0];
}

/** The same ref's brief by the general path: a batch of two never takes the one-profile statement. */
async function general(ref: LinkedInRef, teamId = h.teamA) {
  const refs: BriefRef[] = [ref, { contactId: 'ct_nobody' }];
  const [brief] = await briefsForRefs(h.db, teamId, refs, h.clock.now);
  return JSON.parse(JSON.stringify(brief)) as unknown;
}

async function alias(ref: LinkedInRef, to: { contactId: string } | { accountId: string }) {
  const res = await h.request('POST', '/v1/aliases', { json: { ref, ...to } });
  expect(res.status).toBe(201);
}

describe(`a brief for one LinkedIn profile (${dialectUnderTest})`, () => {
  it('answers what resolving and reading the record answer, for any spelling of the URL', async () => {
    for (const url of [
      'https://www.linkedin.com/in/dana-reyes/',
      'https://se.linkedin.com/in/Dana-Reyes?trk=public_profile',
      'linkedin.com/in/dana-reyes/details/experience/',
      'https://www.linkedin.com/in/dana%2Dreyes',
    ]) {
      const brief = await sent(profile(url));
      expect(brief).toMatchObject({ match: { contactId: team.dana, method: 'linkedin_url' } });
      expect(brief).toEqual(await general(profile(url)));
    }
  });

  it('costs one statement once the account is warm', async () => {
    const ref = profile('https://www.linkedin.com/in/dana-reyes/');
    await briefsJsonForRefs(h.db, h.teamA, [ref], h.clock.now);
    expect(await countStatements(h.db.kysely, () => briefsJsonForRefs(h.db, h.teamA, [ref], h.clock.now))).toBe(1);
  });

  it('shows a job change the page shows, and answers a contact without an account', async () => {
    const moved = profile('https://www.linkedin.com/in/ravi-kumaran/', { company: 'Tata Consultancy Services', title: 'Architect' });
    const brief = await sent(moved);
    expect(JSON.stringify(brief)).toContain('Tata Consultancy Services');
    expect(brief).toEqual(await general(moved));
    const solo = profile('https://www.linkedin.com/in/sam-solo/');
    expect(await sent(solo)).toMatchObject({ match: { contactId: team.solo }, account: null });
    expect(await sent(solo)).toEqual(await general(solo));
  });

  it("follows a teammate's correction to the same person, another person, or an account", async () => {
    const dana = profile('https://www.linkedin.com/in/dana-reyes/');
    await alias(dana, { contactId: team.dana });
    expect(await sent(dana)).toMatchObject({ match: { contactId: team.dana, method: 'alias' } });
    expect(await sent(dana)).toEqual(await general(dana));

    await h.db.kysely.deleteFrom('aliases').execute();
    await alias(dana, { contactId: team.lee });
    expect(await sent(dana)).toMatchObject({ match: { contactId: team.lee, method: 'alias' }, contact: { id: team.lee } });
    expect(await sent(dana)).toEqual(await general(dana));

    await h.db.kysely.deleteFrom('aliases').execute();
    await alias(dana, { accountId: team.initech });
    expect(await sent(dana)).toMatchObject({ match: { accountId: team.initech, method: 'alias' }, contact: null });
    expect(await sent(dana)).toEqual(await general(dana));
  });

  it('answers null for an unknown or lookalike profile, and each team its own contact', async () => {
    expect(await sent(profile('https://www.linkedin.com/in/nobody-here/'))).toBeNull();
    // Cyrillic "а" in the slug: never the real Dana.
    expect(await sent(profile('https://www.linkedin.com/in/d\u0430na-reyes/'))).toBeNull();
    const theirs = await sent(profile('https://www.linkedin.com/in/dana-reyes/'), h.otherRep.token);
    expect(theirs).toMatchObject({ match: { contactId: team.otherContact } });
    expect(theirs).toEqual(await general(profile('https://www.linkedin.com/in/dana-reyes/'), h.teamB));
  });
});
