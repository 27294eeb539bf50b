/**
 * The product's server plus two "floor" routes, for `npm run bench:server -- --floor`: what
 * `POST /v1/briefs` would cost if a brief were free. Both run the real authentication and the
 * real body validation and answer a fixed, real brief (the first one asked for, kept as JSON):
 *
 * - `POST /floor/http`: nothing else. The cost of HTTP, auth and writing a brief-sized answer.
 * - `POST /floor/one-read`: plus identity resolution (one indexed statement), as if a brief
 *   needed a single read.
 * - `POST /floor/reads`: plus the brief's two reads (identity resolution and the contact's
 *   statement with its account's snapshot), their rows left unused: no parsing, no assembly,
 *   no serialising.
 *
 * Served by `main` from server/index.ts, so WORKERS applies as it does to the product.
 */
import { Hono } from 'hono';
import { BriefsRequest } from '../../shared/brief.ts';
import { createApp } from '../../server/app.ts';
import { briefsForRefs, isIdentityRef } from '../../server/briefs/batch.ts';
import { contactSnapshot } from '../../server/briefs/snapshot-queries.ts';
import type { Deps } from '../../server/deps.ts';
import { requireAuth, type AppEnv } from '../../server/http/auth.ts';
import { jsonBody } from '../../server/http/validate.ts';
import { resolveRefs } from '../../server/identity/resolve.ts';
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
    .post('/floor/one-read', requireAuth(db.kysely, now), jsonBody(BriefsRequest), async (c) => {
      const { refs } = c.req.valid('json');
      const teamId = c.var.auth.teamId;
      const [resolution] = await resolveRefs(db.kysely, teamId, refs.filter(isIdentityRef));
      if (!resolution?.match?.contactId) return c.body('{"briefs":[null]}', 200, JSON_TYPE);
      return c.body(await fixedAnswer(teamId, refs), 200, JSON_TYPE);
    })
    .post('/floor/reads', requireAuth(db.kysely, now), jsonBody(BriefsRequest), async (c) => {
      const { refs } = c.req.valid('json');
      const teamId = c.var.auth.teamId;
      const [resolution] = await resolveRefs(db.kysely, teamId, refs.filter(isIdentityRef));
      const contactId = resolution?.match?.contactId;
      if (!contactId) return c.body('{"briefs":[null]}', 200, JSON_TYPE);
      await contactSnapshot(db, { team: teamId, contact: contactId });
      return c.body(await fixedAnswer(teamId, refs), 200, JSON_TYPE);
    })
    .route('/', createApp(deps));
}

await main(floorApp);
