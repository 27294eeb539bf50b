/**
 * `POST /v1/briefs`: `{"refs": [...]}` (1 to 50 identity refs or `{contactId}` / `{accountId}`)
 * → `{"briefs": [...]}` in the same order, `null` where nothing matched. Everything is read
 * within the caller's team; another team's record is a null, indistinguishable from none.
 */
import { Hono, type TypedResponse } from 'hono';
import { BriefsRequest, type BriefsResponse } from '../../shared/brief.ts';
import { briefsJsonForRefs } from '../briefs/batch.ts';
import type { Deps } from '../deps.ts';
import type { AppEnv } from '../http/auth.ts';
import { jsonBody } from '../http/validate.ts';

export const briefsRoutes = (deps: Deps) =>
  new Hono<AppEnv>().post('/briefs', jsonBody(BriefsRequest), async (c) => {
    const { refs } = c.req.valid('json');
    const json = await briefsJsonForRefs(deps.db, c.var.auth.teamId, refs, deps.now());
    // Sent as the text it was spliced into (answer.ts); typed as the BriefsResponse it holds.
    return c.body(json, 200, { 'content-type': 'application/json' }) as unknown as TypedResponse<BriefsResponse, 200, 'json'>;
  });
