import crypto from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runAdmin } from '../../../../server/cli/admin.ts';
import { open, seal, secretsKey } from '../../../../server/crm/secrets.ts';
import { makeHarness, type Harness } from '../harness.ts';
import { databaseFileBytes, databaseText } from './secret-grep.ts';

const SECRETS_KEY = crypto.randomBytes(32).toString('base64');
const TOKEN = `pat-na1-${crypto.randomUUID()}`;
const { privateKey } = crypto.generateKeyPairSync('rsa', { modulusLength: 2048 });
const PEM = privateKey.export({ type: 'pkcs8', format: 'pem' }).toString();

let h: Harness;
let dir: string;
beforeAll(async () => {
  h = await makeHarness();
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'sh-crm-'));
  fs.writeFileSync(path.join(dir, 'hubspot.token'), `${TOKEN}\n`);
  fs.writeFileSync(path.join(dir, 'sf.pem'), PEM);
});
afterAll(async () => {
  await h.close();
  fs.rmSync(dir, { recursive: true, force: true });
});

async function admin(argv: string[], env: Record<string, string> = { SECRETS_KEY }) {
  const out: string[] = [];
  const err: string[] = [];
  const code = await runAdmin(argv, { db: h.db, env, now: () => h.clock.now, io: { out: (l) => out.push(l), err: (l) => err.push(l) } });
  return { code, out: out.join('\n'), err: err.join('\n') };
}

describe('CRM connections and their secrets', () => {
  it('refuses to connect without SECRETS_KEY and stores nothing', async () => {
    const result = await admin(['crm-connect', 'hubspot', '--team', h.teamA, '--token-file', path.join(dir, 'hubspot.token')], {});
    expect(result.code).toBe(1);
    expect(result.err).toMatch(/SECRETS_KEY/);
    expect(await h.db.kysely.selectFrom('crm_connections').selectAll().execute()).toEqual([]);
  });

  it('connects HubSpot and Salesforce from files, and the secrets appear in no output, API answer or database byte', async () => {
    const hub = await admin(['crm-connect', 'hubspot', '--team', h.teamA, '--token-file', path.join(dir, 'hubspot.token'), '--base-url', 'http://127.0.0.1:9/']);
    expect(hub).toMatchObject({ code: 0, err: '' });
    expect(hub.out).toMatch(/Connected hubspot .* \(http:\/\/127\.0\.0\.1:9\)/);
    const sf = await admin([
      'crm-connect', 'salesforce', '--team', h.teamA, '--login-url', 'http://127.0.0.1:10', '--client-id', '3MVG9-consumer', '--username', 'sync@acme.test', '--key-file', path.join(dir, 'sf.pem'),
    ]);
    expect(sf).toMatchObject({ code: 0, err: '' });
    const status = await admin(['crm-status', '--team', h.teamA]);
    expect(status.out).toMatch(/hubspot\s+active/);
    expect(status.out).toMatch(/salesforce\s+active/);

    const response = await h.request('GET', '/v1/admin/crm', { token: h.admin.token });
    expect(response.status).toBe(200);
    const body = await response.text();
    const { connections } = JSON.parse(body) as { connections: Array<Record<string, unknown>> };
    expect(connections.map((c) => [c.provider, c.state, c.hasSecret])).toEqual([
      ['hubspot', 'active', true],
      ['salesforce', 'active', true],
    ]);
    expect(connections[0]).not.toHaveProperty('secretSealed');

    const pemBody = PEM.split('\n')[1]!;
    const everything = [hub.out, sf.out, status.out, body, await databaseText(h.db), (await databaseFileBytes(h.db)).toString('latin1')].join('\n');
    expect(everything).not.toContain(TOKEN);
    expect(everything).not.toContain(pemBody);
    // The audit log says who connected what, not with which secret.
    expect(await databaseText(h.db)).toMatch(/crm\.connect/);
  });

  it('shows the connections to the team admin alone', async () => {
    expect((await h.request('GET', '/v1/admin/crm', { token: h.rep.token })).status).toBe(403);
    const other = await h.request('GET', '/v1/admin/crm', { token: h.otherAdmin.token });
    expect(await other.json()).toEqual({ connections: [] });
  });

  it('disconnects by deleting the sealed secret, keeping the history', async () => {
    const result = await admin(['crm-disconnect', 'hubspot', '--team', h.teamA]);
    expect(result.code).toBe(0);
    const row = await h.db.kysely.selectFrom('crm_connections').selectAll().where('provider', '=', 'hubspot').executeTakeFirstOrThrow();
    expect(row).toMatchObject({ state: 'disconnected', secret_sealed: null });
    expect((await admin(['crm-disconnect', 'hubspot', '--team', h.teamA])).out).toMatch(/already disconnected/);
  });

  it('names a mistyped option or provider as a usage error (exit 2)', async () => {
    expect((await admin(['crm-connect', 'pipedrive', '--team', h.teamA])).code).toBe(2);
    const stray = await admin(['crm-connect', 'hubspot', '--team', h.teamA, '--key-file', 'x']);
    expect(stray).toMatchObject({ code: 2, err: expect.stringMatching(/--key-file is not an option/) });
    const missing = await admin(['crm-connect', 'hubspot', '--team', h.teamA, '--token-file', path.join(dir, 'nope')]);
    expect(missing).toMatchObject({ code: 2, err: expect.stringMatching(/--token-file: cannot read/) });
  });
});

describe('sealing a secret', () => {
  const key = secretsKey({ SECRETS_KEY });
  it('opens only under the same key and for the same connection', () => {
    const sealed = seal(key, 'crm_1', TOKEN);
    expect(sealed).not.toContain(TOKEN);
    expect(open(key, 'crm_1', sealed)).toBe(TOKEN);
    expect(() => open(key, 'crm_2', sealed)).toThrow(/does not open/);
    expect(() => open(crypto.randomBytes(32), 'crm_1', sealed)).toThrow(/does not open/);
    expect(seal(key, 'crm_1', TOKEN)).not.toBe(sealed);
  });
  it('takes the key from SECRETS_KEY_FILE, and refuses a key of the wrong length without echoing it', () => {
    const file = path.join(os.tmpdir(), `sh-key-${process.pid}`);
    fs.writeFileSync(file, crypto.randomBytes(32).toString('hex'));
    expect(secretsKey({ SECRETS_KEY_FILE: file })).toHaveLength(32);
    fs.rmSync(file);
    expect(() => secretsKey({ SECRETS_KEY: 'c2hvcnQ=' })).toThrow(/32 bytes/);
    expect(() => secretsKey({ SECRETS_KEY: 'c2hvcnQ=' })).not.toThrow(/c2hvcnQ/);
  });
});
