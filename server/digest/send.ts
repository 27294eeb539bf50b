/**
 * Emails each rep today's digest, once per rep and UTC day. A rep here is an active (not
 * disabled) user who owns accounts: the digest covers their book, so someone without one (a
 * service user that only delivers webhooks) would get an empty mail every morning.
 *
 * Each delivery is claimed in `digest_deliveries` before the SMTP conversation, so a second run
 * (cron overlapping a manual one) skips it; the claim becomes `sent_at` once the server accepted
 * the message, and is dropped when the send fails so the next run retries it. A run that dies
 * mid-send leaves a claim that a run after CLAIM_EXPIRY_MS takes over: a mail may then go twice,
 * never zero times.
 *
 * @example
 * const report = await sendDigests(db, smtpMailer(env.SMTP_URL).mailer, { from: env.DIGEST_FROM, now: new Date() });
 * report.failed // [{ userId, error }] — retried on the next run
 */
import { z } from 'zod';
import type { OpenedDatabase } from '../db/connect.ts';
import { dayOf } from '../intel/time.ts';
import { digestFor } from './build.ts';
import { digestEmail } from './email.ts';

/** A claim older than this was left by a run that died; the mail is sent again. */
export const CLAIM_EXPIRY_MS = 30 * 60_000;

export interface OutgoingMail {
  from: string;
  to: { name: string; address: string };
  subject: string;
  text: string;
  html: string;
}

/** What sends one message: nodemailer's transporter (email-transport.ts), or a test's. */
export interface Mailer {
  sendMail(mail: OutgoingMail): Promise<{ messageId: string }>;
}

export interface DeliveryReport {
  day: string;
  sent: { userId: string; teamId: string; messageId: string }[];
  /** Already sent today by an earlier run. */
  alreadySent: number;
  /** Claimed by a run still in progress. */
  inProgress: number;
  /** Not sent; the next run tries again. */
  failed: { userId: string; teamId: string; error: string }[];
}

export interface Recipient {
  id: string;
  team_id: string;
  email: string;
  name: string;
}

const Address = z.email();

/** Who gets a digest: active users who own accounts (see above), one team's or every team's. */
export async function digestRecipients(db: OpenedDatabase, teamId: string | undefined): Promise<Recipient[]> {
  let query = db.kysely
    .selectFrom('users as u')
    .select(['u.id', 'u.team_id', 'u.email', 'u.name'])
    .where('u.disabled_at', 'is', null)
    .where(({ exists, selectFrom }) => exists(selectFrom('accounts as a').select('a.id').whereRef('a.team_id', '=', 'u.team_id').whereRef('a.owner_id', '=', 'u.id')))
    .orderBy('u.team_id')
    .orderBy('u.id');
  if (teamId) query = query.where('u.team_id', '=', teamId);
  return query.execute();
}

type Claim = 'claimed' | 'sent' | 'in-progress';

async function claim(db: OpenedDatabase, user: Recipient, day: string, now: Date): Promise<Claim> {
  const claimedAt = now.toISOString();
  const inserted = await db.kysely
    .insertInto('digest_deliveries')
    .values({ team_id: user.team_id, user_id: user.id, day, claimed_at: claimedAt, sent_at: null, message_id: null })
    .onConflict((oc) => oc.columns(['user_id', 'day']).doNothing())
    .returning('user_id')
    .executeTakeFirst();
  if (inserted) return 'claimed';
  const existing = await db.kysely.selectFrom('digest_deliveries').select(['sent_at', 'claimed_at']).where('user_id', '=', user.id).where('day', '=', day).executeTakeFirst();
  if (!existing) return claim(db, user, day, now); // released between our insert and read
  if (existing.sent_at) return 'sent';
  if (Date.parse(existing.claimed_at) > now.getTime() - CLAIM_EXPIRY_MS) return 'in-progress';
  // Take over an abandoned claim, unless another run just did.
  const taken = await db.kysely
    .updateTable('digest_deliveries')
    .set({ claimed_at: claimedAt })
    .where('user_id', '=', user.id)
    .where('day', '=', day)
    .where('sent_at', 'is', null)
    .where('claimed_at', '=', existing.claimed_at)
    .executeTakeFirst();
  return Number(taken.numUpdatedRows) === 1 ? 'claimed' : 'in-progress';
}

const release = (db: OpenedDatabase, user: Recipient, day: string) =>
  db.kysely.deleteFrom('digest_deliveries').where('user_id', '=', user.id).where('day', '=', day).where('sent_at', 'is', null).execute();

/** Why a send failed, with the SMTP reply code when the server gave one. */
function reasonOf(error: unknown): string {
  if (!(error instanceof Error)) return String(error);
  const { responseCode, code } = error as Error & { responseCode?: number; code?: string };
  return [responseCode ? `SMTP ${responseCode}` : code, error.message].filter(Boolean).join(': ');
}

export async function sendDigests(db: OpenedDatabase, mailer: Mailer, options: { from: string; now: Date; teamId?: string }): Promise<DeliveryReport> {
  const { from, now } = options;
  const day = dayOf(now.toISOString());
  const report: DeliveryReport = { day, sent: [], alreadySent: 0, inProgress: 0, failed: [] };
  for (const user of await digestRecipients(db, options.teamId)) {
    const claimed = await claim(db, user, day, now);
    if (claimed === 'sent') report.alreadySent++;
    if (claimed === 'in-progress') report.inProgress++;
    if (claimed !== 'claimed') continue;
    try {
      const address = Address.safeParse(user.email);
      if (!address.success) throw new Error('the user’s email is not a valid address');
      const digest = await digestFor(db, { teamId: user.team_id, userId: user.id }, now);
      const { messageId } = await mailer.sendMail({ from, to: { name: user.name, address: address.data }, ...digestEmail(digest, user.name) });
      await db.kysely
        .updateTable('digest_deliveries')
        .set({ sent_at: now.toISOString(), message_id: messageId })
        .where('user_id', '=', user.id)
        .where('day', '=', day)
        .execute();
      report.sent.push({ userId: user.id, teamId: user.team_id, messageId });
    } catch (error) {
      await release(db, user, day);
      report.failed.push({ userId: user.id, teamId: user.team_id, error: reasonOf(error) });
    }
  }
  return report;
}
