/**
 * "Add as contact" to HubSpot: each contact a rep added from a page is created as a HubSpot
 * contact carrying our id in `signalhouse_contact_id` (a custom property the portal needs: the
 * back-reference), associated with its company (type 279) when the sync knows the company's id.
 * Exactly once, as engagements are written (./push.ts): a create whose answer was lost is
 * `unknown`, and a later run searches for our id before creating. HubSpot keeps one contact per
 * email: a 409 naming the existing contact links ours to it instead of creating a second.
 */
import type { HubSpotClient } from './client.ts';
import type { RunContext } from '../run-context.ts';
import { CrmCallError, CrmUnknownOutcome } from '../http.ts';
import { markWrite, refuseWrite } from '../outbox.ts';
import { dueContactBatches, linkContact, skipContact, type DueContact } from '../contact-writes.ts';

export const CONTACT_ID_PROPERTY = 'signalhouse_contact_id';
const CONTACT_TO_COMPANY = 279;

function properties(contact: NonNullable<DueContact['contact']>): Record<string, string> {
  const [email, ...more] = contact.emails;
  return {
    [CONTACT_ID_PROPERTY]: contact.id,
    ...(contact.firstName ? { firstname: contact.firstName } : {}),
    lastname: contact.lastName,
    ...(email ? { email } : {}),
    ...(more.length ? { hs_additional_emails: more.join(';') } : {}),
    ...(contact.title ? { jobtitle: contact.title } : {}),
    ...(contact.linkedinUrl ? { hs_linkedin_url: contact.linkedinUrl } : {}),
  };
}

/** HubSpot's 409 for an email it already holds: "Contact already exists. Existing ID: 12345". */
const existingId = (error: CrmCallError) => (error.status === 409 ? /Existing ID: (\d+)/.exec(JSON.stringify(error.body))?.[1] : undefined);

export async function pushHubSpotContacts(client: HubSpotClient, ctx: RunContext): Promise<void> {
  for await (const batch of dueContactBatches(ctx, 100)) {
    for (const due of batch) {
      if (!due.contact) {
        await skipContact(ctx, due);
        continue;
      }
      try {
        if (due.write.state === 'unknown') {
          const found = (await client.findBy('contacts', CONTACT_ID_PROPERTY, due.contact.id)).results[0];
          if (found) {
            await linkContact(ctx, due, { type: 'contacts', id: found.id, modifiedAt: new Date(found.updatedAt).toISOString() });
            continue;
          }
        }
        const associations = due.contact.accountCrmId ? [{ id: due.contact.accountCrmId, typeId: CONTACT_TO_COMPANY }] : [];
        const created = await client.create('contacts', properties(due.contact), associations);
        await linkContact(ctx, due, { type: 'contacts', id: created.id, modifiedAt: new Date(created.updatedAt).toISOString() });
      } catch (error) {
        if (error instanceof CrmUnknownOutcome) {
          await markWrite(ctx.db, due.write, { state: 'unknown', crm_type: 'contacts', attempts: due.write.attempts + 1, last_error: error.message }, ctx.now);
        } else if (error instanceof CrmCallError && existingId(error)) {
          // The person was already in HubSpot under this email: ours is that one.
          await linkContact(ctx, due, { type: 'contacts', id: existingId(error)!, modifiedAt: new Date(0).toISOString() }, 'already in HubSpot under this email');
        } else if (error instanceof CrmCallError) {
          await refuseWrite(ctx.db, due.write, error.message, ctx.now);
          ctx.tally.writeFailures += 1;
        } else throw error;
      }
    }
  }
}
