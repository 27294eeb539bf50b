import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Brief } from '../../../../shared/brief.ts';
import { briefFor } from '../../../../server/briefs/brief-for.ts';
import { gatherBriefFacts } from '../../../../server/briefs/gather.ts';
import { READ_LIMITS } from '../../../../server/briefs/queries.ts';
import { makeHarness, type Harness } from '../harness.ts';
import { seedBriefTeam, type BriefTeam } from './seed.ts';
import { countStatements } from '../statements.ts';

let h: Harness;
let team: BriefTeam;
beforeAll(async () => {
  h = await makeHarness();
  team = await seedBriefTeam(h);
});
afterAll(() => h.close());

/** Counts the statements the brief code sends (Kysely's executor and the direct SQLite path). */
const statementsFor = (run: () => Promise<unknown>) => countStatements(h.db.kysely, run);

describe('gathering a brief', () => {
  it('reads any brief in one statement', async () => {
    expect(await statementsFor(() => gatherBriefFacts(h.db, h.teamA, { contactId: team.dana }, h.clock.now))).toBe(1);
    expect(await statementsFor(() => gatherBriefFacts(h.db, h.teamA, { accountId: team.acme }, h.clock.now))).toBe(1);
  });

  it('answers null for a record of another team, reading nothing of it', async () => {
    expect(await gatherBriefFacts(h.db, h.teamA, { contactId: team.otherContact }, h.clock.now)).toBeNull();
    expect(await gatherBriefFacts(h.db, h.teamB, { accountId: team.acme }, h.clock.now)).toBeNull();
  });

  it('reads events from the last 90 days only, and at most 500 of them however busy the account', async () => {
    const at = (minutes: number) => new Date(h.clock.now.getTime() - minutes * 60_000).toISOString();
    const rows = Array.from({ length: READ_LIMITS.events + 100 }, (_, n) => ({
      team_id: h.teamA,
      account_id: team.initech,
      contact_id: null,
      kind: 'web_visit',
      occurred_at: at(n + 1),
      source: 'test',
      natural_key: `busy-${n}`,
      data: JSON.stringify({ url: 'https://northwind.example/blog', pageType: 'blog' }),
    }));
    for (let i = 0; i < rows.length; i += 100) await h.db.kysely.insertInto('events').values(rows.slice(i, i + 100)).execute();
    const gathered = await gatherBriefFacts(h.db, h.teamA, { accountId: team.initech }, h.clock.now);
    expect(gathered!.account!.facts.events).toHaveLength(READ_LIMITS.events);
    expect(gathered!.account!.facts.events[0]!.occurredAt).toBe(at(1));

    const acme = await gatherBriefFacts(h.db, h.teamA, { accountId: team.acme }, h.clock.now);
    const oldest = acme!.account!.facts.events.at(-1)!.occurredAt;
    expect(Date.parse(oldest)).toBeGreaterThan(h.clock.now.getTime() - 90 * 86_400_000);
  });

  it('gives the same brief on the same clock, and it fits the shared schema', async () => {
    const first = await briefFor(h.db, h.teamA, { contactId: team.dana }, h.clock.now);
    const second = await briefFor(h.db, h.teamA, { contactId: team.dana }, h.clock.now);
    expect(second).toEqual(first);
    expect(() => Brief.parse(first)).not.toThrow();
  });
});
