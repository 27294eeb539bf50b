/**
 * The SMTP side of the digest job: a nodemailer transporter for SMTP_URL, keeping one connection
 * open across the run's messages, and the URL as it may be printed (password masked).
 *
 * @example
 * const smtp = smtpMailer('smtps://digest:secret@mail.example:465');
 * await sendDigests(db, smtp.mailer, { from, now });
 * smtp.close();
 */
import nodemailer from 'nodemailer';
import type { Mailer } from './send.ts';

export function smtpMailer(url: string): { mailer: Mailer; close(): void } {
  // Query parameters of the URL (e.g. `?requireTLS=true`) still apply over these.
  const transport = nodemailer.createTransport({ url, pool: true, maxConnections: 1 });
  return {
    mailer: { sendMail: async (mail) => ({ messageId: (await transport.sendMail(mail)).messageId }) },
    close: () => transport.close(),
  };
}

/** `smtps://digest:***@mail.example:465`: what a log line may show of SMTP_URL. */
export function redactedSmtpUrl(url: string): string {
  const parsed = new URL(url);
  if (parsed.password) parsed.password = '***';
  return parsed.toString();
}
