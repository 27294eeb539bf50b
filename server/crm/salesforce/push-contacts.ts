/**
 * "Add as contact" to Salesforce: each contact a rep added from a page is upserted as a Contact by
 * the External ID + Unique field `Signalhouse_Contact_Id__c` (our id: the back-reference; the org
 * needs the field on Contact), 200 a call through sObject Collections with allOrNone false, with
 * its AccountId when the sync knows the account. A retry is an update of the same record, so a
 * lost answer is simply sent again; a refusal counts against its write, the rest are kept.
 */
import type { SalesforceClient } from './client.ts';
import type { RunContext } from '../run-context.ts';
import { refuseWrite } from '../outbox.ts';
import { dueContactBatches, linkContact, skipContact } from '../contact-writes.ts';

export const CONTACT_EXTERNAL_ID_FIELD = 'Signalhouse_Contact_Id__c';

export async function pushSalesforceContacts(client: SalesforceClient, ctx: RunContext): Promise<void> {
  for await (const batch of dueContactBatches(ctx, 200)) {
    const live = batch.filter((d) => d.contact);
    for (const due of batch) if (!due.contact) await skipContact(ctx, due);
    if (live.length === 0) continue;
    const records = live.map(({ contact: c }) => ({
      [CONTACT_EXTERNAL_ID_FIELD]: c!.id,
      ...(c!.firstName ? { FirstName: c!.firstName } : {}),
      LastName: c!.lastName,
      ...(c!.emails[0] ? { Email: c!.emails[0] } : {}),
      ...(c!.title ? { Title: c!.title } : {}),
      ...(c!.accountCrmId ? { AccountId: c!.accountCrmId } : {}),
    }));
    const results = await client.upsertCollection('Contact', CONTACT_EXTERNAL_ID_FIELD, records);
    for (const [index, due] of live.entries()) {
      const result = results[index];
      if (result?.success && result.id) {
        await linkContact(ctx, due, { type: 'Contact', id: result.id, modifiedAt: ctx.now.toISOString() });
      } else {
        const why = result?.errors.map((e) => `${e.statusCode}${e.fields?.length ? ` (${e.fields.join(', ')})` : ''}`).join('; ') ?? 'no result';
        await refuseWrite(ctx.db, due.write, `Salesforce refused the Contact: ${why}`, ctx.now);
        ctx.tally.writeFailures += 1;
      }
    }
  }
}
