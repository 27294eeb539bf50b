// @vitest-environment jsdom
/**
 * The cross-mailbox natural key of a logged email (sites/gmail/email-key.ts): the same message in
 * two teammates' mailboxes (another msg-f id in each, filed seconds apart, the reply's "Re:") makes
 * one key; another sender, minute or subject makes another; no address or subject in clear.
 */
import { describe, expect, it } from 'vitest';
import type { GmailMessage } from '../../../../../extension/sites/gmail/extract-thread.ts';
import { canonicalSubject, emailNaturalKey, messageMinute } from '../../../../../extension/sites/gmail/email-key.ts';
import { readThreadSubject } from '../../../../../extension/sites/gmail/thread-subject.ts';
import { handmadeDir, loadPage } from '../common/pages.ts';

/** A msg-f id filed at `iso` (the id's high bits are the time in ms), with `low` bits of its own. */
const idAt = (iso: string, low: number) => `msg-f:${((BigInt(Date.parse(iso)) << 20n) | BigInt(low)).toString()}`;
const message = (id: string, from: string, overrides: Partial<GmailMessage> = {}): GmailMessage => ({
  id: { id, source: 'data', provisional: false },
  state: 'expanded',
  from: { address: from },
  recipients: [],
  ...overrides,
});

describe('the natural key of a logged email', () => {
  it('is the same in two mailboxes: other msg-f ids, filed seconds apart, seen collapsed or open, Re: or not', async () => {
    const inSofias = message(idAt('2026-12-02T14:05:03.120Z', 0x1a2b3), 'daniel.ortega.lind@novarepotential.se', { recipients: [{ address: 'sofia.lindqvist@northwind-demo.test' }] });
    const inAnas = message(idAt('2026-12-02T14:05:41.900Z', 0x4c5d6), 'daniel.ortega.lind@novarepotential.se', { state: 'collapsed' });
    expect(inSofias.id!.id).not.toBe(inAnas.id!.id);
    const mine = await emailNaturalKey(inSofias, 'Pilot scope for Q1');
    expect(mine).toMatch(/^gmail:msg:v1:[0-9a-f]{64}$/);
    expect(await emailNaturalKey(inAnas, 'RE: Re:  Pilot scope  for Q1')).toBe(mine);
  });

  it('differs for another sender, another minute or another subject', async () => {
    const base = await emailNaturalKey(message(idAt('2026-12-02T14:05:03Z', 1), 'a@client.example'), 'Pilot');
    expect(await emailNaturalKey(message(idAt('2026-12-02T14:05:03Z', 1), 'b@client.example'), 'Pilot')).not.toBe(base);
    expect(await emailNaturalKey(message(idAt('2026-12-02T14:06:03Z', 1), 'a@client.example'), 'Pilot')).not.toBe(base);
    expect(await emailNaturalKey(message(idAt('2026-12-02T14:05:03Z', 1), 'a@client.example'), 'Pricing')).not.toBe(base);
  });

  it('names nobody and no subject in clear', async () => {
    const key = await emailNaturalKey(message(idAt('2026-12-02T14:05:03Z', 1), 'daniel@novare.se'), 'Pilot scope');
    expect(key).not.toMatch(/daniel|novare|pilot/i);
  });

  it('waits for a stable id or a printed date: a just-sent message with neither has no key', async () => {
    const sent = message('msg-a:r-4417329586201839251', 'sofia@northwind-demo.test', { id: { id: 'msg-a:r-4417329586201839251', source: 'data', provisional: true } });
    expect(messageMinute(sent)).toBeUndefined();
    expect(await emailNaturalKey(sent, 'Pilot')).toBeUndefined();
    expect(messageMinute({ ...sent, date: '2026-12-04T11:02:30.000Z' })).toBe('2026-12-04T11:02:00.000Z');
  });

  it('reads the jslog-only message of the hand-made thread like the others', async () => {
    const doc = loadPage(handmadeDir('gmail'), '2026-12-05--thread--novare-three-messages--handmade.html');
    const subject = readThreadSubject(doc, new URL('https://mail.google.com/mail/u/0/#inbox/FMfcgzQXJWDsNovarePilotScopeQ1'), { ownAddresses: [], teamDomains: ['northwind-demo.test'], neverLog: [] })!;
    const keys = await Promise.all(subject.thread.messages.map((m) => emailNaturalKey(m, subject.thread.subject)));
    expect(keys.every(Boolean)).toBe(true);
    expect(new Set(keys).size).toBe(3);
    expect(subject.thread.messages.map(messageMinute)).toEqual(['2026-12-01T09:30:00.000Z', '2026-12-02T14:05:00.000Z', '2026-12-03T08:47:00.000Z']);
  });

  it('folds reply and forward prefixes in several languages, never a word that starts alike', () => {
    expect(canonicalSubject('Re: AW: Fwd: Pilot')).toBe('pilot');
    expect(canonicalSubject('Réponse attendue')).toBe('réponse attendue');
    expect(canonicalSubject('Review: Q1')).toBe('review: q1');
  });
});
