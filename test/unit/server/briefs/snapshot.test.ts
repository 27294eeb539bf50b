/**
 * Persisted account intelligence: a brief served from a snapshot is the brief computed fresh,
 * and every write a brief shows makes the next brief recompute. Runs on both dialects.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Brief } from '../../../../shared/brief.ts';
import { assembleBrief } from '../../../../server/briefs/assemble.ts';
import { briefsForRefs, briefsJsonForRefs } from '../../../../server/briefs/batch.ts';
import { briefFor, recordMatch, type BriefTarget } from '../../../../server/briefs/brief-for.ts';
import { gatherBriefFacts } from '../../../../server/briefs/gather.ts';
import { refreshAccountIntel } from '../../../../server/briefs/refresh.ts';
import { intelValidUntil } from '../../../../server/briefs/snapshot.ts';
import type { OpenedDatabase } from '../../../../server/db/connect.ts';
import { DEFAULT_SETTINGS } from '../../../../server/intel/settings.ts';
import { DEMO_SEED, seedDemo, type SeededDemo } from '../../../../server/seed/demo.ts';
import { dialectUnderTest, makeHarness, openTestDatabase, type Harness } from '../harness.ts';
import { csv, postCsv } from '../imports/helpers.ts';
import { seedBriefTeam, type BriefTeam } from './seed.ts';
import { countStatements } from '../statements.ts';

const NOW = new Date('2026-11-23T09:00:00.000Z');

/** The brief computed from freshly gathered facts, never touching a snapshot. */
async function freshBrief(db: OpenedDatabase, teamId: string, target: BriefTarget, now: Date): Promise<Brief | null> {
  const gathered = await gatherBriefFacts(db, teamId, target, now);
  return gathered ? assembleBrief(gathered, { match: target.match ?? recordMatch(target), ...(target.page ? { page: target.page } : {}) }, now) : null;
}

/** Counts the statements sent while `run` runs. */
const statementsFor = (db: OpenedDatabase, run: () => Promise<unknown>) => countStatements(db.kysely, run);

describe(`persisted account intelligence on the demo team (${dialectUnderTest})`, () => {
  let db: OpenedDatabase;
  let cleanup: () => Promise<void>;
  let seeded: SeededDemo;
  beforeAll(async () => {
    ({ db, cleanup } = await openTestDatabase());
    seeded = await seedDemo(db.kysely, { seed: DEMO_SEED, now: NOW });
  });
  afterAll(async () => cleanup());

  it('serves every brief from a snapshot exactly as it would compute it fresh, job changes included', async () => {
    const { accounts } = await refreshAccountIntel(db, seeded.teamId, NOW, { pageSize: 64 });
    expect(accounts).toBeGreaterThan(100);
    const contacts = await db.kysely.selectFrom('contacts').select(['id', 'account_id']).where('team_id', '=', seeded.teamId).orderBy('id').execute();
    const targets: BriefTarget[] = [
      ...contacts.filter((_, i) => i % 7 === 0).map((c) => ({ contactId: c.id })),
      // A page naming another employer: the job change and the champion's play are the contact's part.
      ...contacts.filter((_, i) => i % 11 === 0).map((c) => ({ contactId: c.id, page: { company: 'Somewhere Else Entirely AB', title: 'CEO' } })),
      ...[...new Set(contacts.map((c) => c.account_id))].filter((id): id is string => !!id).slice(0, 80).map((accountId) => ({ accountId })),
    ];
    expect(targets.length).toBeGreaterThan(200);
    let withSignals = 0;
    for (const target of targets) {
      let served: Brief | null = null;
      // A warm brief is one statement: nothing about the account is gathered.
      expect(await statementsFor(db, async () => (served = await briefFor(db, seeded.teamId, target, NOW)))).toBe(1);
      expect(served).toEqual(await freshBrief(db, seeded.teamId, target, NOW));
      if (served!.signals.length) withSignals++;
    }
    expect(withSignals).toBeGreaterThan(20);
  });

  it('sends a warm brief as the JSON of the fresh brief, its stored account parts spliced in unparsed', async () => {
    const contacts = await db.kysely.selectFrom('contacts').select(['id', 'account_id']).where('team_id', '=', seeded.teamId).orderBy('id').execute();
    const refs = [
      ...contacts.filter((_, i) => i % 13 === 0).map((c) => ({ contactId: c.id })),
      ...[...new Set(contacts.map((c) => c.account_id))].filter((id): id is string => !!id).slice(0, 30).map((accountId) => ({ accountId })),
      { contactId: 'ct_nobody' },
    ];
    for (const ref of refs) {
      const json = await briefsJsonForRefs(db, seeded.teamId, [ref], NOW);
      const fresh = await freshBrief(db, seeded.teamId, ref, NOW);
      expect(JSON.parse(json)).toEqual({ briefs: [fresh] });
      // The same text the parsed objects serialise to: the splice is exact, not merely equivalent.
      expect(json).toBe(JSON.stringify({ briefs: await briefsForRefs(db, seeded.teamId, [ref], NOW) }));
    }
    const stored = await db.kysely.selectFrom('account_intel').select(['payload', 'shown']).where('team_id', '=', seeded.teamId).limit(1).executeTakeFirstOrThrow();
    // The core a brief parses is a fraction of what it sends.
    expect(stored.payload.length * 2).toBeLessThan(stored.payload.length + (stored.shown ?? '').length);
    expect(JSON.parse(stored.payload).version).toBeTypeOf('number');
  });

  it('recomputes an expired snapshot, and stores it for the next brief', async () => {
    const later = new Date('2026-11-24T08:00:00.000Z'); // past the next UTC midnight
    const [contact] = await db.kysely.selectFrom('contacts').select(['id', 'account_id']).where('team_id', '=', seeded.teamId).where('account_id', 'is not', null).limit(1).execute();
    const target = { contactId: contact!.id };
    const computedAt = () =>
      db.kysely.selectFrom('account_intel').select('computed_at').where('team_id', '=', seeded.teamId).where('account_id', '=', contact!.account_id!).executeTakeFirst();
    expect((await computedAt())?.computed_at).toBe(NOW.toISOString());
    expect(await statementsFor(db, () => briefFor(db, seeded.teamId, target, later))).toBe(2); // read, then gather (and store)
    expect((await computedAt())?.computed_at).toBe(later.toISOString());
    expect(await briefFor(db, seeded.teamId, target, later)).toEqual(await freshBrief(db, seeded.teamId, target, later));
    expect(await statementsFor(db, () => briefFor(db, seeded.teamId, target, later))).toBe(1);
  });
});

describe('how long a snapshot is served', () => {
  it('until the next UTC midnight, or its maximum age when that comes first', () => {
    expect(intelValidUntil(new Date('2026-11-23T09:00:00.000Z'), DEFAULT_SETTINGS)).toBe('2026-11-24T00:00:00.000Z');
    expect(intelValidUntil(new Date('2026-11-23T23:59:00.000Z'), DEFAULT_SETTINGS)).toBe('2026-11-24T00:00:00.000Z');
    expect(intelValidUntil(new Date('2026-11-23T09:00:00.000Z'), { ...DEFAULT_SETTINGS, snapshotMaxAgeMinutes: 30 })).toBe('2026-11-23T09:30:00.000Z');
  });
});

describe(`writes a brief shows make the next brief recompute (${dialectUnderTest})`, () => {
  let h: Harness;
  let team: BriefTeam;
  beforeAll(async () => {
    h = await makeHarness();
    team = await seedBriefTeam(h);
  });
  afterAll(() => h.close());

  const accountBrief = async () => {
    const res = await h.request('POST', '/v1/briefs', { json: { refs: [{ accountId: team.acme }] } });
    expect(res.status).toBe(200);
    return ((await res.json()) as { briefs: Brief[] }).briefs[0]!;
  };
  const snapshots = async () => (await h.db.kysely.selectFrom('account_intel').select('account_id').where('account_id', '=', team.acme).execute()).length;

  it('a logged activity shows on the next brief', async () => {
    const before = await accountBrief();
    expect(await snapshots()).toBe(1);
    const logged = await h.request('POST', '/v1/activities', {
      json: { activities: [{ id: '5b1d2c3b-0a9e-4f8d-9c7b-1a2b3c4d5e6f', type: 'meeting', subject: 'Pricing review', occurredAt: '2026-11-23T08:00:00.000Z', contactId: team.dana, surface: 'calendar' }] },
    });
    expect(logged.status).toBe(200);
    const after = await accountBrief();
    expect(after.relationship.meetings).toBe(before.relationship.meetings + 1);
    expect(after.relationship.lastTouch?.at).toBe('2026-11-23T08:00:00.000Z');
  });

  it('a webhook event shows on the next brief', async () => {
    await accountBrief();
    const res = await h.request('POST', '/v1/webhooks/intent', {
      token: h.webhookToken,
      json: { deliveryId: 'd-snap', events: [{ domain: 'acme.com', topic: 'Snapshot freshness', score: 97, week: '2026-11-16' }] },
    });
    expect(res.status).toBe(200);
    expect((await accountBrief()).intent?.topics.map((t) => t.topic)).toContain('Snapshot freshness');
  });

  it('an imported row shows on the next brief', async () => {
    await accountBrief();
    const imported = await postCsv(h, 'technologies', csv('account_domain,name,category,competitor', 'acme.com,Snapshot DB,Database,false'));
    expect(imported.status).toBe(200);
    expect((await accountBrief()).account?.technologies.map((t) => t.name)).toContain('Snapshot DB');
  });

  it('an erased person leaves the next brief', async () => {
    expect((await accountBrief()).stakeholders.map((s) => s.contactId)).toContain('ct_lee');
    const res = await h.request('POST', '/v1/admin/erasures', { token: h.admin.token, json: { contactId: 'ct_lee' } });
    expect(res.status).toBeLessThan(300);
    expect((await accountBrief()).stakeholders.map((s) => s.contactId)).not.toContain('ct_lee');
  });

  it("a change to the team's thresholds drops its snapshots", async () => {
    await accountBrief();
    const res = await h.request('PUT', '/v1/admin/settings/thresholds', {
      token: h.admin.token,
      json: { pricingVisits: 9, pricingWindowDays: 7, intentSurge: 99, staleAfterDays: 365 },
    });
    expect(res.status).toBe(200);
    expect(await snapshots()).toBe(0);
    expect((await accountBrief()).signals.map((s) => s.kind)).not.toContain('pricing_visits');
  });
});
