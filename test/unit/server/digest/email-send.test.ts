/**
 * `npm run digest:send` end to end over a real SMTP conversation on loopback (smtp-server with
 * AUTH): each active rep with a book gets today's digest once, with the right recipient, subject,
 * text and escaped HTML; a re-run sends nothing; a recipient the server refuses (550) stays
 * unrecorded and the next run sends it; disabled users and users without accounts get nothing;
 * without SMTP_URL the job says so and exits 0. Runs on both dialects.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createUser } from '../../../../server/auth/users.ts';
import { runDigestSend } from '../../../../server/cli/digest-send.ts';
import { CLAIM_EXPIRY_MS, sendDigests, type OutgoingMail } from '../../../../server/digest/send.ts';
import { makeHarness, type Harness } from '../harness.ts';
import { SMTP_PASSWORD, startFakeSmtp, type FakeSmtp } from './email-fake-smtp.ts';

const HOUR = 3_600_000;
const HOSTILE_NAME = '<script>alert("x")</script> & Co';

let h: Harness;
let smtp: FakeSmtp;
let bounceId: string;
let disabledId: string;

async function seed() {
  const db = h.db.kysely;
  const now = h.clock.now;
  const bounce = await createUser(db, { teamId: h.teamA, email: 'bounce@a.test', name: 'Bo Unce', role: 'rep' }, now);
  const disabled = await createUser(db, { teamId: h.teamA, email: 'gone@a.test', name: 'Gone Rep', role: 'rep' }, now);
  await db.updateTable('users').set({ disabled_at: now.toISOString() }).where('id', '=', disabled.id).execute();
  bounceId = bounce.id;
  disabledId = disabled.id;
  const ago = (ms: number) => new Date(now.getTime() - ms).toISOString();
  const books: [string, string, string, string][] = [
    ['acc_hostile', h.teamA, h.rep.id, HOSTILE_NAME],
    ['acc_bounce', h.teamA, bounce.id, 'Bounce Ltd'],
    ['acc_gone', h.teamA, disabled.id, 'Gone Inc'],
    ['acc_other', h.teamB, h.otherRep.id, 'Globex Target'],
  ];
  await db
    .insertInto('accounts')
    .values(books.map(([id, team, owner, name]) => ({ id, team_id: team, name, tier: 1, stage: 'engaged', owner_id: owner, field_sources: '{}', created_at: ago(300 * 24 * HOUR), updated_at: ago(24 * HOUR) })))
    .execute();
  // A demo request this morning on every account: one alert and one task in each digest.
  await db
    .insertInto('events')
    .values(
      books.map(([id, team], i) => ({
        team_id: team,
        account_id: id,
        contact_id: null,
        kind: 'web_visit',
        occurred_at: ago(5 * HOUR),
        source: 'test',
        natural_key: `demo${i}`,
        data: JSON.stringify({ url: 'https://northwind.example/demo', pageType: 'demo' }),
      })),
    )
    .execute();
}

async function run(env: Record<string, string> = { SMTP_URL: smtp.url(), DIGEST_FROM: 'digest@signalhouse.test' }, argv: string[] = []) {
  const out: string[] = [];
  const err: string[] = [];
  const code = await runDigestSend(argv, { env, db: h.db, now: h.clock.now, io: { out: (l) => out.push(l), err: (l) => err.push(l) } });
  return { code, out: out.join('\n'), err: err.join('\n') };
}

const deliveries = () => h.db.kysely.selectFrom('digest_deliveries').selectAll().orderBy('user_id').execute();

beforeAll(async () => {
  h = await makeHarness();
  smtp = await startFakeSmtp();
  await seed();
});
afterAll(async () => {
  await smtp?.close();
  await h?.close();
});

describe('digest:send over SMTP', () => {
  it('without SMTP_URL says so, exits 0 and sends nothing', async () => {
    const result = await run({});
    expect(result).toEqual({ code: 0, out: 'SMTP_URL is not set: no digest emails to send.', err: '' });
    expect(smtp.received).toEqual([]);
    expect(await deliveries()).toEqual([]);
  });

  it('refuses SMTP_URL without DIGEST_FROM, naming the setting and not the password', async () => {
    const result = await run({ SMTP_URL: smtp.url() });
    expect(result.code).toBe(2);
    expect(result.err).toContain('DIGEST_FROM: required when SMTP_URL is set');
    expect(`${result.out}${result.err}`).not.toContain(SMTP_PASSWORD);
    const wrongScheme = await run({ SMTP_URL: `http://digest:${SMTP_PASSWORD}@127.0.0.1:25`, DIGEST_FROM: 'digest@signalhouse.test' });
    expect(wrongScheme.code).toBe(2);
    expect(wrongScheme.err).toContain('SMTP_URL: must be smtp://… or smtps://…');
    expect(wrongScheme.err).not.toContain(SMTP_PASSWORD);
  });

  it('sends each active rep with a book their digest; a refused recipient is reported and not recorded', async () => {
    smtp.reject.add('bounce@a.test');
    const result = await run();
    expect(result.code).toBe(1);
    expect(result.out).toContain('through smtp://digest:***@127.0.0.1:');
    expect(`${result.out}${result.err}`).not.toContain(SMTP_PASSWORD);
    expect(result.err).toContain(`not sent to user ${bounceId} (team ${h.teamA}): SMTP 550`);
    expect(result.out).toContain('Sent 2, already sent 0, in progress elsewhere 0, failed 1.');

    expect(smtp.received.map((m) => m.rcptTo.join()).sort()).toEqual(['rep@a.test', 'rep@b.test']);
    const mail = smtp.received.find((m) => m.rcptTo[0] === 'rep@a.test')!;
    expect(mail.authUser).toBe('digest');
    expect(mail.mailFrom).toBe('digest@signalhouse.test');
    expect(mail.headers.get('subject')).toBe('Your digest for 2026-11-23: 1 alert, 1 task');
    expect(mail.headers.get('to')).toBe('"rep rep@a.test" <rep@a.test>');
    expect(mail.text).toBe(
      [
        'Hello rep rep@a.test,',
        '',
        'Your digest for 2026-11-23: what changed on your accounts since 2026-11-22 09:00 UTC.',
        '',
        `- ALERT ${HOSTILE_NAME} (Tier 1): Requested a demo today`,
        `  Next: Follow up with the person who requested the demo within the hour and offer two demo slots (call; We do not know the person who requested the demo at ${HOSTILE_NAME}: check the demo form submission in the web analytics, or ask rep rep@a.test (account owner) who it was)`,
        '',
        'Tasks for today:',
        `1. ${HOSTILE_NAME}: Follow up with the person who requested the demo within the hour and offer two demo slots (call; We do not know the person who requested the demo at ${HOSTILE_NAME}: check the demo form submission in the web analytics, or ask rep rep@a.test (account owner) who it was)`,
        '   Why: Requested a demo today',
        '',
        '1 alert of your budget of 3; about 1 minute to read.',
        '',
      ].join('\n'),
    );
    expect(mail.html).toContain('<strong>Alert: &lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; &amp; Co</strong>');
    expect(mail.html).not.toContain('<script>');

    const rows = await deliveries();
    expect(rows.map((r) => `${r.user_id} ${r.day} ${r.sent_at}`).sort()).toEqual([h.rep.id, h.otherRep.id].sort().map((id) => `${id} 2026-11-23 ${h.clock.now.toISOString()}`));
    expect(rows.every((r) => r.message_id && r.message_id.length > 0)).toBe(true);
  });

  it('a re-run sends only the one that failed, once the server takes it', async () => {
    smtp.reject.clear();
    const before = smtp.received.length;
    const result = await run();
    expect(result).toMatchObject({ code: 0, err: '' });
    expect(result.out).toContain('Sent 1, already sent 2, in progress elsewhere 0, failed 0.');
    expect(smtp.received.slice(before).map((m) => m.rcptTo)).toEqual([['bounce@a.test']]);
    expect(smtp.received.slice(before)[0]!.headers.get('subject')).toBe('Your digest for 2026-11-23: 1 alert, 1 task');
  });

  it('a third run the same day sends nothing; disabled users and users without accounts never got anything', async () => {
    const before = smtp.received.length;
    const result = await run();
    expect(result.out).toContain('Sent 0, already sent 3, in progress elsewhere 0, failed 0.');
    expect(smtp.received.length).toBe(before);
    const recipients = smtp.received.flatMap((m) => m.rcptTo);
    expect(recipients).not.toContain('gone@a.test');
    expect(recipients).not.toContain('intent-vendor@a.test');
    expect(recipients).not.toContain('manager@a.test');
    expect((await deliveries()).map((r) => r.user_id)).not.toContain(disabledId);
  });

  it('a wrong password sends nothing and records nothing', async () => {
    h.clock.now = new Date('2026-11-24T07:00:00.000Z');
    const before = smtp.received.length;
    const result = await run({ SMTP_URL: smtp.url('wrong-password'), DIGEST_FROM: 'digest@signalhouse.test' });
    expect(result.code).toBe(1);
    expect(result.err).toContain('SMTP 535');
    expect(result.out).toContain('Sent 0, already sent 0, in progress elsewhere 0, failed 3.');
    expect(`${result.out}${result.err}`).not.toContain('wrong-password');
    expect(smtp.received.length).toBe(before);
    expect((await deliveries()).filter((r) => r.day === '2026-11-24')).toEqual([]);
  });

  it('--team sends one team’s digests only', async () => {
    const before = smtp.received.length;
    const result = await run(undefined, ['--team', h.teamB]);
    expect(result.out).toContain('Sent 1, already sent 0');
    expect(smtp.received.slice(before).map((m) => m.rcptTo)).toEqual([['rep@b.test']]);
  });
});

describe('claims', () => {
  const sent: OutgoingMail[] = [];
  const mailer = { sendMail: async (mail: OutgoingMail) => (sent.push(mail), { messageId: `<m${sent.length}@test>` }) };

  it('skips a rep another run is sending to, and takes over a claim abandoned longer than the expiry', async () => {
    const now = new Date('2026-11-25T07:00:00.000Z');
    const claim = (userId: string, teamId: string, at: number) => ({ team_id: teamId, user_id: userId, day: '2026-11-25', claimed_at: new Date(at).toISOString(), sent_at: null, message_id: null });
    await h.db.kysely
      .insertInto('digest_deliveries')
      .values([claim(h.rep.id, h.teamA, now.getTime() - 60_000), claim(bounceId, h.teamA, now.getTime() - CLAIM_EXPIRY_MS - 60_000)])
      .execute();
    const report = await sendDigests(h.db, mailer, { from: 'digest@signalhouse.test', now, teamId: h.teamA });
    expect(report).toMatchObject({ day: '2026-11-25', inProgress: 1, alreadySent: 0, failed: [] });
    expect(report.sent.map((s) => s.userId)).toEqual([bounceId]);
    expect(sent.map((m) => m.to.address)).toEqual(['bounce@a.test']);
  });
});
