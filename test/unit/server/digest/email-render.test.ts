/**
 * The digest email's text: the escape helper against hostile values, and a rendered digest whose
 * every CRM string is hostile, which must come out as text in the HTML (only our own tags, no
 * links) and whole in the plain-text body.
 */
import { describe, expect, it } from 'vitest';
import type { Digest, DigestLine, DigestTask } from '../../../../shared/digest.ts';
import { html } from '../../../../server/digest/email-escape.ts';
import { digestEmail } from '../../../../server/digest/email.ts';

const HOSTILE = [
  '<script>alert(1)</script>',
  '"><img src=x onerror=alert(1)>',
  "' onmouseover='alert(1)",
  '&lt;already escaped&gt;',
  '<a href="javascript:alert(1)">click</a>',
  'Acme & Söhne <sales@acme.test>',
];

const unescape = (s: string) => s.replace(/&(lt|gt|quot|#39|amp);/g, (_, e: string) => ({ lt: '<', gt: '>', quot: '"', '#39': "'", amp: '&' })[e]!);

describe('html()', () => {
  it.each(HOSTILE)('leaves no markup character in %s, and loses nothing', (value) => {
    const escaped = html(value);
    expect(escaped).not.toMatch(/[<>"']/);
    expect(unescape(escaped)).toBe(value);
  });

  it('escapes an ampersand that already starts an entity', () => {
    expect(html('&lt;')).toBe('&amp;lt;');
  });
});

const play = (text: string) => ({ text, channel: 'call' as const, who: '<b>AE</b>' });
const account = (name: string) => ({ id: 'acc_1', name, tier: 1 as const, stage: 'engaged' as const, owner: null });

function hostileDigest(): Digest {
  const line = (i: number, state: DigestLine['state'], alert: boolean): DigestLine => ({
    key: `k${i}`,
    kind: 'demo_request',
    priority: 1,
    account: account(HOSTILE[i % HOSTILE.length]!),
    contactId: null,
    reason: `${HOSTILE[(i + 1) % HOSTILE.length]!} reason ${i}`,
    action: play(`${HOSTILE[(i + 2) % HOSTILE.length]!} play ${i}`),
    occurredAt: '2026-12-02T06:00:00.000Z',
    alert,
    state,
  });
  const task = (i: number): DigestTask => ({ text: `${HOSTILE[i]!} task ${i}`, reason: `${HOSTILE[i + 1]!} why ${i}`, action: play('Call'), account: account('Acme'), signalKey: null });
  return {
    day: '2026-12-02',
    since: '2026-12-01T08:30:00.000Z',
    lines: [line(0, 'new', true), line(1, 'acted', true), line(2, 'seen', true), line(3, 'dismissed', false), line(4, 'new', false), line(5, 'new', false)],
    omitted: 2,
    tasks: [task(0), task(1), task(2)],
    alertBudget: 3,
    alerts: 3,
    readingMinutes: 2,
    generatedAt: '2026-12-02T07:00:00.000Z',
  };
}

const ALLOWED_TAGS = new Set(['!doctype', 'html', 'body', 'p', 'ul', 'ol', 'li', 'strong', 'em', 'br', 'small', 'h2']);

describe('digestEmail()', () => {
  const digest = hostileDigest();
  const email = digestEmail(digest, 'Riley <Rep>');

  it('counts alerts and tasks in the subject', () => {
    expect(email.subject).toBe('Your digest for 2026-12-02: 3 alerts, 3 tasks');
    expect(digestEmail({ ...digest, alerts: 1, tasks: digest.tasks.slice(0, 1) }, 'R').subject).toBe('Your digest for 2026-12-02: 1 alert, 1 task');
    expect(digestEmail({ ...digest, alerts: 0, tasks: [] }, 'R').subject).toBe('Your digest for 2026-12-02: 0 alerts, 0 tasks');
  });

  it('renders every CRM string as text in the HTML: only its own tags, no links, no attributes but style', () => {
    const tags = [...email.html.matchAll(/<\/?([a-z0-9!]+)([^>]*)>/gi)];
    expect(tags.length).toBeGreaterThan(10);
    for (const [whole, name, attrs] of tags) {
      expect(ALLOWED_TAGS, whole).toContain(name!.toLowerCase());
      expect(attrs!.replace(/ style="[^"]*"/g, '').trim(), whole).toMatch(/^(html)?$/);
    }
    expect(email.html).not.toMatch(/<(a|img|script)[\s>]/i);
    expect(email.html).toContain('&lt;script&gt;alert(1)&lt;/script&gt;');
    expect(email.html).toContain('&quot;&gt;&lt;img src=x onerror=alert(1)&gt; reason 0');
    expect(email.html).toContain('&amp;lt;already escaped&amp;gt;');
    expect(email.html).toContain('Hello Riley &lt;Rep&gt;,');
    expect(email.html).toContain('Next: &lt;a href=&quot;javascript:alert(1)&quot;&gt;click&lt;/a&gt; play 2 (call, &lt;b&gt;AE&lt;/b&gt;)');
  });

  it('writes the same digest as plain text, leaving out dismissed lines and marking acted ones', () => {
    expect(email.text).toContain('Your digest for 2026-12-02: what changed on your accounts since 2026-12-01 08:30 UTC.');
    expect(email.text).toContain(`- ALERT ${HOSTILE[0]} (Tier 1): ${HOSTILE[1]} reason 0\n  Next: ${HOSTILE[2]} play 0 (call, <b>AE</b>)`);
    expect(email.text).toContain(`${HOSTILE[1]} (Tier 1): ${HOSTILE[2]} reason 1 [done]`);
    expect(email.text).not.toContain('reason 3');
    expect(email.html).not.toContain('reason 3');
    expect(email.text).toContain('2 less urgent lines left out');
    expect(email.text).toContain(`Tasks for today:\n1. ${HOSTILE[0]} task 0\n   Why: ${HOSTILE[1]} why 0\n2.`);
    expect(email.text).toContain('3 alerts of your budget of 3; about 2 minutes to read.');
  });

  it('says so when nothing changed', () => {
    const quiet = digestEmail({ ...digest, lines: [], omitted: 0, tasks: [] }, 'R');
    expect(quiet.text).toContain('Nothing changed on your accounts.');
    expect(quiet.text).toContain('Tasks for today:\nNone.');
    expect(quiet.html).toContain('<p style="margin:0 0 12px">Nothing changed on your accounts.</p>');
  });
});
