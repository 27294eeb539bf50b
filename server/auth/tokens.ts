/**
 * API tokens: `shk_` followed by 40 random base62 characters. Only a sha256 of the token is
 * stored (the token is high-entropy, so no salt is needed), with a short prefix for listings.
 * The recognisable prefix lets secret scanners find leaked tokens.
 */
import crypto from 'node:crypto';

export const TOKEN_PREFIX = 'shk_';
const ALPHABET = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789';

export function generateToken(random: (n: number) => Buffer = crypto.randomBytes): string {
  let out = '';
  while (out.length < 40) {
    for (const byte of random(48)) {
      // 248 = 62 * 4: rejecting higher bytes keeps every character equally likely.
      if (byte < 248 && out.length < 40) out += ALPHABET[byte % 62];
    }
  }
  return TOKEN_PREFIX + out;
}

export const hashToken = (token: string) => crypto.createHash('sha256').update(token).digest('hex');

/** What listings show: enough to tell tokens apart, never enough to use one. */
export const displayPrefix = (token: string) => token.slice(0, TOKEN_PREFIX.length + 6);

export const looksLikeToken = (value: string) => /^shk_[A-Za-z0-9]{40}$/.test(value);
