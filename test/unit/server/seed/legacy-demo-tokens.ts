/**
 * The demo tokens every install accepted before they became random: derived from the demo seed
 * committed in the repository (sha256 of a label and a counter, fed to the token generator).
 * Kept here, in the tests only, to prove an install refuses them now.
 */
import crypto from 'node:crypto';
import { generateToken } from '../../../../server/auth/tokens.ts';

const LEGACY_SEED = 20_261_123;

export function legacyDemoToken(role: 'rep' | 'manager' | 'admin'): string {
  let block = 0;
  let pending = Buffer.alloc(0);
  return generateToken((n) => {
    while (pending.length < n) {
      const next = crypto.createHash('sha256').update(`signalhouse-demo-token:${LEGACY_SEED}:${role}:${block++}`).digest();
      pending = Buffer.concat([pending, next]);
    }
    const out = pending.subarray(0, n);
    pending = pending.subarray(n);
    return out;
  });
}
