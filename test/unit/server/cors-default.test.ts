/**
 * The server's default CORS allow-list names the extension built from this repository: its id is
 * the one Chrome derives from the manifest `key` in wxt.config.ts.
 */
import crypto from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { MANIFEST_KEY } from '../../../wxt.config.ts';
import { makeHarness, type Harness } from './harness.ts';

/** Chrome's rule: sha256 of the DER public key, first 32 hex digits, 0-f mapped to a-p. */
const extensionIdOf = (base64Der: string) =>
  [...crypto.createHash('sha256').update(Buffer.from(base64Der, 'base64')).digest('hex').slice(0, 32)]
    .map((h) => String.fromCharCode(97 + parseInt(h, 16)))
    .join('');

let h: Harness;
beforeAll(async () => {
  h = await makeHarness(); // no EXTENSION_IDS: the default
});
afterAll(() => h.close());

describe('CORS out of the box', () => {
  it('allows the extension whose id comes from the manifest key', async () => {
    const origin = `chrome-extension://${extensionIdOf(MANIFEST_KEY)}`;
    expect(origin).toBe('chrome-extension://kbhdpjlnpmgpfcommknmpolgmgkalbhm');
    const res = await h.request('OPTIONS', '/v1/me', { token: null, headers: { origin, 'access-control-request-method': 'GET' } });
    expect(res.headers.get('access-control-allow-origin')).toBe(origin);
    expect(res.headers.get('access-control-allow-headers')).toMatch(/authorization/);
  });

  it('still refuses any other origin', async () => {
    const res = await h.request('OPTIONS', '/v1/me', {
      token: null,
      headers: { origin: 'chrome-extension://aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa', 'access-control-request-method': 'GET' },
    });
    expect(res.headers.get('access-control-allow-origin')).toBeNull();
  });
});
