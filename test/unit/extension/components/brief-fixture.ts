/**
 * A realistic Brief for component tests: a champion at a tier-1 account with signals, intent,
 * an at-risk deal, stakeholders, stale enrichment and a competitor in the stack.
 * Parsed with the `Brief` schema, so it cannot drift from the contract.
 */
import { Brief } from '../../../../shared/brief.ts';

/** The time every component test renders at. */
export const NOW = new Date('2026-04-15T12:00:00Z');

const crm = (refreshedAt = '2026-01-10T08:00:00Z') => ({ source: 'crm', refreshedAt, stale: false });
const staleEnrichment = { source: 'enrichment', refreshedAt: '2025-06-01T00:00:00Z', stale: true };

export const fullBrief: Brief = Brief.parse({
  match: {
    contactId: 'c_jane',
    accountId: 'a_acme',
    method: 'linkedin_url',
    confidence: 1,
    explanation: 'LinkedIn URL in CRM',
  },
  suggestions: [],
  warnings: [],
  contact: {
    id: 'c_jane',
    name: 'Jane Doe',
    linkedinUrl: 'https://www.linkedin.com/in/jane-doe/',
    emails: ['jane.doe@acme.example'],
    title: { value: 'VP Revenue Operations', ...crm() },
    seniority: { value: 'VP', ...crm() },
    department: { value: 'Revenue Operations', ...crm() },
    location: { value: 'Berlin, Germany', source: 'linkedin', refreshedAt: '2026-04-01T00:00:00Z', stale: false },
    buyingRole: 'champion',
    tenureStart: { value: '2021-07', ...crm() },
    pastEmployers: {
      value: [
        { company: 'Globex', title: 'Director of Sales Ops', from: '2017-03', to: '2021-06' },
        { company: 'Initech', title: 'Sales Analyst', from: '2014-09', to: '2017-02' },
      ],
      ...staleEnrichment,
    },
  },
  account: {
    id: 'a_acme',
    name: 'Acme, Inc.',
    domains: ['acme.example'],
    tier: 1,
    stage: 'evaluating',
    owner: { id: 'u_sam', name: 'Sam Rep' },
    territory: 'EMEA North',
    industry: { value: 'Industrial Automation', ...staleEnrichment },
    employees: { value: 1200, source: 'enrichment', refreshedAt: '2026-03-01T00:00:00Z', stale: false },
    location: { value: 'Munich, Germany', ...crm() },
    revenue: { value: 250_000_000, source: 'enrichment', refreshedAt: '2026-03-01T00:00:00Z', stale: false },
    funding: { value: null, source: null, refreshedAt: null, stale: false },
    description: { value: 'Makes robots for warehouses.', ...crm() },
    technologies: [
      { name: 'Salesforce', category: 'CRM', competitor: false, addedAt: '2022-01-01', removedAt: null, source: 'technographics', refreshedAt: '2026-02-01T00:00:00Z', stale: false },
      { name: 'RivalSignals', category: 'Sales intelligence', competitor: true, addedAt: '2024-05-01', removedAt: null, source: 'technographics', refreshedAt: '2026-02-01T00:00:00Z', stale: false },
      { name: 'OldTool', category: 'Analytics', competitor: false, addedAt: '2019-01-01', removedAt: '2023-01-01', source: 'technographics', refreshedAt: '2023-01-01T00:00:00Z', stale: true },
    ],
    history: [
      { kind: 'tier', from: '2', to: '1', at: '2026-03-20T00:00:00Z', by: 'rule:intent-surge-fit', reason: 'Intent surge with ICP fit above 80' },
    ],
    icpFit: {
      score: 87,
      components: [
        { name: 'Industry', points: 30, max: 30, reason: 'Industrial Automation is in the profile' },
        { name: 'Company size', points: 25, max: 25, reason: '1200 employees, in the 500-5000 band' },
        { name: 'Geography', points: 20, max: 20, reason: 'Munich, Germany is in Germany' },
        { name: 'Required technologies', points: 12, max: 25, reason: 'Uses 1 of 2 required (Salesforce); missing Snowflake' },
      ],
    },
    engagement: {
      score: 64,
      components: [
        { name: 'Pricing visits', points: 44, max: 50, reason: '3 pricing-page visits, latest 2026-04-13 (2.6 after recency weighting; full at 3)' },
        { name: 'Intent', points: 20, max: 50, reason: 'sales intelligence 82 in the week of 2026-04-13 (32.8 after recency weighting; full at 80)' },
      ],
    },
  },
  signals: [
    {
      kind: 'topic_surge',
      priority: 3,
      reason: 'Intent on "sales intelligence" rose to 82 this week',
      action: { text: 'Send the comparison guide', channel: 'email', who: 'Account owner' },
      occurredAt: '2026-04-13T00:00:00Z',
      accountId: 'a_acme',
      contactId: null,
    },
    {
      kind: 'pricing_page_visits',
      priority: 1,
      reason: '3 pricing page visits in 7 days',
      action: { text: 'Call Jane about the pricing questions', channel: 'call', who: 'Account owner' },
      occurredAt: '2026-04-14T09:00:00Z',
      accountId: 'a_acme',
      contactId: 'c_jane',
    },
  ],
  intent: {
    topics: [
      { topic: 'Sales intelligence', score: 82, trend: 'up', week: '2026-W15' },
      { topic: 'CRM data quality', score: 64, trend: 'new', week: '2026-W15' },
      { topic: 'Lead routing', score: 40, trend: 'down', week: '2026-W15' },
    ],
    firstParty: { visits7d: 12, visits30d: 41, pricing7d: 3, pricing30d: 5, lastVisitAt: '2026-04-14T09:00:00Z' },
  },
  relationship: {
    lastTouch: { at: '2026-04-03T10:00:00Z', type: 'meeting', by: 'Sam Rep' },
    meetings: 4,
    emails: 17,
    dealsWon: 1,
    dealsLost: 0,
  },
  openDeals: [
    {
      id: 'd_expansion',
      name: 'Acme — EMEA expansion',
      stage: 'Proposal',
      amount: 48000,
      currency: 'EUR',
      closeDate: '2026-06-30',
      forecastCategory: 'best_case',
      nextStep: 'Security review with IT',
      owner: { id: 'u_sam', name: 'Sam Rep' },
      risks: [{ kind: 'single_threaded', reason: 'Only one contact engaged in 30 days' }],
    },
  ],
  stakeholders: [
    { contactId: 'c_omar', name: 'Omar Khan', title: 'CFO', role: 'decision_maker', lastTouch: { at: '2026-02-10T00:00:00Z', type: 'email', by: 'Sam Rep' } },
    { contactId: 'c_lee', name: 'Lee Park', title: 'IT Security Lead', role: 'blocker', lastTouch: null },
  ],
  nextBestAction: {
    reason: 'Pricing visits from the champion while the deal waits on security',
    action: { text: 'Offer Jane a security review call this week', channel: 'call', who: 'Jane', target: { kind: 'contact', contactId: 'ct_jane', name: 'Jane', role: 'champion', title: null } },
    about: { kind: 'this-person' },
  },
  generatedAt: '2026-04-15T11:58:00Z',
});

/** The same person matched only by name and company: a suggestion the rep must confirm. */
export const nameCompanyBrief: Brief = Brief.parse({
  ...fullBrief,
  match: { contactId: 'c_jane', accountId: 'a_acme', method: 'name_company', confidence: 0.62, explanation: 'Same name and company' },
});

/** Nobody matched; the server offers people who might be the one on the page. */
export const notInCrmBrief: Brief = Brief.parse({
  match: { method: 'name_company', confidence: 0, explanation: 'No CRM record for this profile' },
  suggestions: [
    { contactId: 'c_jane', accountId: 'a_acme', name: 'Jane Doe', title: 'VP Revenue Operations', accountName: 'Acme, Inc.', confidence: 0.62, explanation: 'Same name and company' },
    { contactId: 'c_janet', name: 'Janet Doe', title: 'Sales Manager', accountName: 'Beta GmbH', confidence: 0.41, explanation: 'Similar name' },
  ],
  warnings: [],
  contact: null,
  account: null,
  signals: [],
  intent: null,
  relationship: { lastTouch: null, meetings: 0, emails: 0, dealsWon: 0, dealsLost: 0 },
  openDeals: [],
  stakeholders: [],
  nextBestAction: null,
  generatedAt: '2026-04-15T11:58:00Z',
});

/** CRM values an attacker could have typed into the CRM: they must render as inert text. */
export const HOSTILE_HTML = '<img src=x onerror="window.__pwned=1">';
export const HOSTILE_URL = 'javascript:alert(1)';

export const hostileBrief: Brief = Brief.parse({
  ...fullBrief,
  contact: { ...fullBrief.contact, name: HOSTILE_HTML, linkedinUrl: HOSTILE_URL, title: { value: HOSTILE_HTML, ...crm() } },
  account: { ...fullBrief.account, name: HOSTILE_HTML, domains: [HOSTILE_URL], description: { value: HOSTILE_HTML, ...crm() } },
  signals: [{ ...fullBrief.signals[0], reason: HOSTILE_HTML }],
});

/** Every section of the panel open: collapsed sections render nothing inside (Section.tsx). */
export const ALL_OPEN = { signals: true, contact: true, account: true, intent: true, deals: true, stakeholders: true } as const;
