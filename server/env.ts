/**
 * Server configuration from the environment, parsed once. Every setting has a safe default so
 * `npm start` works on a fresh clone.
 */
import { z } from 'zod';

const Env = z.object({
  PORT: z.coerce.number().int().min(0).max(65535).default(8787),
  /** Loopback by default: exposing the server is a decision, not an accident. */
  HOST: z.string().default('127.0.0.1'),
  DATA_DIR: z.string().default('./data'),
  // An empty value means unset, as shells and .env files write it.
  DATABASE_URL: z.preprocess((v) => (v === '' ? undefined : v), z.string().url().optional()),
  /**
   * Comma-separated extension ids allowed to call the API from the browser (CORS). The default is
   * the id Chrome derives from the `key` in wxt.config.ts, so the built extension works out of the box.
   */
  EXTENSION_IDS: z.string().default('kbhdpjlnpmgpfcommknmpolgmgkalbhm'),
  /** Largest JSON body in bytes; imports have their own, larger limit. */
  MAX_BODY_BYTES: z.coerce.number().int().positive().default(1_048_576),
  MAX_IMPORT_BYTES: z.coerce.number().int().positive().default(1_073_741_824),
  LOG_REQUESTS: z.enum(['0', '1']).default('1'),
  /** `Server-Timing` on every answer, for the benchmarks (http/log.ts); off in production. */
  SERVER_TIMING: z.enum(['0', '1']).default('0'),
  /**
   * Server processes sharing the port (node:cluster). SQLite in WAL mode lets every process read
   * at once while writes take turns; with PostgreSQL, run more machines instead.
   */
  WORKERS: z.coerce.number().int().min(1).max(64).default(1),
  /**
   * Where `npm run digest:send` hands the daily digests: `smtps://user:pass@host:465`, or
   * `smtp://…:587` (STARTTLS when the server offers it). Unset: no email is sent. Its password is
   * never printed: zod's messages do not echo the value, and the job shows it redacted.
   */
  SMTP_URL: z.preprocess((v) => (v === '' ? undefined : v), z.url({ protocol: /^smtps?$/, hostname: /./, error: 'must be smtp://… or smtps://…' }).optional()),
  /** The digests' From address; required with SMTP_URL. */
  DIGEST_FROM: z.preprocess((v) => (v === '' ? undefined : v), z.email().optional()),
  /**
   * The key CRM secrets are sealed under (AES-256-GCM, server/crm/secrets.ts): 32 bytes as base64
   * or 64 hex digits, or the file SECRETS_KEY_FILE names. Checked where it is used, so a server
   * with no CRM needs none; never printed.
   */
  /** `0`: this process runs no scheduled jobs (server/jobs/start.ts); `npm run jobs` still works. */
  JOBS: z.enum(['0', '1']).default('1'),
  SECRETS_KEY: z.preprocess((v) => (v === '' ? undefined : v), z.string().optional()),
  SECRETS_KEY_FILE: z.preprocess((v) => (v === '' ? undefined : v), z.string().optional()),
}).refine((env) => !env.SMTP_URL || env.DIGEST_FROM, { path: ['DIGEST_FROM'], message: 'required when SMTP_URL is set' });
export type ServerEnv = z.infer<typeof Env>;

export function readEnv(source: NodeJS.ProcessEnv = process.env): ServerEnv {
  const parsed = Env.safeParse(source);
  if (!parsed.success) {
    const lines = parsed.error.issues.map((i) => `  ${i.path.join('.')}: ${i.message}`).join('\n');
    throw new Error(`invalid configuration:\n${lines}`);
  }
  return parsed.data;
}

export const extensionOrigins = (ids: string) =>
  ids
    .split(',')
    .map((s) => s.trim())
    .filter(Boolean)
    .flatMap((id) => [`chrome-extension://${id}`, `moz-extension://${id}`]);
