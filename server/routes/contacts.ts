/**
 * `/v1/contacts`: "Add as contact" from the panel (any role). `POST` creates the person on an
 * account of the team with where they were added from, or finds them when the id or their
 * LinkedIn URL / email is already known (server/contacts/add.ts), and answers their brief:
 * 201 when created, 200 when they were already there.
 */
import { Hono } from 'hono';
import { AddContactRequest, type AddContactResponse } from '../../shared/contact.ts';
import { briefFor } from '../briefs/brief-for.ts';
import { addContact } from '../contacts/add.ts';
import type { Deps } from '../deps.ts';
import type { AppEnv } from '../http/auth.ts';
import { problem } from '../http/problem.ts';
import { jsonBody } from '../http/validate.ts';

/**
 * @example
 * POST /v1/contacts {"id":"6f1c…","accountId":"acc_…","name":"Erik Holm","linkedinUrl":"https://www.linkedin.com/in/erik-holm/",
 *                    "page":{"site":"linkedin","url":"https://www.linkedin.com/in/erik-holm/"}}
 * → 201 {"created":true,"contactId":"con_…","brief":{…}}
 */
export const contactsRoutes = ({ db, now }: Deps) =>
  new Hono<AppEnv>().post('/contacts', jsonBody(AddContactRequest), async (c) => {
    const at = now();
    const outcome = await addContact(db, c.var.auth, c.req.valid('json'), at);
    if (!outcome.ok) return problem(c, outcome.status, outcome.type, outcome.message, { errors: [{ field: outcome.field, message: outcome.message }] });
    const brief = await briefFor(db, c.var.auth.teamId, { contactId: outcome.contactId }, at);
    if (!brief) return problem(c, 404, 'not-found', 'The contact is no longer there.', { errors: [{ field: 'id', message: 'not found' }] });
    const body: AddContactResponse = { created: outcome.created, contactId: outcome.contactId, brief };
    return c.json(body, outcome.created ? 201 : 200);
  });
