/**
 * `POST /v1/webhooks/intent`, `/web-visits` and `/company-events`: batches of events from data
 * vendors, each with a delivery id. Webhook-scoped tokens (or an admin's) are checked in app.ts.
 * A re-delivered batch answers `redelivered: true` with the first answer and changes nothing;
 * a batch with one bad event is refused whole (422 naming `events[3].score`).
 */
import { Hono, type Context } from 'hono';
import type { Deps } from '../deps.ts';
import type { AppEnv } from '../http/auth.ts';
import { problem } from '../http/problem.ts';
import { jsonBody } from '../http/validate.ts';
import { ingestDelivery, type WebhookBatch } from '../ingest/webhook-ingest.ts';
import { CompanyEventDelivery, IntentDelivery, WebVisitDelivery } from '../ingest/webhook-schemas.ts';

export const WEBHOOK_SOURCES = ['intent', 'web-visits', 'company-events'] as const;

export const webhooksRoutes = ({ db, now }: Deps) => {
  const deliver = async (c: Context<AppEnv>, deliveryId: string, batch: WebhookBatch) => {
    const outcome = await ingestDelivery(db.kysely, c.var.auth.teamId, deliveryId, batch, now());
    if (outcome.status === 'conflict') {
      return problem(c, 409, 'conflict', 'This delivery id was already used for a different batch.', { field: 'deliveryId' });
    }
    return c.json({ ...outcome.summary, redelivered: outcome.status === 'redelivered' });
  };
  return new Hono<AppEnv>()
    .post('/intent', jsonBody(IntentDelivery), async (c) => {
      const { deliveryId, events } = c.req.valid('json');
      return deliver(c, deliveryId, { source: 'intent', events });
    })
    .post('/web-visits', jsonBody(WebVisitDelivery), async (c) => {
      const { deliveryId, events } = c.req.valid('json');
      return deliver(c, deliveryId, { source: 'web-visits', events });
    })
    .post('/company-events', jsonBody(CompanyEventDelivery), async (c) => {
      const { deliveryId, events } = c.req.valid('json');
      return deliver(c, deliveryId, { source: 'company-events', events });
    })
    .all('/:source', (c) =>
      (WEBHOOK_SOURCES as readonly string[]).includes(c.req.param('source'))
        ? problem(c, 405, 'method-not-allowed', 'Webhooks are delivered with POST.')
        : problem(c, 404, 'not-found', `Unknown webhook source; known: ${WEBHOOK_SOURCES.join(', ')}.`),
    );
};
