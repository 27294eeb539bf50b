/**
 * The product's server plus two "floor" routes, for `npm run bench:server -- --floor`: what
 * `POST /v1/briefs` would cost if a brief were free. Both run the real authentication and the
 * real body validation and answer a fixed, real brief (the first one asked for, kept as JSON):
 *
 * - `POST /floor/http`: nothing else. The cost of HTTP, auth and writing a brief-sized answer.
 * - `POST /floor/read`: plus the brief's one statement (the profile's contact, its account's
 *   snapshot and the team's alias: profile-brief.ts), its row left unused: no parsing, no
 *   assembly, no serialising.
 *
 * Served by `main` from server/index.ts, so WORKERS applies as it does to the product.
 */
import { Hono } from 'hono';
import { BriefsRequest } from '../../shared/brief.ts';
import { createApp } from '../../server/app.ts';
import { briefsForRefs } from '../../server/briefs/batch.ts';
import { profileSnapshot } from '../../server/briefs/snapshot-queries.ts';
import type { Deps } from '../../server/deps.ts';
import { requireAuth, type AppEnv } from '../../server/http/auth.ts';
import { jsonBody } from '../../server/http/validate.ts';
import { planRef } from '../../server/identity/plan.ts';
import { main } from '../../server/index.ts';

const JSON_TYPE = { 'content-type': 'application/json' };

function floorApp(deps: Deps) {
  const { db, now } = deps;
  let fixed: Promise<string> | null = null;
  const fixedAnswer = (teamId: string, refs: Parameters<typeof briefsForRefs>[2]) =>
    (fixed ??= briefsForRefs(db, teamId, refs, now()).then((briefs) => JSON.stringify({ briefs })));
  return new Hono<AppEnv>()
    .post('/floor/http', requireAuth(db.kysely, now), jsonBody(BriefsRequest), async (c) => {
      const { refs } = c.req.valid('json');
      return c.body(await fixedAnswer(c.var.auth.teamId, refs), 200, JSON_TYPE);
    })
    .post('/floor/read', requireAuth(db.kysely, now), jsonBody(BriefsRequest), async (c) => {
      const { refs } = c.req.valid('json');
      const [ref] = refs;
      const planned = ref && 'kind' in ref ? planRef(ref) : null;
      if (planned?.kind !== 'single' || !planned.plan.slug) return c.body('{"briefs":[null]}', 200, JSON_TYPE);
      const { slug, aliasKeys } = planned.plan;
      await profileSnapshot(db, { team: c.var.auth.teamId, slug, aliasKey: aliasKeys[0]! });
      return c.body(await fixedAnswer(c.var.auth.teamId, refs), 200, JSON_TYPE);
    })
    .route('/', createApp(deps));
}

await main(floorApp);
