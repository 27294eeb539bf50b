/**
 * Which brief a several-people panel shows: the account most of the people belong to, as the
 * server decides an event's account (ties to the account with more contacts, then the first met).
 */
import { describe, expect, it } from 'vitest';
import type { Brief } from '../../../../../shared/brief.ts';
import { mainBriefIndex } from '../../../../../extension/core/page/several-people.ts';
import { fullBrief } from '../../components/brief-fixture.ts';

const at = (accountId: string | null, contactId: string | null): Brief => ({
  ...fullBrief,
  contact: contactId && fullBrief.contact ? { ...fullBrief.contact, id: contactId } : null,
  account: accountId && fullBrief.account ? { ...fullBrief.account, id: accountId } : null,
});

describe('the brief a thread panel shows', () => {
  it('is the first brief at the account most people belong to', () => {
    expect(mainBriefIndex([at('a_1', 'c_1'), null, at('a_2', 'c_2'), at('a_2', 'c_3')])).toBe(2);
  });
  it('on a tie, goes to the account with more known contacts (a domain match is no contact)', () => {
    expect(mainBriefIndex([at('a_1', null), at('a_1', null), at('a_2', 'c_1'), at('a_2', 'c_2')])).toBe(2);
  });
  it('on a full tie, goes to the account met first', () => {
    expect(mainBriefIndex([at('a_1', 'c_1'), at('a_2', 'c_2')])).toBe(0);
  });
  it('is none when nobody is known', () => {
    expect(mainBriefIndex([null, null])).toBeNull();
    expect(mainBriefIndex([])).toBeNull();
  });
});
