/**
 * `POST /v1/compose-context` (issue 12): the Gmail compose card's one request per compose
 * window's recipient set (server/compose/context.ts says what it answers). Any role, team-scoped;
 * only addresses and names in the body (zod strict: a subject or a body is refused, naming it).
 */
import { Hono } from 'hono';
import { ComposeContextRequest, type ComposeContextAnswer } from '../../shared/compose.ts';
import type { Deps } from '../deps.ts';
import type { AppEnv } from '../http/auth.ts';
import { jsonBody } from '../http/validate.ts';
import { composeContext } from '../compose/context.ts';

/**
 * @example
 * POST /v1/compose-context {"recipients":[{"kind":"email","address":"dana@initech.example"}]}
 * → 200 {"collisionDays":3,"recipients":[{"address":"dana@initech.example","contact":{…},"account":{…},"lastTouch":{…},"collision":{…},"talkingPoints":[…]}]}
 */
export const composeRoutes = ({ db, now }: Deps) =>
  new Hono<AppEnv>().post('/compose-context', jsonBody(ComposeContextRequest), async (c) => {
    const { teamId, userId } = c.var.auth;
    const body: ComposeContextAnswer = await composeContext(db, { teamId, userId }, c.req.valid('json').recipients, now());
    return c.json(body);
  });
