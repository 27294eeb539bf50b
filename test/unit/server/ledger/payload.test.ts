import { describe, expect, it } from 'vitest';
import { ActivityInput } from '../../../../shared/activity.ts';
import { canonicalJson, normalizeActivity, payloadHash } from '../../../../server/ledger/payload.ts';

const input = ActivityInput.parse({
  id: 'A6F0C7A4-0D4E-4C2B-9A53-2F5D0F9C1E11',
  type: 'email',
  subject: '  Re: pricing ',
  occurredAt: '2026-11-20T16:00:00+01:00',
  surface: 'gmail',
  naturalKey: 'gmail:18c2f',
});

describe('the activity fingerprint', () => {
  it('folds offsets onto UTC and UUIDs onto lower case', () => {
    expect(normalizeActivity(input)).toMatchObject({
      id: 'a6f0c7a4-0d4e-4c2b-9a53-2f5d0f9c1e11',
      occurredAt: '2026-11-20T15:00:00.000Z',
      subject: 'Re: pricing',
    });
  });

  it('ignores the id, so the same touch under two ids hashes alike', () => {
    const a = normalizeActivity(input);
    expect(payloadHash({ ...a, id: 'another' })).toBe(payloadHash(a));
    expect(payloadHash(a)).toMatch(/^[0-9a-f]{64}$/);
  });

  it('changes with any field of the payload', () => {
    const a = normalizeActivity(input);
    expect(payloadHash({ ...a, subject: 'Re: pricing!' })).not.toBe(payloadHash(a));
    expect(payloadHash({ ...a, contactId: 'con_1' })).not.toBe(payloadHash(a));
  });

  it('hashes an activity without participants as it did before they existed, and leaves the people out of the hash', () => {
    // The hash this input had before `participantContactIds` existed: every stored row keeps its meaning.
    expect(payloadHash(normalizeActivity(input))).toBe('458fcb295e1815cc2b564aaa28b37df9836a11af2a58cdacb1e410d59e5fa3a7');
    // Two teammates' copies of one email, each naming the people their CRM resolved: one payload.
    const withPeople = ActivityInput.parse({ ...input, contactId: 'con_1', participantContactIds: ['con_2', 'con_3'] });
    const withOthers = ActivityInput.parse({ ...input, contactId: 'con_1', participantContactIds: ['con_4'] });
    expect(payloadHash(normalizeActivity(withPeople))).toBe(payloadHash(normalizeActivity(withOthers)));
    expect(payloadHash(normalizeActivity(withPeople))).toBe(payloadHash(normalizeActivity(ActivityInput.parse({ ...input, contactId: 'con_1' }))));
  });

  it('serialises keys in one order at every depth', () => {
    expect(canonicalJson({ b: 1, a: [{ d: 2, c: undefined, e: null }] })).toBe('{"a":[{"d":2,"e":null}],"b":1}');
  });
});
