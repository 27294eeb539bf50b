/**
 * "Add as contact" inside the background (issue 11): a panel's `addContact` → dispatch → handlers →
 * the typed client → the REAL server app in process (`POST /v1/contacts`). A content script may
 * send it; the person is created once with where they were added from and the answer is their
 * brief; the same request again finds them; bad payloads stop at the boundary naming the field;
 * without a connection it says so.
 */
import 'fake-indexeddb/auto';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { connectionStore } from '../../../../extension/core/background/connection-store.ts';
import { createHandlers, dispatch, type Handlers } from '../../../../extension/core/background/handlers.ts';
import type { MessageName } from '../../../../extension/core/protocol.ts';
import { TEST_NOW, type Harness } from '../../server/harness.ts';
import { connectInProcess, EXTENSION, seededServer } from './in-process-server.ts';

let h: Harness;
let n = 0;
let stores: ReturnType<typeof connectionStore>[] = [];

seededServer((harness) => (h = harness));
beforeEach(() => fakeBrowser.reset());
afterEach(() => {
  for (const store of stores) store.close();
  stores = [];
});

async function handlersFor(token: string | null): Promise<Handlers> {
  const { connection, store } = await connectInProcess(h, `add-contact-test-${++n}`, token);
  stores.push(store);
  return createHandlers({ connection, now: () => TEST_NOW });
}

/** A message from a LinkedIn page's content script (the panel), as Chrome names its sender. */
const fromLinkedInPanel = <K extends MessageName>(handlers: Handlers, name: K, data: unknown) =>
  dispatch(handlers, name, data, { url: 'https://www.linkedin.com/in/elin-marklund/', tab: { id: 7 } } as never, EXTENSION);

const elin = (id: string) => ({
  id,
  accountId: 'acc_acme',
  name: 'Elin Marklund',
  title: 'Head of Data',
  linkedinUrl: 'https://www.linkedin.com/in/elin-marklund/',
  page: { site: 'linkedin', url: 'https://www.linkedin.com/in/elin-marklund/' },
});

describe('addContact', () => {
  it('creates the person on the account from the panel, with the page as provenance, and answers their brief', async () => {
    const rep = await handlersFor(h.rep.token);
    const id = crypto.randomUUID();
    const answer = await fromLinkedInPanel(rep, 'addContact', elin(id));
    if (!answer.ok) throw new Error(answer.error.message);
    expect(answer.value).toMatchObject({ created: true, brief: { contact: { name: 'Elin Marklund' }, account: { id: 'acc_acme' } } });
    const row = await h.db.kysely.selectFrom('contacts').selectAll().where('id', '=', answer.value.contactId).executeTakeFirstOrThrow();
    expect(row).toMatchObject({ name: 'Elin Marklund', account_id: 'acc_acme' });

    // The same request again (a retry) finds them: nothing written twice.
    const again = await fromLinkedInPanel(rep, 'addContact', elin(id));
    expect(again).toMatchObject({ ok: true, value: { created: false, contactId: answer.value.contactId } });
  });

  it('stops a payload without a LinkedIn URL or email, or with an unknown field, naming the field', async () => {
    const rep = await handlersFor(h.rep.token);
    const { linkedinUrl: _dropped, ...noKey } = elin(crypto.randomUUID());
    expect(await fromLinkedInPanel(rep, 'addContact', noKey)).toMatchObject({ ok: false, error: { kind: 'invalid', field: 'linkedinUrl' } });
    expect(await fromLinkedInPanel(rep, 'addContact', { ...elin(crypto.randomUUID()), owner: 'me' })).toMatchObject({ ok: false, error: { kind: 'invalid', field: 'owner' } });
  });

  it('passes on the server’s refusal of an account the team does not have', async () => {
    const rep = await handlersFor(h.rep.token);
    const answer = await fromLinkedInPanel(rep, 'addContact', { ...elin(crypto.randomUUID()), accountId: 'acc_nobody' });
    expect(answer).toMatchObject({ ok: false, error: { kind: 'rejected' } });
  });

  it('says it is not connected without a connection', async () => {
    const none = await handlersFor(null);
    expect(await fromLinkedInPanel(none, 'addContact', elin(crypto.randomUUID()))).toMatchObject({ ok: false, error: { kind: 'not_connected' } });
  });
});
