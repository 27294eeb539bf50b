// @vitest-environment jsdom
/**
 * The thread panel's subject on the hand-made conversations with demo CRM people: who is asked
 * about (external, never the rep, a teammate, someone quoted, or anyone on the never-log list), the
 * stale heading of the conversation the rep just left, settling, and drift by name.
 */
import { describe, expect, it } from 'vitest';
import { visibleThreadHeading } from '../../../../../extension/sites/gmail/extract-thread.ts';
import { onNeverLogList, readThreadSubject, teamDomainsOf, threadDrift, threadRefs, threadSettled, type MailSide } from '../../../../../extension/sites/gmail/thread-subject.ts';
import { handmadeDir, loadPage } from '../common/pages.ts';

const DIR = handmadeDir('gmail');
const NOVARE_URL = new URL('https://mail.google.com/mail/u/0/#inbox/FMfcgzQXJWDsNovarePilotScopeQ1');
const OTHER_URL = new URL('https://mail.google.com/mail/u/0/#inbox/FMfcgzQXJWDsSwedbankDataReview');
const SIDE: MailSide = { ownAddresses: ['sofia.lindqvist@northwind-demo.test'], teamDomains: ['northwind-demo.test'], neverLog: [] };
const novare = () => loadPage(DIR, '2026-12-05--thread--novare-three-messages--handmade.html');

describe('the people a Gmail thread panel asks about', () => {
  it('are the external people of every message, once each, addresses normalised: never the rep, a teammate or someone quoted', () => {
    const subject = readThreadSubject(novare(), NOVARE_URL, SIDE)!;
    expect(threadRefs(subject)).toEqual([
      { kind: 'email', address: 'daniel.ortega.lind@novarepotential.se', name: 'Daniel Ortega Lind' },
      { kind: 'email', address: 'rohan.whitfield@novarepotential.se', name: 'Rohan Whitfield' },
    ]);
    expect(subject.internal).toBe(false);
    expect(subject.thread.messages.map((m) => [m.id?.id, m.id?.source])).toEqual([
      ['msg-f:1883365598822507187', 'data'],
      ['msg-f:1883473497292907187', 'data'],
      ['msg-f:1883544087429227187', 'jslog'],
    ]);
    expect(threadSettled(subject)).toBe(true);
  });

  it('leave out addresses and domains on the never-log list before any ref is made, and mark the thread', () => {
    const byAddress = readThreadSubject(novare(), NOVARE_URL, { ...SIDE, neverLog: ['Rohan.Whitfield@novarepotential.se'] })!;
    expect(threadRefs(byAddress).map((r) => r.address)).toEqual(['daniel.ortega.lind@novarepotential.se']);
    expect(byAddress.neverLogged).toBe(true);
    const byDomain = readThreadSubject(novare(), NOVARE_URL, { ...SIDE, neverLog: ['@novarepotential.se'] })!;
    expect(threadRefs(byDomain)).toEqual([]);
    expect(readThreadSubject(novare(), NOVARE_URL, SIDE)!.neverLogged).toBe(false);
  });

  it('match the never-log list by exact address or by domain and its subdomains, never by a lookalike suffix', () => {
    expect(onNeverLogList('ana@eu.family.example', ['family.example'])).toBe(true);
    expect(onNeverLogList('ana@notfamily.example', ['family.example'])).toBe(false);
    expect(onNeverLogList('mum@home.example', ['MUM@home.example'])).toBe(true);
    expect(onNeverLogList('dad@home.example', ['mum@home.example'])).toBe(false);
  });

  it('make a thread among the rep and teammates internal: nobody to ask about', () => {
    const subject = readThreadSubject(novare(), NOVARE_URL, { ...SIDE, teamDomains: ['northwind-demo.test', 'novarepotential.se'] })!;
    expect(subject.internal).toBe(true);
    expect(threadRefs(subject)).toEqual([]);
  });

  it('never come from the conversation the rep just left while Gmail still shows it for the next URL', () => {
    const doc = novare();
    const left = visibleThreadHeading(doc);
    const subject = readThreadSubject(doc, OTHER_URL, SIDE, left)!;
    expect(subject.thread.messages).toEqual([]);
    expect(threadRefs(subject)).toEqual([]);
    expect(threadSettled(subject)).toBe(false);
  });

  it('report drift by name when renamed selectors leave no message to read', () => {
    const doc = novare();
    for (const el of doc.querySelectorAll('[data-message-id], .adn')) el.replaceWith(...el.childNodes);
    for (const el of doc.querySelectorAll('h2')) {
      const renamed = doc.createElement('h5');
      renamed.textContent = el.textContent;
      el.replaceWith(renamed);
    }
    const subject = readThreadSubject(doc, NOVARE_URL, SIDE)!;
    expect(threadDrift(subject, doc)).toEqual(['gmail.thread.subject', 'gmail.thread.message']);
    expect(threadDrift(readThreadSubject(novare(), NOVARE_URL, SIDE)!, novare())).toEqual([]);
  });

  it('take the team\'s domain from the rep\'s address, never a consumer mailbox\'s', () => {
    expect(teamDomainsOf('sofia.lindqvist@Northwind-Demo.test')).toEqual(['northwind-demo.test']);
    expect(teamDomainsOf('sofia@gmail.com')).toEqual([]);
    expect(teamDomainsOf(undefined)).toEqual([]);
  });
});
