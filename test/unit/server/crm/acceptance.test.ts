/**
 * Issue 14's acceptance 1 and 4 through the operator's commands: connect with `crm-connect
 * --base-url` pointing at a local fake, `jobs run crm-sync --team`, a brief with `crm:<provider>`,
 * an activity logged through the API written once, a rerun that changes nothing; and the secrets
 * in none of the output, API answers or database bytes.
 */
import crypto from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { makeHarness, type Harness } from '../harness.ts';
import { runAdmin } from '../../../../server/cli/admin.ts';
import { runJobsCli } from '../../../../server/cli/jobs.ts';
import { startHubSpot, type HubSpotFake } from '../../../fakes/hubspot.ts';
import { startSalesforce, type SalesforceFake } from '../../../fakes/salesforce.ts';
import { FAST, SECRETS_KEY, fastCallEnv } from './crm-test-kit.ts';
import { databaseFileBytes, databaseText } from './secret-grep.ts';

const TOKEN = `pat-na1-${crypto.randomUUID()}`;
const { privateKey, publicKey } = crypto.generateKeyPairSync('rsa', { modulusLength: 2048 });
const PEM = privateKey.export({ type: 'pkcs8', format: 'pem' }).toString();
// The fakes' records were edited two minutes ago: past the 30 s a run leaves for the CRM's search to settle.
const past = () => new Date(Date.now() - 120_000);

let h: Harness;
let hub: HubSpotFake;
let sf: SalesforceFake;
let dir: string;
const printed: string[] = [];
const env = { SECRETS_KEY, LOG_REQUESTS: '1' };

beforeAll(async () => {
  h = await makeHarness({ LOG_REQUESTS: '1' });
  hub = await startHubSpot({ token: TOKEN, now: past });
  sf = await startSalesforce({ clientId: '3MVG9-acc', username: 'sync@acme.test', publicKey, now: past, externalIds: { Task: ['Signalhouse_Activity_Id__c'], Event: ['Signalhouse_Activity_Id__c'] } });
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'sh-acc-'));
  fs.writeFileSync(path.join(dir, 'token'), TOKEN);
  fs.writeFileSync(path.join(dir, 'key.pem'), PEM);
  // Everything the process prints (request logs included) is kept for the grep.
  for (const stream of [process.stdout, process.stderr]) {
    const write = stream.write.bind(stream);
    vi.spyOn(stream, 'write').mockImplementation((chunk: string | Uint8Array, ...rest: unknown[]) => {
      printed.push(String(chunk));
      return (write as (c: unknown, ...r: unknown[]) => boolean)(chunk, ...rest);
    });
  }
});
afterAll(async () => {
  vi.restoreAllMocks();
  await hub.close();
  await sf.close();
  await h.close();
  fs.rmSync(dir, { recursive: true, force: true });
});

async function cli(run: typeof runAdmin | typeof runJobsCli, argv: string[]) {
  const lines: string[] = [];
  const io = { out: (l: string) => lines.push(l), err: (l: string) => lines.push(l) };
  const code = await run(argv, { db: h.db, env, io, crm: { callEnv: fastCallEnv(), pacing: FAST } } as never);
  printed.push(...lines);
  return { code, out: lines.join('\n') };
}

async function logActivity(contactId: string, type: string) {
  const id = crypto.randomUUID();
  const response = await h.request('POST', '/v1/activities', { json: { activities: [{ id, type, subject: `${type} from the panel`, occurredAt: new Date().toISOString(), surface: 'linkedin', contactId }] } });
  printed.push(await response.clone().text());
  expect((await response.json()).results[0].status).toBe('created');
  return id;
}

const contactByExternal = async (externalId: string) =>
  (await h.db.kysely.selectFrom('contacts').select('id').where('team_id', '=', h.teamA).where('external_id', '=', externalId).executeTakeFirstOrThrow()).id;

describe('acceptance: a team connects its CRM and runs the jobs', () => {
  it('HubSpot: crm-connect --base-url, jobs run crm-sync, a brief from crm:hubspot, an activity written once, a rerun changes nothing', async () => {
    const acme = hub.put('companies', { name: 'Acme Acceptance', domain: 'acme-acceptance.test', numberofemployees: '300' });
    const ana = hub.put('contacts', { firstname: 'Ana', lastname: 'Accept', email: 'ana@acme-acceptance.test', jobtitle: 'VP Ops', associatedcompanyid: acme.id });
    const deal = hub.put('deals', { dealname: 'Acme pilot', dealstage: 'qualifiedtobuy', amount: '10000' });
    hub.associate('deals', deal.id, 'companies', acme.id, 5);

    expect((await cli(runAdmin, ['crm-connect', 'hubspot', '--team', h.teamA, '--token-file', path.join(dir, 'token'), '--base-url', hub.url])).code).toBe(0);
    const first = await cli(runJobsCli, ['run', 'crm-sync', '--team', h.teamA]);
    expect(first).toMatchObject({ code: 0, out: expect.stringMatching(/hubspot ok: accounts 1 new.*contacts 1 new.*deals 1 new/) });

    const contactId = await contactByExternal(ana.id);
    const brief = await h.request('POST', '/v1/briefs', { json: { refs: [{ contactId }] } });
    const text = await brief.text();
    printed.push(text);
    expect(text).toMatch(/"title":\{"value":"VP Ops","source":"crm:hubspot"/);

    const activity = await logActivity(contactId, 'linkedin_message');
    expect((await cli(runJobsCli, ['run', 'crm-sync', '--team', h.teamA])).out).toMatch(/1 activities written/);
    const written = hub.all('communications');
    expect(written.map((e) => e.properties.signalhouse_activity_id)).toEqual([activity]);
    expect(hub.associated('communications', written[0]!.id, 'contacts').map((a) => a.id)).toEqual([ana.id]);
    expect(hub.associated('communications', written[0]!.id, 'companies').map((a) => a.id)).toEqual([acme.id]);

    const before = await databaseText(h.db);
    const again = await cli(runJobsCli, ['run', 'crm-sync', '--team', h.teamA]);
    expect(again.out).toMatch(/hubspot ok: accounts 0 new, 0 changed, 0 refused; contacts 0 new, 0 changed, 0 refused; deals 0 new, 0 changed, 0 refused; 0 deleted; 0 activities written/);
    expect(hub.all('communications')).toHaveLength(1);
    // Nothing but the run's own bookkeeping moved.
    const strip = (t: string) => t.split('\n').filter((l) => !/^(job_runs|crm_connections|audit_log):/.test(l)).join('\n');
    expect(strip(await databaseText(h.db))).toBe(strip(before));
  });

  it('Salesforce: the same through crm-connect salesforce and jobs run crm-sync', async () => {
    sf.put('User', { Email: 'rep@a.test' });
    const acct = sf.put('Account', { Name: 'Globex Acceptance', Website: 'globex-acceptance.test' });
    const bo = sf.put('Contact', { FirstName: 'Bo', LastName: 'Accept', Email: 'bo@globex-acceptance.test', Title: 'CTO', AccountId: acct.Id });
    sf.put('Opportunity', { Name: 'Globex renewal', AccountId: acct.Id, StageName: 'Prospecting', Amount: 5000 });
    const connect = await cli(runAdmin, ['crm-connect', 'salesforce', '--team', h.teamA, '--login-url', sf.url, '--client-id', '3MVG9-acc', '--username', 'sync@acme.test', '--key-file', path.join(dir, 'key.pem')]);
    expect(connect.code).toBe(0);
    const first = await cli(runJobsCli, ['run', 'crm-sync', '--team', h.teamA]);
    expect(first).toMatchObject({ code: 0, out: expect.stringMatching(/salesforce ok: accounts 1 new.*contacts 1 new.*deals 1 new/) });
    const contactId = await contactByExternal(bo.Id);
    const brief = await (await h.request('POST', '/v1/briefs', { json: { refs: [{ contactId }] } })).text();
    expect(brief).toMatch(/"title":\{"value":"CTO","source":"crm:salesforce"/);

    const activity = await logActivity(contactId, 'call');
    await cli(runJobsCli, ['run', 'crm-sync', '--team', h.teamA]);
    expect(sf.all('Task')).toEqual([expect.objectContaining({ Signalhouse_Activity_Id__c: activity, WhoId: bo.Id, WhatId: acct.Id, TaskSubtype: 'Call' })]);
    const again = await cli(runJobsCli, ['run', 'crm-sync', '--team', h.teamA]);
    expect(again.out).toMatch(/salesforce ok: accounts 0 new, 0 changed, 0 refused; contacts 0 new, 0 changed, 0 refused; deals 0 new, 0 changed, 0 refused; 0 deleted; 0 activities written/);
    expect(sf.all('Task')).toHaveLength(1);
  });

  it('lists the jobs with their schedules and last runs', async () => {
    const listed = await cli(runJobsCli, ['list']);
    expect(listed.out).toMatch(/crm-sync\s+\*\/10 \* \* \* \*\s+per team\s+\S+ ok/);
    expect(listed.out).toMatch(/retention\s+45 3 \* \* \*\s+server\s+never/);
  });

  it('shows neither secret in any output, API answer or database byte (acceptance 4)', async () => {
    const api = await (await h.request('GET', '/v1/admin/crm', { token: h.admin.token })).text();
    const audit = await (await h.request('GET', '/v1/admin/audit', { token: h.admin.token })).text();
    const status = await cli(runAdmin, ['crm-status', '--team', h.teamA]);
    expect(status.out).toMatch(/hubspot\s+active/);
    const everything = [...printed, api, audit, await databaseText(h.db), (await databaseFileBytes(h.db)).toString('latin1')].join('\n');
    expect(everything.length).toBeGreaterThan(10_000);
    expect(everything).not.toContain(TOKEN);
    for (const line of PEM.split('\n').filter((l) => l.length > 40)) expect(everything).not.toContain(line);
  });
});
