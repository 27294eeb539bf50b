/**
 * A brief's answer: the stored shown parts spliced as text give the same JSON as the objects,
 * whatever the strings hold (quotes, backslashes, separators, non-ASCII).
 */
import { describe, expect, it } from 'vitest';
import { briefFromAnswer, briefJson, type BriefAnswer } from '../../../../server/briefs/answer.ts';

const hostile = 'Ada "the \\\\ one" Lovelace\u2028}],{"x":1}\u0000 — Zürich';

const body = {
  match: { contactId: 'ct_1', accountId: 'acc_1', method: 'linkedin_url', confidence: 1, explanation: hostile },
  suggestions: [],
  warnings: [hostile],
  contact: null,
  signals: [],
  relationship: { lastTouch: null, meetings: 0, emails: 0, dealsWon: 0, dealsLost: 0 },
  openDeals: [],
  nextBestAction: null,
  generatedAt: '2026-11-23T09:00:00.000Z',
} as unknown as BriefAnswer['body'];

const shown = {
  account: { id: 'acc_1', name: hostile, domains: ['acme.com'] },
  intent: { topics: [], firstParty: { visits7d: 1, visits30d: 2 } },
  stakeholders: [{ id: 'ct_2', name: hostile }],
} as unknown as Exclude<BriefAnswer['shown'], string | null>;

describe('briefJson', () => {
  it('splices stored shown parts into exactly the JSON of the whole brief', () => {
    const fromObjects = briefJson({ body, shown });
    const spliced = briefJson({ body, shown: JSON.stringify(shown) });
    expect(spliced).toBe(fromObjects);
    expect(JSON.parse(spliced)).toEqual({ ...body, ...shown });
    expect(briefFromAnswer({ body, shown: JSON.stringify(shown) })).toEqual({ ...body, ...shown });
  });

  it('answers a brief with no account with empty account parts', () => {
    expect(JSON.parse(briefJson({ body, shown: null }))).toEqual({ ...body, account: null, intent: null, stakeholders: [] });
  });
});
