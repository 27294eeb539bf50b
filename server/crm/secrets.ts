/**
 * CRM secrets at rest: a HubSpot token or a Salesforce private key is sealed with AES-256-GCM
 * under the server's SECRETS_KEY (32 bytes, base64 or hex, from the environment or from the file
 * SECRETS_KEY_FILE names) before it touches the database, and opened only in memory when a run
 * calls the CRM. The connection's id is the additional authenticated data, so a sealed secret
 * copied onto another team's row does not open. Nothing here logs, and errors never carry the
 * secret or the key.
 *
 * Why sealed in the database rather than read from a file at each run (docs/crm.md): several
 * server processes and machines run the jobs (pg-boss), and a key file on each of them is one
 * secret to distribute instead of one per team and CRM; the admin's token file can be deleted once
 * connected.
 *
 * @example
 * const key = secretsKey(env); // throws SecretsKeyMissing when unset
 * const sealed = seal(key, 'crm_1', 'pat-na1-…');
 * open(key, 'crm_1', sealed) // 'pat-na1-…'
 */
import crypto from 'node:crypto';
import fs from 'node:fs';

export class SecretsKeyError extends Error {
  override name = 'SecretsKeyError';
}

/** The 32-byte key from `SECRETS_KEY` or the file `SECRETS_KEY_FILE` names; throws a message without the value. */
export function secretsKey(env: { SECRETS_KEY?: string | undefined; SECRETS_KEY_FILE?: string | undefined }): Buffer {
  let text = env.SECRETS_KEY?.trim();
  if (!text && env.SECRETS_KEY_FILE) {
    try {
      text = fs.readFileSync(env.SECRETS_KEY_FILE, 'utf8').trim();
    } catch {
      throw new SecretsKeyError('SECRETS_KEY_FILE cannot be read');
    }
  }
  if (!text) {
    throw new SecretsKeyError('SECRETS_KEY (or SECRETS_KEY_FILE) is not set: CRM secrets are stored only encrypted under it. Make one with: openssl rand -base64 32');
  }
  const key = /^[0-9a-fA-F]{64}$/.test(text) ? Buffer.from(text, 'hex') : Buffer.from(text, 'base64');
  if (key.length !== 32) throw new SecretsKeyError('SECRETS_KEY must be 32 bytes, as 64 hex digits or base64 (openssl rand -base64 32)');
  return key;
}

const VERSION = 'v1';

/** `v1.<iv>.<tag>.<ciphertext>`, each base64url; a fresh 12-byte IV every time. */
export function seal(key: Buffer, boundTo: string, secret: string): string {
  const iv = crypto.randomBytes(12);
  const cipher = crypto.createCipheriv('aes-256-gcm', key, iv);
  cipher.setAAD(Buffer.from(boundTo));
  const body = Buffer.concat([cipher.update(secret, 'utf8'), cipher.final()]);
  return [VERSION, iv.toString('base64url'), cipher.getAuthTag().toString('base64url'), body.toString('base64url')].join('.');
}

/** The secret, or a SecretsKeyError when the key is not the one it was sealed under (or the text was changed). */
export function open(key: Buffer, boundTo: string, sealed: string): string {
  const [version, iv, tag, body] = sealed.split('.');
  if (version !== VERSION || !iv || !tag || body === undefined) throw new SecretsKeyError('the stored CRM secret is not in a known format');
  try {
    const decipher = crypto.createDecipheriv('aes-256-gcm', key, Buffer.from(iv, 'base64url'));
    decipher.setAAD(Buffer.from(boundTo));
    decipher.setAuthTag(Buffer.from(tag, 'base64url'));
    return Buffer.concat([decipher.update(Buffer.from(body, 'base64url')), decipher.final()]).toString('utf8');
  } catch {
    throw new SecretsKeyError('the stored CRM secret does not open with this SECRETS_KEY (was the key changed?)');
  }
}
