/**
 * What the server says about itself and the token's holder: `GET /v1/health` (what proves a URL is
 * a Signalhouse server) and `GET /v1/me` (who the token belongs to, for the extension's Connect).
 *
 * @example
 * MeAnswer.parse({ user: { id: 'usr_1', name: 'Ana', email: 'ana@acme.com', role: 'rep' }, team: { id: 'tm_1', name: 'Acme' }, serverVersion: '0.1.0' })
 */
import { z } from 'zod';

/** Loose: a newer server may say more about itself, and an older extension must still connect. */
export const HealthAnswer = z.looseObject({ status: z.literal('ok'), version: z.string(), api: z.string() });
export type HealthAnswer = z.infer<typeof HealthAnswer>;

export const MeAnswer = z.strictObject({
  user: z.strictObject({ id: z.string(), name: z.string(), email: z.string(), role: z.string() }),
  team: z.strictObject({ id: z.string(), name: z.string() }),
  serverVersion: z.string(),
});
export type MeAnswer = z.infer<typeof MeAnswer>;
