/**
 * The soak's traffic (`npm run bench:soak`): what each of the scale team's 500 reps sends in a
 * busy hour, and the requests themselves, built from the scale data's samples.
 *
 * A rep's busy hour (per rep, per hour; docs/benchmarks.md says why each):
 * - 60 briefs: a profile a minute while prospecting; the panel asks one brief per profile it has
 *   not cached (by LinkedIn URL, or by contact id from the side panel).
 * - 20 resolves: LinkedIn search pages (~10 people each, some not in the CRM), Gmail threads and
 *   calendar days (a few addresses and a domain).
 * - 12 activity batches: the outbox flushing the emails, calls and messages the rep logs, 1-5 a
 *   batch; one in ten is a replay of a batch already answered (a retry after a lost answer).
 * - 6 account searches: the side panel's search box.
 * - 2 digests: the morning digest, opened again later.
 * 100 requests per rep-hour, 50,000 per hour for 500 reps (14 req/s): `SOAK_SCALE` multiplies it
 * (default 10: the same team's busy hour compressed tenfold, or a 5,000-rep team).
 */
import crypto from 'node:crypto';
import type { PlannedRequest } from './open-loop.ts';
import { mulberry32 } from '../../server/seed/prng.ts';

export const PER_REP_HOUR = { brief: 60, resolve: 20, activities: 12, search: 6, digest: 2 } as const;
export type SoakRoute = keyof typeof PER_REP_HOUR;

export const ROUTE_NAMES: Record<SoakRoute, string> = {
  brief: 'POST /v1/briefs',
  resolve: 'POST /v1/resolve',
  activities: 'POST /v1/activities',
  search: 'GET /v1/accounts?q=',
  digest: 'GET /v1/digest',
};

/**
 * The busy hour with some counts changed: `SOAK_MIX=search:0,brief:120` (per rep, per hour), to
 * see the other routes when one of them saturates the server, or to try another day's shape.
 */
export function mixFrom(spec: string | undefined): Record<SoakRoute, number> {
  const mix: Record<SoakRoute, number> = { ...PER_REP_HOUR };
  for (const part of (spec ?? '').split(',').map((p) => p.trim()).filter(Boolean)) {
    const [route, count] = part.split(':');
    if (!route || !(route in PER_REP_HOUR) || !(Number(count) >= 0)) {
      throw new Error(`SOAK_MIX: "${part}" is not route:count with a route among ${Object.keys(PER_REP_HOUR).join(', ')}`);
    }
    mix[route as SoakRoute] = Number(count);
  }
  return mix;
}

/** Requests per second for `reps` reps at `scale` times their busy hour. */
export const offeredRate = (mix: Record<SoakRoute, number>, reps: number, scale: number) =>
  (Object.values(mix).reduce((a, b) => a + b, 0) * reps * scale) / 3600;

export interface SoakData {
  /** One token per rep: every request is one rep's. */
  repTokens: string[];
  contacts: { ids: string[]; linkedinUrls: string[]; emails: string[]; names: string[] };
  accounts: { names: string[]; domains: string[] };
}

/** A seeded generator (the seeds' mulberry32), so two runs send the same sequence of choices. */
export const seededRandom = (seed: number): (() => number) => mulberry32(seed);

const TYPES = ['email', 'call', 'meeting', 'linkedin_message', 'note'] as const;
const SURFACES = { email: 'gmail', call: 'sidepanel', meeting: 'calendar', linkedin_message: 'linkedin', note: 'sidepanel' } as const;

interface SentBatch {
  token: string;
  body: string;
  count: number;
}

/** Builds each route's requests; remembers answered activity batches to replay some. */
export function soakRequests(data: SoakData, random: () => number = seededRandom(9)) {
  const pick = <T>(list: readonly T[]): T => {
    if (list.length === 0) throw new Error('the soak needs a non-empty sample');
    return list[Math.floor(random() * list.length)]!;
  };
  const json = (token: string) => ({ authorization: `Bearer ${token}`, 'content-type': 'application/json' });
  const bearer = (token: string) => ({ authorization: `Bearer ${token}` });
  const answered: SentBatch[] = [];
  const REPLAYS_KEPT = 1000;
  let replays = 0;

  const brief = (): PlannedRequest => {
    const i = Math.floor(random() * data.contacts.ids.length);
    const ref = random() < 0.75 ? { kind: 'linkedin', profileUrl: data.contacts.linkedinUrls[i] } : { contactId: data.contacts.ids[i] };
    return {
      route: ROUTE_NAMES.brief,
      method: 'POST',
      path: '/v1/briefs',
      headers: json(pick(data.repTokens)),
      body: JSON.stringify({ refs: [ref] }),
      // Every sampled contact is in the CRM: a null brief is a wrong answer. (A prefix test, not a parse: the brief is ~7 KB.)
      check: (_status, body) => (body.startsWith('{"briefs":[{') ? null : 'no brief for a known contact'),
    };
  };

  const resolve = (): PlannedRequest => {
    let refs: object[];
    if (random() < 0.5) {
      // A LinkedIn search page: ten people, one of them not in the CRM.
      refs = Array.from({ length: 9 }, () => ({ kind: 'linkedin', profileUrl: pick(data.contacts.linkedinUrls) }));
      refs.push({ kind: 'linkedin', profileUrl: `https://www.linkedin.com/in/soak-unknown-${Math.floor(random() * 1e9).toString(36)}`, name: pick(data.contacts.names) });
    } else {
      // A calendar event or Gmail thread: three guests, and the company's domain.
      refs = Array.from({ length: 3 }, () => ({ kind: 'email', address: pick(data.contacts.emails) }));
      refs.push({ kind: 'domain', domain: pick(data.accounts.domains) });
    }
    return {
      route: ROUTE_NAMES.resolve,
      method: 'POST',
      path: '/v1/resolve',
      headers: json(pick(data.repTokens)),
      body: JSON.stringify({ refs }),
      check: (_status, body) => {
        const answer = JSON.parse(body) as { resolutions?: unknown[] };
        return answer.resolutions?.length === refs.length ? null : 'not one resolution per ref';
      },
    };
  };

  const activities = (): PlannedRequest => {
    const replay = answered.length > 0 && random() < 0.1 ? pick(answered) : null;
    const token = replay?.token ?? pick(data.repTokens);
    let body: string;
    let count: number;
    if (replay) {
      replays += 1;
      ({ body, count } = replay);
    } else {
      count = 1 + Math.floor(random() * 5);
      const items = Array.from({ length: count }, () => {
        const type = pick(TYPES);
        return {
          id: crypto.randomUUID(),
          ...(type === 'email' ? { naturalKey: `gmail:soak-${crypto.randomUUID()}` } : {}),
          type,
          subject: `Soak ${type}`,
          occurredAt: new Date(Date.now() - Math.floor(random() * 3_600_000)).toISOString(),
          contactId: pick(data.contacts.ids),
          surface: SURFACES[type],
        };
      });
      body = JSON.stringify({ activities: items });
    }
    const expected = replay ? 'duplicate' : 'created';
    return {
      route: ROUTE_NAMES.activities,
      method: 'POST',
      path: '/v1/activities',
      headers: json(token),
      body,
      check: (_status, answer) => {
        const results = (JSON.parse(answer) as { results?: { status: string }[] }).results ?? [];
        if (results.length !== count) return 'not one result per activity';
        const wrong = results.find((r) => r.status !== expected);
        if (wrong) return `activity ${wrong.status}, expected ${expected}`;
        if (!replay) {
          // Answered: now a retry of it must be a duplicate.
          answered.push({ token, body, count });
          if (answered.length > REPLAYS_KEPT) answered.splice(0, answered.length - REPLAYS_KEPT);
        }
        return null;
      },
    };
  };

  const search = (): PlannedRequest => {
    const roll = random();
    // What a rep types: a company's name (or its first words), a person's name, a domain.
    const name = pick(data.accounts.names);
    const q =
      roll < 0.4 ? name : roll < 0.6 ? name.split(' ').slice(0, 2).join(' ') : roll < 0.8 ? pick(data.contacts.names) : pick(data.accounts.domains);
    return {
      route: ROUTE_NAMES.search,
      method: 'GET',
      path: `/v1/accounts?q=${encodeURIComponent(q)}`,
      headers: bearer(pick(data.repTokens)),
    };
  };

  const digest = (): PlannedRequest => ({
    route: ROUTE_NAMES.digest,
    method: 'GET',
    path: '/v1/digest',
    headers: bearer(pick(data.repTokens)),
    check: (_status, body) => (body.startsWith('{') ? null : 'not a digest'),
  });

  const builders: Record<SoakRoute, () => PlannedRequest> = { brief, resolve, activities, search, digest };
  return { build: (route: SoakRoute) => builders[route](), replays: () => replays };
}
