/**
 * `GET /v1/review-queue?scope=mine|team&limit=`: the weekly account review queue
 * (shared/review.ts). A rep sees their own accounts; a manager or admin sees the team by default
 * and may ask for `scope=mine`. A rep asking for the team's is refused (403), not quietly narrowed.
 */
import { Hono } from 'hono';
import { z } from 'zod';
import { ReviewScope, type ReviewQueue } from '../../shared/review.ts';
import type { Deps } from '../deps.ts';
import type { AppEnv } from '../http/auth.ts';
import { problem } from '../http/problem.ts';
import { queryOf } from '../http/validate.ts';
import { reviewQueue } from '../review/queue.ts';

const ReviewQuery = z.strictObject({
  scope: ReviewScope.optional(),
  limit: z.string().regex(/^\d{1,4}$/, 'a whole number from 1 to 500').transform(Number).pipe(z.number().int().min(1).max(500)).optional(),
});

export const reviewQueueRoutes = ({ db, now }: Deps) =>
  new Hono<AppEnv>().get('/review-queue', queryOf(ReviewQuery), async (c) => {
    const { auth } = c.var;
    const query = c.req.valid('query');
    const scope = query.scope ?? (auth.role === 'rep' ? 'mine' : 'team');
    if (scope === 'team' && auth.role === 'rep') {
      return problem(c, 403, 'forbidden', "The team's review queue needs the manager role.", { errors: [{ field: 'scope', message: 'needs the manager role' }] });
    }
    const queue = await reviewQueue(db, { teamId: auth.teamId, userId: auth.userId, scope, limit: query.limit ?? 100 }, now());
    return c.json(queue satisfies ReviewQueue);
  });
