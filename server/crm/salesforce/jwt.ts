/**
 * The OAuth 2.0 JWT bearer assertion Salesforce trades for an access token: RS256 over
 * `{iss: consumer key, sub: username, aud: login URL, exp: now + 3 min}`, signed with node:crypto
 * (no JWT library: this is the whole of it).
 *
 * @example jwtAssertion({ clientId, username, loginUrl: 'https://login.salesforce.com', privateKey: pem }, new Date())
 */
import crypto from 'node:crypto';

export interface JwtClaims {
  clientId: string;
  username: string;
  loginUrl: string;
  privateKey: string;
}

const b64 = (value: unknown) => Buffer.from(JSON.stringify(value)).toString('base64url');

export function jwtAssertion(claims: JwtClaims, now: Date): string {
  const header = b64({ alg: 'RS256', typ: 'JWT' });
  // Salesforce allows at most 3 minutes; the clock of the org may be a little ahead or behind.
  const payload = b64({ iss: claims.clientId, sub: claims.username, aud: claims.loginUrl, exp: Math.floor(now.getTime() / 1000) + 170 });
  const signature = crypto.sign('RSA-SHA256', Buffer.from(`${header}.${payload}`), claims.privateKey).toString('base64url');
  return `${header}.${payload}.${signature}`;
}
