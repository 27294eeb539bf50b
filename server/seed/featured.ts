/**
 * The people the extension is demonstrated on: the subjects of the LinkedIn profile captures in
 * `../shared/fixtures/linkedin/` (names and slugs there are invented ones). Their names, slugs and
 * companies are written out here so the repository never depends on that folder existing.
 *
 * Each sits at a named account with open deals and fresh signals, so a brief for their LinkedIn
 * URL has something to show. One is deliberately out of date:
 *
 * JOB CHANGE: Ravi Kumaran is recorded in the CRM at **Infosys** as "Senior Data Engineer" (the
 * title last refreshed years ago), while his LinkedIn page says **Tata Consultancy Services**,
 * "Technical Architect" since 2019-02. Infosys is his CRM account (he was its champion), and TCS is
 * an account too, so the brief can show both "your champion left" and "a new door opened".
 */
import type { AccountStage } from './vocab.ts';

export interface FeaturedAccount {
  key: string;
  name: string;
  /** The first domain is the primary one (emails use it). */
  domains: string[];
  industry: string;
  employees: number;
  location: string;
  country: string;
  revenue: number;
  funding: string;
  description: string;
  tier: 1 | 2 | 3;
  stage: AccountStage;
  /** The open deal that makes the brief worth reading. */
  deal: { name: string; stage: string; forecast: string; amount: number; closeInDays: number; nextStep: string | null; competitor: string | null; slippedDays?: number };
  /** Scripted recent signals, on top of the generated background history. */
  signals: {
    pricingVisits7d?: number;
    demoRequest?: boolean;
    trialSignup?: boolean;
    surge?: { topic: string; score: number };
    funding?: { round: string; amountUsd: number; daysAgo: number };
    execHire?: { name: string; title: string; daysAgo: number };
    news?: { headline: string; daysAgo: number };
    competitorAdded?: { name: string; daysAgo: number };
  };
  /** Days since the last logged touch. */
  lastTouchDaysAgo: number;
}

export interface FeaturedPerson {
  name: string;
  slug: string;
  /** The email we hold for them, at their CRM account's domain. */
  email: string;
  accountKey: string;
  /** What the CRM says (for Ravi: his previous job). */
  title: string;
  seniority: string;
  department: string;
  buyingRole: 'decision_maker' | 'champion' | 'influencer' | 'blocker' | 'user' | 'other';
  location: string;
  tenureStart: string;
  pastEmployers: { company: string; title?: string; from?: string; to?: string }[];
  /** Days since the CRM last refreshed the title; over 180 shows as stale. */
  titleRefreshedDaysAgo: number;
  /** The employer the LinkedIn page shows today, when the page names one. */
  pageCompany: string | null;
}

export const FEATURED_ACCOUNTS: FeaturedAccount[] = [
  {
    key: 'novare', name: 'Novare Potential', domains: ['novarepotential.se', 'novare.se'], industry: 'Professional Services',
    employees: 420, location: 'Stockholm, Sweden', country: 'SE', revenue: 61_000_000, funding: 'Private (part of a listed group)',
    description: 'IT consultancy and developer academy placing and training engineers across the Nordics.',
    tier: 1, stage: 'evaluating',
    deal: { name: 'Novare Potential: Academy analytics', stage: 'proposal', forecast: 'best_case', amount: 84_000, closeInDays: 38, nextStep: 'Pricing review with procurement', competitor: null },
    signals: { pricingVisits7d: 3, demoRequest: true, surge: { topic: 'Data Integration', score: 74 } },
    lastTouchDaysAgo: 2,
  },
  {
    key: 'swedbank', name: 'Swedbank', domains: ['swedbank.se', 'swedbank.com'], industry: 'Financial Services',
    employees: 16_000, location: 'Stockholm, Sweden', country: 'SE', revenue: 7_900_000_000, funding: 'Public (Nasdaq Stockholm)',
    description: 'Retail and corporate bank with operations in Sweden and the Baltics.',
    tier: 1, stage: 'negotiating',
    deal: { name: 'Swedbank: Risk data platform', stage: 'negotiation', forecast: 'commit', amount: 620_000, closeInDays: 21, nextStep: 'Legal review of the order form', competitor: 'Lakehold Data Cloud' },
    signals: { pricingVisits7d: 2, surge: { topic: 'Data Governance', score: 81 }, execHire: { name: 'Karin Edholm', title: 'VP Data Platforms', daysAgo: 12 } },
    lastTouchDaysAgo: 4,
  },
  {
    key: 'recruitjob', name: 'Recruitjob.se', domains: ['recruitjob.se'], industry: 'Software',
    employees: 45, location: 'Stockholm, Sweden', country: 'SE', revenue: 4_800_000, funding: 'Series A, $12M',
    description: 'Recruitment marketplace matching tech talent with Swedish employers.',
    tier: 2, stage: 'engaged',
    deal: { name: 'Recruitjob.se: Starter plan', stage: 'qualification', forecast: 'pipeline', amount: 18_000, closeInDays: 60, nextStep: null, competitor: null },
    signals: { trialSignup: true, pricingVisits7d: 1, funding: { round: 'Series A', amountUsd: 12_000_000, daysAgo: 9 } },
    lastTouchDaysAgo: 6,
  },
  {
    key: 'tcs', name: 'Tata Consultancy Services', domains: ['tcs.com'], industry: 'Professional Services',
    employees: 600_000, location: 'Mumbai, India', country: 'IN', revenue: 29_000_000_000, funding: 'Public (NSE, BSE)',
    description: 'Global IT services and consulting company; its Stockholm office runs Nordic data programmes.',
    tier: 1, stage: 'engaged',
    deal: { name: 'TCS Nordics: Partner sandbox', stage: 'discovery', forecast: 'pipeline', amount: 150_000, closeInDays: 75, nextStep: 'Technical deep dive with the data team', competitor: 'Querylane' },
    signals: { competitorAdded: { name: 'Querylane', daysAgo: 25 }, surge: { topic: 'Cloud Data Warehouse', score: 66 }, news: { headline: 'Tata Consultancy Services expands its Nordic data and AI practice', daysAgo: 5 } },
    lastTouchDaysAgo: 9,
  },
  {
    key: 'infosys', name: 'Infosys', domains: ['infosys.com'], industry: 'Professional Services',
    employees: 320_000, location: 'Bengaluru, India', country: 'IN', revenue: 18_500_000_000, funding: 'Public (NSE, NYSE)',
    description: 'IT services and consulting company; the Nordic delivery team was our first contact there.',
    tier: 1, stage: 'evaluating',
    deal: { name: 'Infosys Nordics: Migration accelerator', stage: 'proposal', forecast: 'best_case', amount: 240_000, closeInDays: 30, nextStep: null, competitor: null, slippedDays: 45 },
    signals: { pricingVisits7d: 4, surge: { topic: 'Cloud Migration', score: 69 } },
    lastTouchDaysAgo: 16,
  },
  {
    key: 'siac', name: 'Stockholm Institute for Applied Computing', domains: ['siac-research.se'], industry: 'Research',
    employees: 310, location: 'Stockholm, Sweden', country: 'SE', revenue: 38_000_000, funding: 'Public research grants',
    description: 'Applied research institute in computing, data and AI, funded by research councils and industry partners.',
    tier: 2, stage: 'evaluating',
    deal: { name: 'SIAC: Research data pilot', stage: 'discovery', forecast: 'pipeline', amount: 36_000, closeInDays: 45, nextStep: 'Proof-of-concept kickoff', competitor: null },
    signals: { pricingVisits7d: 2, surge: { topic: 'Data Lakehouse', score: 63 }, news: { headline: 'Stockholm Institute for Applied Computing wins an EU grant for open research data', daysAgo: 11 } },
    lastTouchDaysAgo: 3,
  },
];

export const FEATURED_PEOPLE: FeaturedPerson[] = [
  {
    name: 'Daniel Ortega Lind', slug: 'daniel-ortega-lind', email: 'daniel.ortega.lind@novarepotential.se', accountKey: 'novare',
    title: 'Tech Education Team Lead', seniority: 'manager', department: 'engineering', buyingRole: 'champion',
    location: 'Greater Stockholm Metropolitan Area', tenureStart: '2021-07',
    pastEmployers: [{ company: 'Veridian Software', title: 'Frontend Developer', from: '2018-03', to: '2021-06' }],
    titleRefreshedDaysAgo: 40, pageCompany: 'Novare Potential',
  },
  {
    name: 'Maya Rani Perera', slug: 'maya-rani-perera-48213c77', email: 'maya.perera@swedbank.se', accountKey: 'swedbank',
    title: 'Scrum Master - Software Engineer', seniority: 'senior', department: 'engineering', buyingRole: 'influencer',
    location: 'Stockholm, Stockholm County, Sweden', tenureStart: '2021-11',
    pastEmployers: [{ company: 'Cranfield Systems', title: 'Pega Senior System Architect', from: '2017-01', to: '2021-10' }],
    titleRefreshedDaysAgo: 75, pageCompany: 'Swedbank',
  },
  {
    name: 'Aron Gustav', slug: 'arongustav', email: 'aron@recruitjob.se', accountKey: 'recruitjob',
    title: 'Co-Founder', seniority: 'executive', department: 'operations', buyingRole: 'decision_maker',
    location: 'Greater Stockholm Metropolitan Area', tenureStart: '2022-02',
    pastEmployers: [{ company: 'Tallbacken Analytics', title: 'Head of Growth', from: '2016-05', to: '2022-01' }],
    titleRefreshedDaysAgo: 20, pageCompany: 'Recruitjob.se',
  },
  {
    // The job change: the CRM still has him at Infosys; his LinkedIn page says TCS since 2019-02.
    name: 'Ravi Kumaran', slug: 'ravikumaran', email: 'ravi.kumaran@infosys.com', accountKey: 'infosys',
    title: 'Senior Data Engineer', seniority: 'senior', department: 'data', buyingRole: 'champion',
    location: 'Stockholm, Stockholm County, Sweden', tenureStart: '2014-03',
    pastEmployers: [{ company: 'Petrel Networks', title: 'Data Engineer', from: '2011-08', to: '2014-02' }],
    titleRefreshedDaysAgo: 2_100, pageCompany: 'Tata Consultancy Services',
  },
  {
    name: 'Nikos Petrakis', slug: 'nikospetrakis', email: 'nikos.petrakis@siac-research.se', accountKey: 'siac',
    title: 'Researcher', seniority: 'senior', department: 'data', buyingRole: 'user',
    location: 'Sweden', tenureStart: '2020-09', pastEmployers: [],
    titleRefreshedDaysAgo: 120, pageCompany: null,
  },
];
