/**
 * The words the demo and scale seeds are made of: invented people and company names, the
 * titles a buying group holds, the technologies an account runs, the topics an intent feed
 * reports. Northwind Demo sells a cloud data platform, so its intent topics, competitors and
 * pricing pages are a data platform's.
 */

export const FIRST_NAMES = [
  'Astrid', 'Linnea', 'Erik', 'Johan', 'Ingrid', 'Oskar', 'Freja', 'Nils', 'Sanna', 'Henrik',
  'Amelia', 'Oliver', 'Charlotte', 'George', 'Imogen', 'Harry', 'Eleanor', 'Callum', 'Niamh', 'Rory',
  'Emily', 'James', 'Madison', 'Ethan', 'Olivia', 'Noah', 'Grace', 'Lucas', 'Hannah', 'Mason',
  'Lena', 'Felix', 'Klara', 'Maximilian', 'Greta', 'Lukas', 'Sophie', 'Jonas', 'Mia', 'Tobias',
  'Aarav', 'Ananya', 'Rohan', 'Isha', 'Vikram', 'Kavya', 'Arjun', 'Meera', 'Sanjay', 'Divya',
  'Camille', 'Hugo', 'Léa', 'Louis', 'Chloé', 'Mateo', 'Lucía', 'Diego', 'Sofía', 'Pablo',
  'Yuki', 'Haruto', 'Mei', 'Wei', 'Ji-woo', 'Min-jun', 'Amara', 'Kwame', 'Zanele', 'Tariq',
] as const;

export const LAST_NAMES = [
  'Lindqvist', 'Bergström', 'Nyberg', 'Holm', 'Sjöberg', 'Ekström', 'Dahl', 'Lund', 'Forsberg', 'Åkesson',
  'Whitfield', 'Ashworth', 'Pennington', 'Hollis', 'Carrick', 'Fairbairn', 'Oakley', 'Brennan', 'Doherty', 'Gallagher',
  'Caldwell', 'Harrington', 'Mercer', 'Lowell', 'Prescott', 'Whitaker', 'Sullivan', 'Donovan', 'Bishop', 'Reyes',
  'Brandt', 'Hoffmann', 'Vogel', 'Krüger', 'Lehmann', 'Schreiber', 'Winter', 'Albrecht', 'Kessler', 'Roth',
  'Sharma', 'Iyer', 'Menon', 'Reddy', 'Kapoor', 'Nair', 'Bhatt', 'Rao', 'Chatterjee', 'Desai',
  'Moreau', 'Lefèvre', 'Girard', 'Ortega', 'Navarro', 'Serrano', 'Castillo', 'Vidal', 'Romero', 'Fuentes',
  'Tanaka', 'Sato', 'Chen', 'Lin', 'Park', 'Kim', 'Okafor', 'Mensah', 'Dlamini', 'Haddad',
] as const;

/** Invented company names are two parts: "Kestrel" + "Logistics". */
export const COMPANY_STEMS = [
  'Kestrel', 'Brightwater', 'Ironbridge', 'Northgate', 'Silverline', 'Bluefjord', 'Copperleaf', 'Redwood',
  'Halcyon', 'Meridian', 'Stonegate', 'Larkspur', 'Aldergrove', 'Tidewell', 'Fernhill', 'Granite Peak',
  'Harbourview', 'Juniper', 'Lumen', 'Maplecrest', 'Nordlys', 'Oakhaven', 'Pinecrest', 'Quillon',
  'Riverbend', 'Saltmarsh', 'Thornbury', 'Umbra', 'Vantage', 'Westmoor', 'Yarrow', 'Zephyr',
  'Ashcombe', 'Birchfield', 'Cobalt', 'Driftwood', 'Evergreen', 'Foxglove', 'Glacier', 'Heathrow Park',
  'Inkwell', 'Jadestone', 'Kingsmere', 'Lodestar', 'Moonrise', 'Nettlebed', 'Orchard', 'Pembrook',
] as const;

export const INDUSTRIES = [
  { industry: 'Financial Services', suffixes: ['Capital', 'Bank', 'Insurance', 'Payments'] },
  { industry: 'Software', suffixes: ['Software', 'Labs', 'Systems', 'Cloud'] },
  { industry: 'Retail', suffixes: ['Retail', 'Stores', 'Outfitters', 'Market'] },
  { industry: 'Logistics', suffixes: ['Logistics', 'Freight', 'Shipping', 'Transport'] },
  { industry: 'Manufacturing', suffixes: ['Industries', 'Manufacturing', 'Works', 'Components'] },
  { industry: 'Healthcare', suffixes: ['Health', 'Medical', 'Clinics', 'Life Sciences'] },
  { industry: 'Energy', suffixes: ['Energy', 'Power', 'Renewables', 'Utilities'] },
  { industry: 'Media', suffixes: ['Media', 'Studios', 'Publishing', 'Broadcasting'] },
  { industry: 'Telecommunications', suffixes: ['Telecom', 'Networks', 'Connect', 'Mobile'] },
  { industry: 'Professional Services', suffixes: ['Consulting', 'Partners', 'Advisory', 'Group'] },
] as const;

export interface Territory {
  territory: string;
  tlds: readonly string[];
  /** `[location, ISO country]`. */
  places: readonly (readonly [string, string])[];
}

/** Territories and where their accounts sit; each demo rep owns one territory. */
export const TERRITORIES: readonly Territory[] = [
  { territory: 'Nordics', tlds: ['se', 'com', 'no', 'dk'], places: [['Stockholm, Sweden', 'SE'], ['Gothenburg, Sweden', 'SE'], ['Oslo, Norway', 'NO'], ['Copenhagen, Denmark', 'DK'], ['Helsinki, Finland', 'FI']] },
  { territory: 'UK & Ireland', tlds: ['co.uk', 'com', 'ie'], places: [['London, United Kingdom', 'GB'], ['Manchester, United Kingdom', 'GB'], ['Edinburgh, United Kingdom', 'GB'], ['Dublin, Ireland', 'IE']] },
  { territory: 'North America', tlds: ['com', 'io', 'ca'], places: [['New York, United States', 'US'], ['Boston, United States', 'US'], ['Austin, United States', 'US'], ['Toronto, Canada', 'CA'], ['Chicago, United States', 'US']] },
  { territory: 'DACH', tlds: ['de', 'com', 'ch', 'at'], places: [['Berlin, Germany', 'DE'], ['Munich, Germany', 'DE'], ['Zurich, Switzerland', 'CH'], ['Vienna, Austria', 'AT'], ['Hamburg, Germany', 'DE']] },
];

export const STAGES = ['identified', 'awareness', 'engaged', 'evaluating', 'negotiating', 'closed'] as const;
export type AccountStage = (typeof STAGES)[number];

export const SENIORITIES = ['executive', 'vp', 'director', 'manager', 'senior', 'entry'] as const;

/** Titles by department and seniority; the buying group a data platform sells to. */
export const DEPARTMENTS = {
  data: { executive: 'Chief Data Officer', vp: 'VP Data', director: 'Director of Data Engineering', manager: 'Data Engineering Manager', senior: 'Senior Data Engineer', entry: 'Data Analyst' },
  engineering: { executive: 'CTO', vp: 'VP Engineering', director: 'Director of Engineering', manager: 'Engineering Manager', senior: 'Staff Software Engineer', entry: 'Software Engineer' },
  it: { executive: 'CIO', vp: 'VP Information Technology', director: 'Director of IT', manager: 'IT Manager', senior: 'Senior Systems Administrator', entry: 'IT Specialist' },
  finance: { executive: 'CFO', vp: 'VP Finance', director: 'Director of FP&A', manager: 'Finance Manager', senior: 'Senior Financial Analyst', entry: 'Financial Analyst' },
  operations: { executive: 'COO', vp: 'VP Operations', director: 'Director of Operations', manager: 'Operations Manager', senior: 'Senior Operations Analyst', entry: 'Operations Analyst' },
  security: { executive: 'CISO', vp: 'VP Security', director: 'Director of Security', manager: 'Security Manager', senior: 'Senior Security Engineer', entry: 'Security Analyst' },
  analytics: { executive: 'Chief Analytics Officer', vp: 'VP Analytics', director: 'Director of BI', manager: 'Analytics Manager', senior: 'Senior BI Developer', entry: 'BI Analyst' },
  procurement: { executive: 'Chief Procurement Officer', vp: 'VP Procurement', director: 'Director of Procurement', manager: 'Procurement Manager', senior: 'Senior Buyer', entry: 'Buyer' },
} as const;
export type Department = keyof typeof DEPARTMENTS;
export const DEPARTMENT_NAMES = Object.keys(DEPARTMENTS) as Department[];

/** Companies people worked at before; invented, like every name here. */
export const PAST_EMPLOYERS = [
  'Tallbacken Analytics', 'Greyhaven Consulting', 'Orbis Datenwerk', 'Cranfield Systems', 'Sunvale Retail',
  'Petrel Networks', 'Blackthorn Bank', 'Hollowell Health', 'Quayside Freight', 'Marlowe Media',
  'Eastbrook Energy', 'Veridian Software', 'Solent Insurance', 'Kopparberg Industri', 'Lakeshore Telecom',
] as const;

/** Technographics: categories, and which products are Northwind's competitors. */
export const TECHNOLOGIES: readonly { name: string; category: string; competitor: boolean }[] = [
  { name: 'Lakehold Data Cloud', category: 'Data warehouse', competitor: true },
  { name: 'Querylane', category: 'Data warehouse', competitor: true },
  { name: 'Stratus Warehouse', category: 'Data warehouse', competitor: true },
  { name: 'Pipewright ETL', category: 'Data integration', competitor: true },
  { name: 'PostgreSQL', category: 'Database', competitor: false },
  { name: 'Oracle Database', category: 'Database', competitor: false },
  { name: 'Microsoft SQL Server', category: 'Database', competitor: false },
  { name: 'Apache Kafka', category: 'Streaming', competitor: false },
  { name: 'Apache Airflow', category: 'Orchestration', competitor: false },
  { name: 'dbt', category: 'Transformation', competitor: false },
  { name: 'Tableau', category: 'BI', competitor: false },
  { name: 'Power BI', category: 'BI', competitor: false },
  { name: 'Looker', category: 'BI', competitor: false },
  { name: 'Salesforce', category: 'CRM', competitor: false },
  { name: 'HubSpot', category: 'CRM', competitor: false },
  { name: 'AWS', category: 'Cloud', competitor: false },
  { name: 'Microsoft Azure', category: 'Cloud', competitor: false },
  { name: 'Google Cloud', category: 'Cloud', competitor: false },
  { name: 'Kubernetes', category: 'Infrastructure', competitor: false },
  { name: 'Okta', category: 'Identity', competitor: false },
  { name: 'Segment', category: 'Customer data', competitor: false },
  { name: 'Workday', category: 'HR', competitor: false },
];

/** Third-party intent topics the feed scores weekly; the first five are "ours". */
export const INTENT_TOPICS: readonly string[] = [
  'Cloud Data Warehouse', 'Data Integration', 'Data Governance', 'Real-time Analytics', 'Data Lakehouse',
  'Business Intelligence', 'Customer Data Platform', 'Cloud Migration', 'Machine Learning Ops', 'Data Observability',
];

/** First-party pages on Northwind's own site (`PageType` of shared/events.ts); pricing, demo and trial are buying behaviour. */
export const PAGE_TYPES = [
  ['pricing', '/pricing', 3],
  ['demo', '/demo-request', 1],
  ['trial', '/trial/signup', 1],
  ['docs', '/docs/getting-started', 4],
  ['blog', '/blog/lakehouse-vs-warehouse', 6],
  ['product', '/product/data-cloud', 4],
  ['other', '/customers/tidewell-energy', 3],
  ['careers', '/careers', 1],
] as const;
export const SITE = 'https://www.northwind-demo.test';

export const FUNDING_ROUNDS = [
  ['Seed', 2_000_000, 6_000_000],
  ['Series A', 8_000_000, 25_000_000],
  ['Series B', 25_000_000, 70_000_000],
  ['Series C', 60_000_000, 150_000_000],
  ['Series D', 120_000_000, 300_000_000],
] as const;

export const NEWS_HEADLINES = [
  '{company} opens a new engineering hub in {city}',
  '{company} reports record quarterly revenue',
  '{company} announces a partnership with a major cloud provider',
  '{company} launches a data modernisation programme',
  '{company} completes the acquisition of a regional competitor',
  '{company} names a new board chair',
  '{company} expands into three new markets',
  '{company} wins an industry award for its analytics team',
] as const;

export const DEAL_STAGES = [
  { stage: 'qualification', forecast: 'pipeline' },
  { stage: 'discovery', forecast: 'pipeline' },
  { stage: 'proposal', forecast: 'best_case' },
  { stage: 'negotiation', forecast: 'commit' },
] as const;

export const NEXT_STEPS = [
  'Technical deep dive with the data team',
  'Send the security questionnaire',
  'Pricing review with procurement',
  'Proof-of-concept kickoff',
  'Executive sponsor meeting',
  'Legal review of the order form',
  'Reference call with a customer in the same industry',
] as const;

export const EMAIL_SUBJECTS = [
  'Following up on our conversation', 'Pricing for the Team plan', 'Proof-of-concept scope', 'Intro: Northwind and {company}',
  'Security questionnaire', 'Agenda for Thursday', 'Case study you asked about', 'Re: warehouse migration timeline',
] as const;
export const MEETING_SUBJECTS = ['Discovery call', 'Technical deep dive', 'Pricing review', 'Executive briefing', 'Proof-of-concept check-in'] as const;
export const CALL_SUBJECTS = ['Cold call', 'Follow-up call', 'Check-in call', 'Voicemail left'] as const;
