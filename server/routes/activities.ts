/**
 * `POST /v1/activities` (batch, idempotent, one result per item), `GET /v1/activities`
 * (a contact's or an account's ledger, newest first), `POST /v1/activities/lookup` (which natural
 * keys the team's ledger holds, and who logged them) and `GET /v1/mail-policy` (the team's
 * never-log list and whether email bodies may be logged, which every rep's extension applies).
 * The ledger itself is in `server/ledger/`.
 */
import { Hono } from 'hono';
import { z } from 'zod';
import type { Deps } from '../deps.ts';
import type { AppEnv } from '../http/auth.ts';
import { problem } from '../http/problem.ts';
import { jsonBody, queryOf } from '../http/validate.ts';
import { decodeCursor, listActivities } from '../ledger/list.ts';
import { recordActivities } from '../ledger/record.ts';
import { MAX_ACTIVITIES_PER_BATCH, type ActivitiesAnswer } from '../../shared/activity.ts';
import { ActivityLookupRequest, type ActivityLookupAnswer, type MailPolicy } from '../../shared/mail-policy.ts';
import { readSetting } from '../admin/settings.ts';
import { lookupActivities } from '../ledger/lookup.ts';

/** Only the envelope is checked here: each item is validated on its own so one bad item blocks nothing. */
const RecordBody = z.strictObject({
  activities: z.array(z.unknown()).min(1).max(MAX_ACTIVITIES_PER_BATCH),
});

const ListQuery = z
  .strictObject({
    contact: z.string().min(1).max(64).optional(),
    account: z.string().min(1).max(64).optional(),
    limit: z.coerce.number().int().min(1).max(200).default(50),
    before: z.string().refine((v) => decodeCursor(v) !== null, 'not a cursor this server gave out').optional(),
  })
  .refine((q) => (q.contact === undefined) !== (q.account === undefined), {
    message: 'give exactly one of contact or account',
    path: ['contact'],
  });

export const activitiesRoutes = ({ db, now }: Deps) =>
  new Hono<AppEnv>()
    .post('/activities', jsonBody(RecordBody), async (c) => {
      const { teamId, userId } = c.var.auth;
      const results = await recordActivities(db.kysely, { teamId, userId }, c.req.valid('json').activities, now());
      return c.json({ results } satisfies ActivitiesAnswer);
    })
    .post('/activities/lookup', jsonBody(ActivityLookupRequest), async (c) => {
      const logged = await lookupActivities(db.kysely, c.var.auth.teamId, c.req.valid('json').naturalKeys);
      return c.json({ logged } satisfies ActivityLookupAnswer);
    })
    .get('/mail-policy', async (c) => {
      const { value } = await readSetting(db.kysely, c.var.auth.teamId, 'mail');
      return c.json(value satisfies MailPolicy);
    })
    .get('/activities', queryOf(ListQuery), async (c) => {
      const q = c.req.valid('query');
      const page = await listActivities(db.kysely, {
        teamId: c.var.auth.teamId,
        subject: q.contact !== undefined ? { contactId: q.contact } : { accountId: q.account! },
        limit: q.limit,
        ...(q.before ? { before: decodeCursor(q.before)! } : {}),
      });
      if (!page) return problem(c, 404, 'not-found', q.contact !== undefined ? 'No such contact.' : 'No such account.');
      return c.json(page);
    });
