/**
 * `POST /v1/resolve`: identity refs from a page → which CRM records they are, how and how sure.
 * The answer lists one Resolution per ref, in the order sent. Rules live in server/identity/.
 */
import { Hono } from 'hono';
import { ResolveRequest, type ResolveAnswer } from '../../shared/match.ts';
import type { Deps } from '../deps.ts';
import type { AppEnv } from '../http/auth.ts';
import { jsonBody } from '../http/validate.ts';
import { resolveRefs } from '../identity/resolve.ts';

/**
 * @example
 * POST /v1/resolve {"refs":[{"kind":"linkedin","profileUrl":"https://se.linkedin.com/in/jane-doe/"}]}
 * → 200 {"resolutions":[{"match":{"contactId":"ct_…","method":"linkedin_url","confidence":1,…},"suggestions":[],"warnings":[]}]}
 */
export const resolveRoutes = (deps: Deps) =>
  new Hono<AppEnv>().post('/resolve', jsonBody(ResolveRequest), async (c) => {
    const { refs } = c.req.valid('json');
    const resolutions = await resolveRefs(deps.db.kysely, c.var.auth.teamId, refs);
    return c.json({ resolutions } satisfies ResolveAnswer);
  });
