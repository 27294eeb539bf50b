/**
 * The message contract's gate: every payload a page or content script sends is checked before the
 * background acts on it, and a failure is a value, never an exception.
 */
import { describe, expect, it } from 'vitest';
import { MAX_BRIEF_REFS } from '../../../../shared/brief.ts';
import { dispatch, type Handlers } from '../../../../extension/core/background/handlers.ts';
import { ok, PAYLOADS, validatePayload, type MessageName } from '../../../../extension/core/protocol.ts';

const profile = { kind: 'linkedin', profileUrl: 'https://www.linkedin.com/in/dana-reyes/' } as const;
const BASE = 'chrome-extension://kbhdpjlnpmgpfcommknmpolgmgkalbhm/';

describe('validatePayload', () => {
  it('accepts a brief request from a profile page', () => {
    const answer = validatePayload('getBriefs', { refs: [profile], from: 'cache' });
    expect(answer).toEqual({ ok: true, value: { refs: [profile], from: 'cache' } });
  });

  it('rejects an unknown field on the message, naming it', () => {
    const answer = validatePayload('getBriefs', { refs: [profile], from: 'cache', token: 'shk_x' });
    expect(answer).toMatchObject({ ok: false, error: { kind: 'invalid', field: 'token' } });
  });

  it('rejects an unknown field inside a ref', () => {
    const answer = validatePayload('getBriefs', { refs: [{ ...profile, html: '<img src=x>' }], from: 'server' });
    expect(answer).toMatchObject({ ok: false, error: { kind: 'invalid', field: 'refs[0].html' } });
  });

  it(`rejects more than ${MAX_BRIEF_REFS} refs`, () => {
    const refs = Array.from({ length: MAX_BRIEF_REFS + 1 }, () => profile);
    expect(validatePayload('getBriefs', { refs, from: 'cache' })).toMatchObject({ ok: false, error: { kind: 'invalid', field: 'refs' } });
    expect(validatePayload('resolveRefs', { refs })).toMatchObject({ ok: false, error: { kind: 'invalid', field: 'refs' } });
  });

  it('rejects an oversize ref value (a 3000-character profile URL)', () => {
    const long = { ...profile, profileUrl: `https://www.linkedin.com/in/${'a'.repeat(3000)}/` };
    expect(validatePayload('getBriefs', { refs: [long], from: 'cache' })).toMatchObject({
      ok: false,
      error: { kind: 'invalid', field: 'refs[0].profileUrl' },
    });
  });

  it('rejects a payload over the size limit before parsing it', () => {
    const answer = validatePayload('logActivity', {
      type: 'note',
      occurredAt: '2026-11-23T09:00:00Z',
      surface: 'linkedin',
      body: 'x'.repeat(1_100_000),
    });
    expect(answer).toMatchObject({ ok: false, error: { kind: 'invalid' } });
    expect(answer.ok ? '' : answer.error.message).toMatch(/larger than/);
  });

  it('takes nothing but undefined for messages without data', () => {
    expect(validatePayload('getConnection', undefined)).toEqual({ ok: true, value: undefined });
    expect(validatePayload('getConnection', { token: true })).toMatchObject({ ok: false, error: { kind: 'invalid' } });
  });

  it('rejects a message name outside the contract', () => {
    expect(validatePayload('deleteEverything' as MessageName, {})).toMatchObject({ ok: false, error: { kind: 'invalid' } });
  });

  it('accepts an activity with or without a client UUID, never with a malformed one', () => {
    const touch = { type: 'linkedin_message', occurredAt: '2026-11-23T09:00:00Z', surface: 'linkedin' } as const;
    expect(validatePayload('logActivity', touch).ok).toBe(true);
    expect(validatePayload('logActivity', { ...touch, id: '0b6f6c1e-4f4a-4c8e-9a55-3e0b1c2d3e4f' }).ok).toBe(true);
    expect(validatePayload('logActivity', { ...touch, id: 'not-a-uuid' })).toMatchObject({ ok: false, error: { field: 'id' } });
  });
});

describe('dispatch', () => {
  const calls: string[] = [];
  const handlers = Object.fromEntries(
    Object.keys(PAYLOADS).map((name) => [
      name,
      async () => {
        calls.push(name);
        if (name === 'getOutbox') throw new Error('a bug with personal data: Dana Reyes');
        return ok({ handled: name });
      },
    ]),
  ) as unknown as Handlers;

  it('never calls the handler with an invalid payload', async () => {
    calls.length = 0;
    const answer = await dispatch(handlers, 'searchDirectory', { q: '' }, { url: BASE + 'sidepanel.html' }, BASE);
    expect(answer).toMatchObject({ ok: false, error: { kind: 'invalid', field: 'q' } });
    expect(calls).toEqual([]);
  });

  it('refuses Connect from a content script on a host page', async () => {
    const answer = await dispatch(handlers, 'connect', { serverUrl: 'https://evil.example', token: 'x' }, { url: 'https://www.linkedin.com/in/x/' }, BASE);
    expect(answer).toMatchObject({ ok: false, error: { kind: 'forbidden' } });
    expect(await dispatch(handlers, 'disconnect', undefined, {}, BASE)).toMatchObject({ ok: false, error: { kind: 'forbidden' } });
  });

  it('accepts Connect from the options page', async () => {
    const answer = await dispatch(handlers, 'connect', { token: 'shk_abc' }, { url: BASE + 'options.html' }, BASE);
    expect(answer).toEqual({ ok: true, value: { handled: 'connect' } });
  });

  it('turns a handler exception into an error value without its message', async () => {
    const answer = await dispatch(handlers, 'getOutbox', undefined, { url: BASE + 'sidepanel.html' }, BASE);
    expect(answer).toMatchObject({ ok: false, error: { kind: 'server' } });
    expect(JSON.stringify(answer)).not.toMatch(/Dana/);
  });
});
