// @vitest-environment jsdom
/**
 * The pre-call package runner (issue 13), state by state: a fake messenger answers as the
 * background would. An event with external guests and a teammate gets the package (the account,
 * a card per external guest, the teammate apart, the deal with its worst risk, what changed); an
 * internal event gets nothing mounted; a join page finds its meeting by conference id or shows
 * search; "Log meeting" is keyed `gcal:<event id>:<start>` with the same payload from every page.
 */
import { describe, expect, it, vi } from 'vitest';
import type { Brief } from '../../../../../shared/brief.ts';
import type { EventRef } from '../../../../../shared/refs.ts';
import type { Site } from '../../../../../extension/core/page/contract.ts';
import { runMeeting, type MeetingActions, type MeetingFeatureSpec, type MeetingRunnerDeps, type MeetingState, type MeetingTarget } from '../../../../../extension/core/page/meeting-runner.ts';
import type { sendMessage } from '../../../../../extension/core/messaging.ts';
import type { ProtocolMap } from '../../../../../extension/core/protocol.ts';
import { fullBrief } from '../../components/brief-fixture.ts';
import type { RememberedPackage } from '../../../../../extension/core/meeting-package.ts';
import { forgetAllTabMemories, tabMemory, type TabMemory } from '../../../../../extension/core/page/tab-memory.ts';

const site: Site = { id: 'calendar', name: 'Google Calendar', surface: 'calendar', pageKey: (url) => url.href, anchor: { kind: 'fixed', top: 10, right: 10 } };

const EVENT: EventRef = {
  kind: 'event',
  eventId: '4q8k2m9v0c1s5h7l3n6p0r2t4u',
  title: 'Acme × Northwind: pricing review',
  start: '2026-04-16T10:00:00+02:00',
  attendees: [
    { kind: 'email', address: 'sofia@northwind.example', name: 'Sofia' },
    { kind: 'email', address: 'jane.doe@acme.example', name: 'Jane Doe' },
    { kind: 'email', address: 'bob.stone@acme.example', name: 'Bob Stone' },
    { kind: 'email', address: 'ana.lind@northwind.example', name: 'Ana Lind' },
  ],
  conference: { provider: 'meet', url: 'https://meet.google.com/abc-defg-hij', meetingId: 'abc-defg-hij' },
};

const specFor = (target: MeetingTarget | null): MeetingFeatureSpec<{ target: MeetingTarget | null }> => ({
  id: 'test-package',
  site,
  include: [() => true],
  ui: 'signalhouse-test-package',
  pageKind: () => 'event-dialog',
  extract: () => ({ target }),
  settled: () => true,
  target: (s) => s.target,
  drift: () => [],
  urlFacts: () => ['a test event'],
});

type Answer = { ok: true; value: unknown } | { ok: false; error: { kind: string; message: string } };
const ok = (value: unknown): Answer => ({ ok: true, value });

const accountBrief: Brief = { ...fullBrief, contact: null };
const guestBrief = (id: string, name: string, role: 'champion' | 'decision_maker'): Brief => ({
  ...fullBrief,
  contact: { ...fullBrief.contact!, id, name, buyingRole: role },
  relationship: { ...fullBrief.relationship, lastTouch: { at: '2026-03-25T10:00:00Z', type: 'meeting', by: 'Sofia Lindqvist' } },
});
const SINCE = {
  accountId: 'a_acme',
  lastMeeting: { at: '2026-03-25T10:00:00.000Z', by: 'Sofia Lindqvist', subject: null },
  since: '2026-03-25T10:00:00.000Z',
  changes: [
    { kind: 'signal', at: '2026-04-14T00:00:00.000Z', reason: 'Visited pricing 3 times in the last 7 days' },
    { kind: 'stage', at: '2026-04-08T00:00:00.000Z', reason: 'Stage moved from evaluating to negotiating' },
    { kind: 'signal', at: '2026-04-05T00:00:00.000Z', reason: 'Raised Series C' },
  ],
  questions: ['Is there a firm date for "Acme platform", and what is holding it?', 'What moved you to negotiating, and what has to happen next?'],
};

const SERVER_BRIEFS = [{ brief: accountBrief, asOf: 'x', source: 'server' }, { brief: guestBrief('c_jane', 'Jane Doe', 'champion'), asOf: 'x', source: 'server' }, { brief: null, asOf: 'x', source: 'server' }];
const SAVED_BRIEFS = SERVER_BRIEFS.map((dated) => ({ ...dated, asOf: 'earlier', source: 'cache' }));

const KNOWN_JANE = {
  contactId: 'c_jane',
  teammate: { id: 'u2', name: 'Ana Lind', you: false },
  touches: 3,
  recentTouches: 2,
  byType: [{ type: 'call', count: 2 }, { type: 'meeting', count: 1 }],
  last: { type: 'call', at: '2026-04-10T09:00:00.000Z' },
};

function harness(
  target: MeetingTarget | null,
  handlers: Partial<Record<keyof ProtocolMap, (data: never) => Answer>> = {},
  spec: MeetingFeatureSpec<{ target: MeetingTarget | null }> = specFor(target),
  /** What a feature adds to the runner's deps (the tab's memory, a join page's early answers). */
  extra: Pick<MeetingRunnerDeps, 'recent' | 'early'> = {},
) {
  const calls: Array<{ type: string; data: unknown }> = [];
  const paints: MeetingState[] = [];
  let actions: MeetingActions | undefined;
  let mounted = 0;
  const all: Partial<Record<keyof ProtocolMap, (data: never) => Answer>> = {
    getConnection: () => ok({ user: { id: 'u1', name: 'Sofia', email: 'sofia@northwind.example', role: 'rep' } }),
    seeMeeting: () => ok(null),
    // Nothing saved yet (the first time this browser sees the meeting); the server knows the account and Jane.
    getBriefs: (data: never) =>
      (data as { from: string; refs: unknown[] }).from === 'cache'
        ? ok({ briefs: (data as { refs: unknown[] }).refs.map(() => null) })
        : ok({ briefs: SERVER_BRIEFS }),
    getSinceLastMeeting: (data: never) => ((data as { from?: string }).from === 'cache' ? { ok: false, error: { kind: 'not_found', message: 'none' } } : ok(SINCE)),
    getKnownBest: () => ok({ contacts: [KNOWN_JANE] }),
    logActivity: (data: never) => ok({ id: (data as { id: string }).id, state: 'queued', type: 'meeting', about: null, subject: null, occurredAt: '', attempts: 0, lastError: null, nextAttemptAt: null }),
    getOutbox: () => ok({ items: [] }),
    ...handlers,
  };
  const send = (async (type: keyof ProtocolMap, data?: unknown) => {
    calls.push({ type, data });
    const handler = all[type];
    if (!handler) throw new Error(`no answer for ${type}`);
    return handler(data as never);
  }) as unknown as typeof sendMessage;
  const page = new AbortController();
  const run = runMeeting(spec, {
    signal: page.signal,
    doc: document,
    url: new URL('https://calendar.google.com/calendar/u/0/r/week'),
    send,
    async mount() {
      mounted++;
      return (state, a) => {
        paints.push(state);
        actions = a;
      };
    },
    wait: () => new Promise<void>(() => undefined),
    now: () => new Date('2026-04-15T12:00:00Z'),
    uuid: () => '00000000-0000-4000-8000-00000000000a',
    ...extra,
  });
  return { run, calls, paints, last: () => paints.at(-1), actions: () => actions!, mounted: () => mounted, page };
}

describe('the pre-call package', () => {
  it('shows the account, both external guests, the teammate apart, the deal with its worst risk and what changed since the last meeting', async () => {
    const h = harness({ kind: 'event', ref: EVENT });
    await h.run;
    const view = h.last()!.view;
    expect(view.kind).toBe('package');
    if (view.kind !== 'package') return;
    expect(view.account).toMatchObject({ id: 'a_acme', name: fullBrief.account!.name });
    expect(view.guests.map((g) => [g.address, g.name, g.role])).toEqual([
      ['jane.doe@acme.example', 'Jane Doe', 'champion'],
      ['bob.stone@acme.example', 'Bob Stone', null],
    ]);
    expect(view.guests[0]!.lastTouch).toEqual({ at: '2026-03-25T10:00:00Z', type: 'meeting', by: 'Sofia Lindqvist' });
    expect(view.teammates.map((t) => t.address)).toEqual(['sofia@northwind.example', 'ana.lind@northwind.example']);
    expect(view.deal?.deal.id).toBe(fullBrief.openDeals[0]!.id);
    expect(view.deal?.risk).not.toBeNull();
    expect(view.since?.changes.map((c) => c.kind)).toEqual(['signal', 'stage', 'signal']);
    // The event ref and each external guest's address in one request; what changed is asked before the event's start.
    const briefs = h.calls.find((c) => c.type === 'getBriefs')!.data as { refs: { kind: string; address?: string }[] };
    expect(briefs.refs.map((r) => r.address ?? r.kind)).toEqual(['event', 'jane.doe@acme.example', 'bob.stone@acme.example']);
    expect(h.calls.filter((c) => c.type === 'getSinceLastMeeting').map((c) => c.data)).toEqual([
      { accountId: 'a_acme', before: EVENT.start, from: 'cache' },
      { accountId: 'a_acme', before: EVENT.start },
    ]);
    // Kept with its conference id for the join page.
    expect(h.calls.find((c) => c.type === 'seeMeeting')!.data).toEqual({ ref: EVENT });
  });

  it('names who on the team knows each guest the CRM knows best, asked once beside what changed', async () => {
    const h = harness({ kind: 'event', ref: EVENT });
    await h.run;
    const view = h.last()!.view;
    if (view.kind !== 'package') throw new Error(view.kind);
    expect(view.guests.map((g) => [g.address, g.knownBest])).toEqual([
      ['jane.doe@acme.example', KNOWN_JANE],
      // Bob is not in the CRM: nobody to ask about, and no question asked.
      ['bob.stone@acme.example', null],
    ]);
    expect(h.calls.filter((c) => c.type === 'getKnownBest').map((c) => c.data)).toEqual([{ contactIds: ['c_jane'] }]);
    // What changed arrived too: neither answer painted over the other.
    expect(view.since?.changes).toHaveLength(3);
  });

  it('keeps the package when who-knows-best cannot be asked', async () => {
    const h = harness({ kind: 'event', ref: EVENT }, { getKnownBest: () => ({ ok: false, error: { kind: 'offline', message: 'away' } }) });
    await h.run;
    const view = h.last()!.view;
    if (view.kind !== 'package') throw new Error(view.kind);
    expect(view.guests[0]!.knownBest).toBeUndefined();
    expect(view.since?.changes).toHaveLength(3);
  });

  it('says what changed could not be asked, rather than "Loading…" for ever, and asks again on request', async () => {
    let failing = true;
    const h = harness({ kind: 'event', ref: EVENT }, { getSinceLastMeeting: () => (failing ? { ok: false, error: { kind: 'offline', message: 'The server could not be reached.' } } : ok(SINCE)) });
    await h.run;
    const failed = h.last()!.view;
    if (failed.kind !== 'package') throw new Error(failed.kind);
    expect([failed.since, failed.sinceFailed]).toEqual([null, true]);
    failing = false;
    h.actions().retrySince();
    await new Promise((r) => setTimeout(r, 0));
    const view = h.last()!.view;
    if (view.kind !== 'package') throw new Error(view.kind);
    expect([view.since?.changes.length, view.sinceFailed]).toEqual([3, false]);
    // Who knows them best stayed as it was.
    expect(view.guests[0]!.knownBest).toEqual(KNOWN_JANE);
  });

  it('follows a guest list that arrives after the title and time: the package starts again for the whole invite, in the same mount, and goes when the invite turns internal', async () => {
    // The dialog as a loaded machine may parse it: id, title and time first, the guest list later.
    const dialog = document.createElement('div');
    document.body.append(dialog);
    const read = () => ({ target: { kind: 'event', ref: { ...EVENT, attendees: [...dialog.querySelectorAll('li')].map((li) => ({ kind: 'email' as const, address: li.textContent! })) } } as MeetingTarget });
    const spec = { ...specFor(null), extract: read, target: (s: { target: MeetingTarget | null }) => s.target };
    // The server decides the account from the guests: none, no account.
    const briefsFor = (data: never) => {
      const [event] = (data as { refs: EventRef[] }).refs;
      return event!.attendees.length === 0 ? ok({ briefs: [{ brief: null, asOf: 'x', source: 'server' }] }) : ok({ briefs: [{ brief: accountBrief, asOf: 'x', source: 'server' }, { brief: guestBrief('c_jane', 'Jane Doe', 'champion'), asOf: 'x', source: 'server' }, { brief: null, asOf: 'x', source: 'server' }] });
    };
    const h = harness(null, { getBriefs: briefsFor }, spec);
    await h.run;
    expect(h.last()!.view).toMatchObject({ kind: 'unknown', reason: 'not-in-crm' });
    for (const a of EVENT.attendees) dialog.append(Object.assign(document.createElement('li'), { textContent: a.address }));
    await vi.waitFor(() => expect(h.last()!.view.kind).toBe('package'), { timeout: 3_000 });
    const view = h.last()!.view;
    if (view.kind !== 'package') throw new Error(view.kind);
    expect(view.guests.map((g) => g.address)).toEqual(['jane.doe@acme.example', 'bob.stone@acme.example']);
    expect(h.mounted()).toBe(1);
    // The same meeting read again (a repaint of the host): nothing asked again.
    const asked = h.calls.filter((c) => c.type === 'getBriefs').length;
    dialog.setAttribute('data-repainted', '1');
    await new Promise((r) => setTimeout(r, 400));
    expect(h.calls.filter((c) => c.type === 'getBriefs')).toHaveLength(asked);
    // Only the rep's side left on the invite (now an internal meeting): the package goes, nothing is asked.
    for (const li of [...dialog.querySelectorAll('li')]) if (!li.textContent!.endsWith('@northwind.example')) li.remove();
    await vi.waitFor(() => expect(h.last()!.view).toEqual({ kind: 'none' }), { timeout: 3_000 });
    expect(h.calls.filter((c) => c.type === 'getBriefs')).toHaveLength(asked);
    expect(h.mounted()).toBe(1);
    h.page.abort();
    dialog.remove();
  });

  it('adds nothing to the page for an internal-only event', async () => {
    const internal: EventRef = { ...EVENT, attendees: EVENT.attendees.filter((a) => a.address.endsWith('@northwind.example')) };
    const h = harness({ kind: 'event', ref: internal });
    await h.run;
    expect(h.mounted()).toBe(0);
    expect(h.calls.map((c) => c.type)).not.toContain('getBriefs');
  });

  it('logs one meeting keyed gcal:<event id>:<start>, the same payload from the join page', async () => {
    const fromCalendar = harness({ kind: 'event', ref: EVENT });
    await fromCalendar.run;
    fromCalendar.actions().logMeeting();
    await new Promise((r) => setTimeout(r, 0));
    const logged = fromCalendar.calls.find((c) => c.type === 'logActivity')!.data as Record<string, unknown>;
    expect(logged).toEqual({
      id: '00000000-0000-4000-8000-00000000000a',
      naturalKey: 'gcal:4q8k2m9v0c1s5h7l3n6p0r2t4u:2026-04-16T08:00:00Z',
      type: 'meeting',
      occurredAt: '2026-04-16T08:00:00.000Z',
      accountId: 'a_acme',
      contactId: 'c_jane',
      surface: 'calendar',
      about: fullBrief.account!.name,
    });
    expect(fromCalendar.last()!.log).toEqual({ status: 'saved' });

    // The join page finds the same event from the team's copy (no title: the server keeps none).
    const { conference: _c, ...fromServer } = { ...EVENT, title: '', attendees: EVENT.attendees.map(({ address }) => ({ kind: 'email' as const, address })) };
    const fromMeet = harness({ kind: 'conference', conference: { provider: 'meet', id: 'abc-defg-hij' }, label: 'meet.google.com/abc-defg-hij' }, { findMeeting: () => ok({ ref: fromServer, source: 'server' }) });
    await fromMeet.run;
    expect(fromMeet.last()!.view.kind).toBe('package');
    fromMeet.actions().logMeeting();
    await new Promise((r) => setTimeout(r, 0));
    expect(fromMeet.calls.find((c) => c.type === 'logActivity')!.data).toEqual(logged);
  });

  it('logs the meeting with every other external guest the CRM knows as a participant, teammates left out', async () => {
    const bothKnown = [SERVER_BRIEFS[0], SERVER_BRIEFS[1], { brief: guestBrief('c_bob', 'Bob Stone', 'decision_maker'), asOf: 'x', source: 'server' }];
    const h = harness({ kind: 'event', ref: EVENT }, {
      getBriefs: (data: never) => ((data as { from: string }).from === 'cache' ? ok({ briefs: (data as { refs: unknown[] }).refs.map(() => null) }) : ok({ briefs: bothKnown })),
    });
    await h.run;
    h.actions().logMeeting();
    await new Promise((r) => setTimeout(r, 0));
    expect(h.calls.find((c) => c.type === 'logActivity')!.data).toMatchObject({ naturalKey: 'gcal:4q8k2m9v0c1s5h7l3n6p0r2t4u:2026-04-16T08:00:00Z', contactId: 'c_jane', participantContactIds: ['c_bob'] });
  });

  it('shows search for a join page whose meeting nobody saw, and logs a Zoom meeting with no event as zoom:<id>:<date>', async () => {
    const h = harness(
      { kind: 'conference', conference: { provider: 'zoom', id: '81234567890' }, label: 'acme.zoom.us/j/81234567890', zoomMeetingId: '81234567890' },
      {
        findMeeting: () => ok({ ref: null, source: 'server' }),
        searchDirectory: () => ok({ accounts: [{ id: 'a_acme', name: 'Acme', domains: ['acme.example'], tier: 1, stage: 'engaged' }], contacts: [] }),
      },
    );
    await h.run;
    expect(h.last()!.view).toEqual({ kind: 'unknown', label: 'acme.zoom.us/j/81234567890', reason: 'unknown-meeting' });
    expect(h.last()!.canLogFound).toBe(true);
    h.actions().search('acme');
    await new Promise((r) => setTimeout(r, 0));
    expect(h.last()!.found?.accounts.map((a) => a.id)).toEqual(['a_acme']);
    h.actions().logMeeting({ accountId: 'a_acme', name: 'Acme' });
    await new Promise((r) => setTimeout(r, 0));
    expect(h.calls.find((c) => c.type === 'logActivity')!.data).toMatchObject({ naturalKey: 'zoom:81234567890:2026-04-15', type: 'meeting', accountId: 'a_acme' });
  });

  it('paints the saved package at once, asks what changed from it, and then paints the server\'s package', async () => {
    let answerServer: (answer: Answer) => void = () => undefined;
    const server = new Promise<Answer>((resolve) => (answerServer = resolve));
    const h = harness({ kind: 'event', ref: EVENT }, {
      getBriefs: (data: never) => ((data as { from: string }).from === 'cache' ? ok({ briefs: SAVED_BRIEFS }) : (server as unknown as Answer)),
    });
    await new Promise((resolve) => setTimeout(resolve, 0));
    // The server has not answered: the package is on screen from what was saved, with what changed.
    const saved = h.paints.filter((p) => p.view.kind === 'package');
    expect(saved.length).toBeGreaterThan(0);
    expect(h.paints.some((p) => p.view.kind === 'looking')).toBe(false);
    expect(h.last()!.view).toMatchObject({ kind: 'package', account: { id: 'a_acme' }, since: { accountId: 'a_acme' } });
    expect(h.calls.filter((c) => c.type === 'getSinceLastMeeting')).toHaveLength(2);
    answerServer(ok({ briefs: SERVER_BRIEFS }));
    await h.run;
    expect(h.last()!.view).toMatchObject({ kind: 'package', account: { id: 'a_acme' }, since: { accountId: 'a_acme' } });
    // Both asked at once, the cache first; what changed asked once for the account (the kept copy and the server's).
    expect(h.calls.filter((c) => c.type === 'getBriefs').map((c) => (c.data as { from: string }).from)).toEqual(['cache', 'server']);
    expect(h.calls.filter((c) => c.type === 'getSinceLastMeeting')).toHaveLength(2);
  });

  it('on a join page, asks for the meeting, its package and the rep\'s side at once, not one after the other', async () => {
    const pending: string[] = [];
    let answerConnection: (answer: Answer) => void = () => undefined;
    const h = harness({ kind: 'conference', conference: { provider: 'meet', id: 'abc-defg-hij' }, label: 'meet.google.com/abc-defg-hij' }, {
      getConnection: () => (pending.push('getConnection'), new Promise<Answer>((resolve) => (answerConnection = resolve)) as unknown as Answer),
      findMeeting: () => ok({ ref: EVENT, source: 'local' }),
    });
    await new Promise((resolve) => setTimeout(resolve, 0));
    // The connection has not answered, and the meeting was asked for already.
    expect(h.calls.map((c) => c.type)).toEqual(['findMeeting', 'getMeetingPackage', 'getConnection']);
    answerConnection(ok({ user: { id: 'u1', name: 'Sofia', email: 'sofia@northwind.example', role: 'rep' } }));
    await h.run;
    expect(h.last()!.view).toMatchObject({ kind: 'package', account: { id: 'a_acme' } });
    expect(pending).toEqual(['getConnection']);
  });

  const JOIN = { kind: 'conference', conference: { provider: 'meet', id: 'abc-defg-hij' }, label: 'meet.google.com/abc-defg-hij' } as const;
  /** The background's one-request package for EVENT (its external guests: Jane, Bob and Ana; Sofia is the rep). */
  const joinPackage = (over: Record<string, unknown> = {}) =>
    ok({
      package: {
        meeting: { eventId: EVENT.eventId, start: '2026-04-16T08:00:00Z' },
        guests: ['jane.doe@acme.example', 'bob.stone@acme.example', 'ana.lind@northwind.example'].filter((a) => !a.endsWith('northwind.example')),
        briefs: SERVER_BRIEFS,
        since: { ...SINCE, accountId: 'a_acme' },
        knownBest: [KNOWN_JANE],
        ...over,
      },
    });

  it("on a join page, takes the answers the every-page script asked at document start instead of asking again, and asks what none came for", async () => {
    const conference = { provider: 'meet' as const, id: 'abc-defg-hij' };
    const taken: string[] = [];
    const waiting: Record<string, Answer | null> = {
      getConnection: ok({ user: { id: 'u1', name: 'Sofia', email: 'sofia@northwind.example', role: 'rep' } }),
      findMeeting: ok({ ref: EVENT, source: 'local' }),
      // The background gave none for this one (asked before the worker had it): the runner asks.
      getMeetingPackage: null,
    };
    const h = harness({ kind: 'conference', conference, label: 'meet.google.com/abc-defg-hij' }, {
      getConnection: () => {
        throw new Error('asked again');
      },
      findMeeting: () => {
        throw new Error('asked again');
      },
      getMeetingPackage: () => ok({ package: null }),
    }, undefined, {
      early: ((ask: string, asked: typeof conference) => {
        expect(asked).toEqual(conference);
        taken.push(ask);
        return Promise.resolve(waiting[ask]);
      }) as never,
    });
    await h.run;
    expect(taken.sort()).toEqual(['findMeeting', 'getConnection', 'getMeetingPackage']);
    expect(h.calls.map((c) => c.type)).not.toContain('getConnection');
    expect(h.calls.map((c) => c.type)).not.toContain('findMeeting');
    expect(h.calls.filter((c) => c.type === 'getMeetingPackage')).toHaveLength(1);
    expect(h.last()!.view).toMatchObject({ kind: 'package', account: { id: 'a_acme' } });
  });

  it('on a join page whose meeting this browser knows, paints the package when it comes before the saved copy: no wait for the copy, no "Preparing…"', async () => {
    const h = harness(JOIN, {
      findMeeting: () => ok({ ref: EVENT, source: 'local' }),
      // The package comes a moment after the meeting; the saved copy, still on its way, never comes.
      getMeetingPackage: () => new Promise<Answer>((resolve) => setTimeout(() => resolve(joinPackage()), 5)) as unknown as Answer,
      getBriefs: () => new Promise<never>(() => undefined) as unknown as Answer,
    });
    await h.run;
    expect(h.paints.map((p) => p.view.kind)).toEqual(['package']);
    expect(h.last()!.view).toMatchObject({ kind: 'package', account: { id: 'a_acme' }, since: { changes: SINCE.changes } });
  });

  it("on a join page, paints the package whole from its one answer: no briefs, what changed or who-knows-whom asked one by one", async () => {
    const h = harness(JOIN, { findMeeting: () => ok({ ref: EVENT, source: 'local' }), getMeetingPackage: () => joinPackage() });
    await h.run;
    expect(h.calls.map((c) => c.type).filter((t) => t !== 'getConnection')).toEqual(['findMeeting', 'getMeetingPackage']);
    const packages = h.paints.filter((p) => p.view.kind === 'package');
    // One paint, whole: what changed and who knows Jane best are in it.
    expect(packages).toHaveLength(1);
    expect(packages[0]!.view).toMatchObject({ kind: 'package', account: { id: 'a_acme' }, since: { changes: SINCE.changes }, guests: [{ contactId: 'c_jane', knownBest: { teammate: { name: 'Ana Lind' } } }, { contactId: null }] });
  });

  it('on a join page, asks one by one as before when the package is for another instance or other guests', async () => {
    for (const other of [{ meeting: { eventId: EVENT.eventId, start: '2026-04-23T08:00:00Z' } }, { guests: ['jane.doe@acme.example'] }]) {
      const h = harness(JOIN, { findMeeting: () => ok({ ref: EVENT, source: 'local' }), getMeetingPackage: () => joinPackage(other) });
      await h.run;
      expect(h.calls.filter((c) => c.type === 'getBriefs').map((c) => (c.data as { from: string }).from)).toEqual(['cache', 'server']);
      expect(h.calls.filter((c) => c.type === 'getSinceLastMeeting')).toHaveLength(2);
      expect(h.last()!.view).toMatchObject({ kind: 'package', account: { id: 'a_acme' }, since: { changes: SINCE.changes } });
    }
  });

  it('paints what changed from the copy the background kept, before the server\'s answer, which then replaces it', async () => {
    const kept = { ...SINCE, changes: SINCE.changes.slice(0, 1) };
    let answerServer: (answer: Answer) => void = () => undefined;
    const server = new Promise<Answer>((resolve) => (answerServer = resolve));
    const h = harness({ kind: 'event', ref: EVENT }, {
      getBriefs: (data: never) => ((data as { from: string }).from === 'cache' ? ok({ briefs: SAVED_BRIEFS }) : ok({ briefs: SERVER_BRIEFS })),
      getSinceLastMeeting: (data: never) => ((data as { from?: string }).from === 'cache' ? ok(kept) : (server as unknown as Answer)),
    });
    await new Promise((resolve) => setTimeout(resolve, 0));
    expect(h.last()!.view).toMatchObject({ kind: 'package', since: { changes: [{ kind: 'signal' }] } });
    answerServer(ok(SINCE));
    await h.run;
    const view = h.last()!.view;
    expect(view.kind === 'package' && view.since?.changes).toHaveLength(3);
  });

  it('keeps the saved package when the server cannot be reached', async () => {
    const h = harness({ kind: 'event', ref: EVENT }, {
      getBriefs: (data: never) => ((data as { from: string }).from === 'cache' ? ok({ briefs: SAVED_BRIEFS }) : { ok: false, error: { kind: 'offline', message: 'The server could not be reached.' } }),
    });
    await h.run;
    expect(h.last()!.view).toMatchObject({ kind: 'package', account: { id: 'a_acme' } });
  });

  it('waits for the server when one guest is not saved yet (never "not in the CRM" for want of a copy)', async () => {
    const h = harness({ kind: 'event', ref: EVENT }, {
      getBriefs: (data: never) => ((data as { from: string }).from === 'cache' ? ok({ briefs: [SAVED_BRIEFS[0], SAVED_BRIEFS[1], null] }) : ok({ briefs: SERVER_BRIEFS })),
    });
    await h.run;
    expect(h.paints[0]!.view.kind).toBe('looking');
    expect(h.last()!.view).toMatchObject({ kind: 'package', account: { id: 'a_acme' } });
  });

  it('says the guests are not in the CRM when the server knows no account for them', async () => {
    const h = harness({ kind: 'event', ref: EVENT }, { getBriefs: () => ok({ briefs: [{ brief: null, asOf: 'x', source: 'server' }, null, null] }) });
    await h.run;
    expect(h.last()!.view).toMatchObject({ kind: 'unknown', reason: 'not-in-crm' });
  });
});

describe("the tab's memory of a package", () => {
  /** A worker that has not answered yet: the rep's side never comes while the test looks. */
  const stalled = { getConnection: () => new Promise<never>(() => undefined) as unknown as Answer };
  const settled = () => new Promise((resolve) => setTimeout(resolve, 0));
  const shown = async (memory: TabMemory<RememberedPackage>, ref: EventRef = EVENT) => {
    const h = harness({ kind: 'event', ref }, {}, undefined, { recent: memory });
    await h.run;
    return h;
  };

  it('paints the package this tab showed a moment ago before any answer, then asks the server (not the cache) and logs the same meeting', async () => {
    const memory = tabMemory<RememberedPackage>({ maxAgeMs: 60_000, maxEntries: 16 });
    const before = (await shown(memory)).last()!.view;
    const again = harness({ kind: 'event', ref: EVENT }, stalled, undefined, { recent: memory });
    await settled();
    // On screen before the rep's side or any brief was answered, as the rep saw it a moment ago: what
    // changed and who knows whom too (asked again beside it, as for a saved package).
    expect(again.paints[0]!.view).toEqual(before);
    expect(again.calls.map((c) => c.type)).not.toContain('getBriefs');
    expect(again.last()!.view).toEqual(before);
    // "Log meeting" works from the remembered package: the same key as from the answers.
    again.actions().logMeeting();
    await settled();
    expect(again.calls.find((c) => c.type === 'logActivity')!.data).toMatchObject({ naturalKey: `gcal:${EVENT.eventId}:2026-04-16T08:00:00Z`, accountId: 'a_acme' });
    again.page.abort();

    // Answered, it repaints from the server and never reads the worker's saved copy.
    const answered = harness({ kind: 'event', ref: EVENT }, {}, undefined, { recent: memory });
    await answered.run;
    expect(answered.paints[0]!.view).toEqual(before);
    expect(answered.calls.filter((c) => c.type === 'getBriefs').map((c) => (c.data as { from: string }).from)).toEqual(['server']);
    expect(answered.last()!.view).toMatchObject({ kind: 'package', account: { id: 'a_acme' } });
  });

  it('recalls nothing once the tab forgot, for another invite, or after the server could not confirm a saved copy', async () => {
    const memory = tabMemory<RememberedPackage>({ maxAgeMs: 60_000, maxEntries: 16 });
    const nothingAtFirst = async (ref: EventRef = EVENT) => {
      const h = harness({ kind: 'event', ref }, stalled, undefined, { recent: memory });
      await settled();
      h.page.abort();
      return h.paints;
    };
    await shown(memory);
    forgetAllTabMemories();
    expect(await nothingAtFirst()).toEqual([]);

    // Another guest on the invite: the package is asked anew.
    await shown(memory);
    expect(await nothingAtFirst({ ...EVENT, attendees: [...EVENT.attendees, { kind: 'email', address: 'eve@acme.example', name: 'Eve' }] })).toEqual([]);

    // The server away: the saved copy is shown, and not remembered as if the server had said it.
    const offline = harness({ kind: 'event', ref: EVENT }, {
      getBriefs: (data: never) => ((data as { from: string }).from === 'cache' ? ok({ briefs: SAVED_BRIEFS }) : { ok: false, error: { kind: 'offline', message: 'away' } }),
    }, undefined, { recent: memory });
    await offline.run;
    expect(await nothingAtFirst()).toEqual([]);

    // The server now says the guests' account is not in the CRM: the remembered package goes.
    await shown(memory);
    const gone = harness({ kind: 'event', ref: EVENT }, { getBriefs: () => ok({ briefs: [{ brief: null, asOf: 'x', source: 'server' }, null, null] }) }, undefined, { recent: memory });
    await gone.run;
    expect(gone.last()!.view).toMatchObject({ kind: 'unknown' });
    expect(await nothingAtFirst()).toEqual([]);
  });
});

describe('a meeting page whose layout changed', () => {
  it('reports the selectors that stopped matching, by name, and limits the panel to what the URL tells with search', async () => {
    const spec = { ...specFor(null), drift: () => ['calendar.dialog.when'], urlFacts: () => ['Calendar event: Vandelay × Northwind'] };
    const calls: Array<{ type: string; data: unknown }> = [];
    const paints: MeetingState[] = [];
    const send = (async (type: string, data?: unknown) => {
      calls.push({ type, data });
      return ok(null);
    }) as unknown as typeof sendMessage;
    await runMeeting(spec, {
      signal: new AbortController().signal,
      doc: document,
      url: new URL('https://calendar.google.com/calendar/u/0/r/week'),
      send,
      mount: async () => (state) => void paints.push(state),
      wait: () => new Promise<void>(() => undefined),
      now: () => new Date('2026-04-15T12:00:00Z'),
      uuid: () => 'x',
    });
    expect(calls).toContainEqual({ type: 'reportDrift', data: { site: 'calendar', pageKind: 'event-dialog', selectors: ['calendar.dialog.when'] } });
    expect(paints.at(-1)).toMatchObject({ limited: { urlFacts: ['Calendar event: Vandelay × Northwind'] }, view: { kind: 'unknown', reason: 'not-in-crm' } });
  });
});
