/**
 * A valid brief about one contact, for the extension's cache tests (cache.test.ts, briefs-port.test.ts,
 * changes.test.ts): `title` tells versions apart, `extra` sets what a test looks at.
 */
import type { Brief } from '../../../../shared/brief.ts';

export const field = <T>(value: T | null) => ({ value, source: 'crm', refreshedAt: '2025-01-01T00:00:00Z', stale: false });

/** A valid brief for one contact at `accountId`; `title` tells versions apart. */
export function contactBrief(contactId: string, title: string | null, extra: Partial<Brief> = {}, accountId = 'ac_1'): Brief {
  return {
    match: { contactId, accountId, method: 'linkedin_url', confidence: 1, explanation: 'LinkedIn URL in CRM' },
    suggestions: [],
    warnings: [],
    contact: {
      id: contactId,
      name: 'Jane Doe',
      linkedinUrl: 'https://www.linkedin.com/in/jane-doe/',
      emails: ['jane@acme.com'],
      title: field(title),
      seniority: field(null),
      department: field(null),
      location: field(null),
      buyingRole: null,
      tenureStart: field(null),
      pastEmployers: field([]),
    },
    account: null,
    signals: [],
    intent: null,
    relationship: { lastTouch: null, meetings: 0, emails: 0, dealsWon: 0, dealsLost: 0 },
    openDeals: [],
    stakeholders: [],
    nextBestAction: null,
    generatedAt: '2025-03-03T09:00:00Z',
    ...extra,
  };
}
