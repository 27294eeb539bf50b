/**
 * `npm run digest:send [-- --team ID] [--data-dir DIR]`: emails each rep today's digest over
 * SMTP_URL, from DIGEST_FROM (server/digest/send.ts). Run it from cron each morning, after
 * `intel:refresh`; running it again the same day sends only what has not gone yet, so an hourly
 * run retries failures. Without SMTP_URL it says so and exits 0. Exit status 1 when a send failed.
 *
 * @example
 * $ SMTP_URL=smtps://digest:secret@mail.example:465 DIGEST_FROM=digest@example.com npm run digest:send
 * Sending the digests for 2026-11-23 through smtps://digest:***@mail.example:465
 * Sent 12, already sent 0, in progress elsewhere 0, failed 0.
 */
import { parseArgs } from 'node:util';
import { migrateToLatest, openDatabase, type OpenedDatabase } from '../db/connect.ts';
import { readEnv } from '../env.ts';
import { redactedSmtpUrl, smtpMailer } from '../digest/email-transport.ts';
import { sendDigests } from '../digest/send.ts';

export interface DigestSendIO {
  out(line: string): void;
  err(line: string): void;
}

export async function runDigestSend(
  argv: string[],
  options: { env?: NodeJS.ProcessEnv; io?: DigestSendIO; now?: Date; db?: OpenedDatabase } = {},
): Promise<number> {
  const io = options.io ?? { out: (l) => process.stdout.write(`${l}\n`), err: (l) => process.stderr.write(`${l}\n`) };
  let values: { team?: string; 'data-dir'?: string };
  let env: ReturnType<typeof readEnv>;
  try {
    values = parseArgs({ args: argv, options: { team: { type: 'string' }, 'data-dir': { type: 'string' } } }).values;
    env = readEnv(options.env ?? process.env);
  } catch (error) {
    io.err(`digest:send: ${error instanceof Error ? error.message : String(error)}`);
    return 2;
  }
  if (!env.SMTP_URL || !env.DIGEST_FROM) {
    io.out('SMTP_URL is not set: no digest emails to send.');
    return 0;
  }
  const now = options.now ?? new Date();
  let db = options.db;
  const smtp = smtpMailer(env.SMTP_URL);
  try {
    if (!db) {
      db = values['data-dir'] ? await openDatabase({ dataDir: values['data-dir'] }) : await openDatabase({ databaseUrl: env.DATABASE_URL, dataDir: env.DATA_DIR });
      await migrateToLatest(db);
    }
    io.out(`Sending the digests for ${now.toISOString().slice(0, 10)} through ${redactedSmtpUrl(env.SMTP_URL)}`);
    const report = await sendDigests(db, smtp.mailer, { from: env.DIGEST_FROM, now, ...(values.team ? { teamId: values.team } : {}) });
    for (const f of report.failed) io.err(`  not sent to user ${f.userId} (team ${f.teamId}): ${f.error}`);
    io.out(`Sent ${report.sent.length}, already sent ${report.alreadySent}, in progress elsewhere ${report.inProgress}, failed ${report.failed.length}.`);
    if (report.failed.length) io.err('The failed ones are sent by the next run.');
    return report.failed.length ? 1 : 0;
  } catch (error) {
    io.err(`digest:send failed: ${error instanceof Error ? error.message : String(error)}`);
    return 1;
  } finally {
    smtp.close();
    if (db && !options.db) await db.close();
  }
}

if (import.meta.url === `file://${process.argv[1]}`) {
  process.exitCode = await runDigestSend(process.argv.slice(2));
}
