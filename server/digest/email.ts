/**
 * The daily digest as an email: subject, plain-text body and HTML body, from the same `Digest`
 * the side panel shows. Lines a rep dismissed are left out; acted ones say so. CRM strings are
 * escaped in the HTML (email-escape.ts); the email has no links, so none can point anywhere but
 * where the rep already is.
 *
 * @example
 * const { subject } = digestEmail(digest, 'Riley Rep');
 * subject // 'Your digest for 2026-11-23: 3 alerts, 3 tasks'
 */
import { playText } from '../intel/review.ts';
import { PRIORITY_LABELS } from '../../shared/brief.ts';
import type { Digest, DigestLine, DigestTask } from '../../shared/digest.ts';
import { html, oneLine } from './email-escape.ts';

export interface DigestEmail {
  subject: string;
  text: string;
  html: string;
}

const count = (n: number, one: string) => `${n} ${one}${n === 1 ? '' : 's'}`;

/** "2026-11-22 09:00 UTC": the instant a digest covers from, as a rep reads it. */
const utc = (iso: string) => `${iso.slice(0, 10)} ${iso.slice(11, 16)} UTC`;

const shownLines = (digest: Digest) => digest.lines.filter((l) => l.state !== 'dismissed');

function lineHead(line: DigestLine): string {
  const tier = line.account.tier === null ? '' : ` (Tier ${line.account.tier})`;
  return `${line.alert ? 'ALERT ' : ''}${oneLine(line.account.name)}${tier}: ${oneLine(line.reason)}${line.state === 'acted' ? ' [done]' : ''}`;
}

const playOf = (action: DigestTask['action']) => oneLine(playText(action));

export function digestSubject(digest: Digest): string {
  return `Your digest for ${digest.day}: ${count(digest.alerts, 'alert')}, ${count(digest.tasks.length, 'task')}`;
}

function textBody(digest: Digest, name: string): string {
  const lines = shownLines(digest);
  const out = [`Hello ${oneLine(name)},`, '', `Your digest for ${digest.day}: what changed on your accounts since ${utc(digest.since)}.`, ''];
  if (lines.length === 0) out.push('Nothing changed on your accounts.', '');
  for (const line of lines) out.push(`- ${lineHead(line)}`, `  Next: ${playOf(line.action)}`);
  if (lines.length > 0) out.push('');
  if (digest.omitted > 0) out.push(`${count(digest.omitted, 'less urgent line')} left out; the side panel has the rest.`, '');
  out.push('Tasks for today:');
  if (digest.tasks.length === 0) out.push('None.');
  digest.tasks.forEach((task, i) => out.push(`${i + 1}. ${oneLine(task.text)}`, `   Why: ${oneLine(task.reason)}`));
  out.push('', `${count(digest.alerts, 'alert')} of your budget of ${digest.alertBudget}; about ${count(Math.max(1, digest.readingMinutes), 'minute')} to read.`);
  return `${out.join('\n')}\n`;
}

const P = 'style="margin:0 0 12px"';

function htmlBody(digest: Digest, name: string): string {
  const lines = shownLines(digest);
  const items = lines.map(
    (line) =>
      `<li style="margin:0 0 10px"><strong>${line.alert ? 'Alert: ' : ''}${html(line.account.name)}</strong>` +
      `${line.account.tier === null ? '' : ` (Tier ${line.account.tier})`} &middot; ${html(PRIORITY_LABELS[line.priority])}<br>` +
      `${html(line.reason)}${line.state === 'acted' ? ' <em>(done)</em>' : ''}<br>Next: ${html(playOf(line.action))}</li>`,
  );
  const tasks = digest.tasks.map((task) => `<li style="margin:0 0 10px">${html(task.text)}<br><small>Why: ${html(task.reason)}</small></li>`);
  return [
    '<!doctype html><html><body style="font-family:system-ui,sans-serif;font-size:15px;line-height:1.4;color:#111">',
    `<p ${P}>Hello ${html(oneLine(name))},</p>`,
    `<p ${P}>Your digest for ${html(digest.day)}: what changed on your accounts since ${html(utc(digest.since))}.</p>`,
    items.length ? `<ul style="padding-left:20px">${items.join('')}</ul>` : `<p ${P}>Nothing changed on your accounts.</p>`,
    digest.omitted > 0 ? `<p ${P}>${count(digest.omitted, 'less urgent line')} left out; the side panel has the rest.</p>` : '',
    `<h2 style="font-size:17px">Tasks for today</h2>`,
    tasks.length ? `<ol style="padding-left:20px">${tasks.join('')}</ol>` : `<p ${P}>None.</p>`,
    `<p style="color:#555;font-size:13px">${count(digest.alerts, 'alert')} of your budget of ${digest.alertBudget}; about ${count(Math.max(1, digest.readingMinutes), 'minute')} to read.</p>`,
    '</body></html>',
  ].join('\n');
}

export function digestEmail(digest: Digest, recipientName: string): DigestEmail {
  return { subject: digestSubject(digest), text: textBody(digest, recipientName), html: htmlBody(digest, recipientName) };
}
