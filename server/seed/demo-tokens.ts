/**
 * The demo team's API tokens, derived from the demo seed. DEMO ONLY.
 *
 * Why derived: `npm start` prints the rep, manager and admin tokens on every start, so a person
 * who pasted the rep token into the extension keeps a working connection across restarts. Only
 * the sha256 is stored (as for every token); the plaintext is recomputed from the seed, never
 * read back from disk. The price: anyone with this repository can compute them, exactly like a
 * demo password. They grant access to invented data on a server that listens on loopback by
 * default, and `npm start` warns when it listens anywhere else. Real tokens come from
 * `npm run admin` and are random.
 *
 * @example
 * demoToken(DEMO_SEED, 'rep') // 'shk_…' (the same 44 characters on every machine)
 */
import crypto from 'node:crypto';
import { generateToken } from '../auth/tokens.ts';

export type DemoRole = 'admin' | 'manager' | 'rep';
export const DEMO_ROLES: readonly DemoRole[] = ['rep', 'manager', 'admin'];

/** A deterministic byte stream: sha256 of the label and a block counter, block after block. */
function byteStream(label: string): (n: number) => Buffer {
  let block = 0;
  let pending = Buffer.alloc(0);
  return (n) => {
    while (pending.length < n) {
      const next = crypto.createHash('sha256').update(`${label}:${block++}`).digest();
      pending = Buffer.concat([pending, next]);
    }
    const out = pending.subarray(0, n);
    pending = pending.subarray(n);
    return out;
  };
}

export function demoToken(seed: number, role: DemoRole): string {
  return generateToken(byteStream(`signalhouse-demo-token:${seed}:${role}`));
}
