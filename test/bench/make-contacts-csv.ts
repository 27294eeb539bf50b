/**
 * Writes the import benchmark's input: an accounts CSV and a contacts CSV with every column
 * filled the way a CRM export fills it (emails, LinkedIn URLs, past employers, provenance).
 * Deterministic (a seeded generator) and streamed to disk with back-pressure, so writing a
 * million rows costs no memory either. All names and domains are made up (`.example`).
 *
 * @example
 * await writeAccountsCsv(path.join(os.tmpdir(), 'accounts.csv'), 20_000);
 * await writeContactsCsv(path.join(os.tmpdir(), 'contacts.csv'), 1_000_000, 20_000);
 * // or: tsx test/bench/make-contacts-csv.ts "$(mktemp -d)" 1000000 20000
 */
import fs from 'node:fs';
import path from 'node:path';
import { once } from 'node:events';
import { pathToFileURL } from 'node:url';

const FIRST = ['Ana', 'Ben', 'Chloé', 'Dev', 'Eli', 'Fatima', 'Goran', 'Hiro', 'Ines', 'Jon', 'Kemi', 'Lars', 'Mei', 'Nils', 'Olu', 'Priya'];
const LAST = ['Adams', 'Berg', 'Costa', 'Dahl', 'Evans', 'Fischer', 'García', 'Haddad', 'Ito', 'Jensen', 'Kowalski', 'Lund', 'Moreau', 'Nakamura'];
const TITLES = ['VP Sales', 'Head of RevOps', 'CTO', 'Director of Engineering', 'Account Manager', 'CFO', 'Procurement Lead', 'SDR'];
const SENIORITY = ['VP', 'Head', 'C-level', 'Director', 'Manager', 'C-level', 'Manager', 'Individual contributor'];
const DEPARTMENTS = ['Sales', 'Operations', 'Engineering', 'Engineering', 'Sales', 'Finance', 'Procurement', 'Sales'];
const ROLES = ['decision_maker', 'champion', 'influencer', 'blocker', 'user', 'other'];
const INDUSTRIES = ['Software', 'Manufacturing', 'Retail', 'Logistics', 'Healthcare', 'Finance'];
const STAGES = ['identified', 'awareness', 'engaged', 'evaluating', 'negotiating', 'closed'];

/** mulberry32: a small seeded generator, so the same arguments write the same file. */
function random(seed: number) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const quote = (v: string) => (/[",\n]/.test(v) ? `"${v.replaceAll('"', '""')}"` : v);

/** Writes lines produced by `line(i)` for i in [0, count), waiting whenever the stream is full. */
async function writeLines(file: string, header: string, count: number, line: (i: number) => string): Promise<number> {
  fs.mkdirSync(path.dirname(file), { recursive: true });
  const out = fs.createWriteStream(file);
  out.write(`${header}\n`);
  for (let i = 0; i < count; i += 1) {
    if (!out.write(`${line(i)}\n`)) await once(out, 'drain');
  }
  out.end();
  await once(out, 'finish');
  return fs.statSync(file).size;
}

export const accountDomain = (i: number) => `acct${i}.example`;

export function writeAccountsCsv(file: string, accounts: number, seed = 1): Promise<number> {
  const next = random(seed);
  const pick = <T>(list: readonly T[]) => list[Math.floor(next() * list.length)]!;
  return writeLines(
    file,
    'external_id,name,domains,tier,stage,territory,industry,employees,location,country,revenue,source,refreshed_at',
    accounts,
    (i) =>
      [
        `A-${i}`,
        quote(`${pick(LAST)} ${pick(['Systems', 'Labs', 'Group', 'Logistics', 'Health'])} ${i}`),
        `${accountDomain(i)};www.${accountDomain(i)}`,
        1 + (i % 3),
        pick(STAGES),
        pick(['North', 'South', 'East', 'West']),
        pick(INDUSTRIES),
        Math.floor(next() * 50_000),
        quote(`${pick(['Austin', 'Berlin', 'Oslo', 'Lagos', 'Pune'])}, ${pick(['TX', 'BE', 'OS', 'LA', 'MH'])}`),
        pick(['US', 'DE', 'NO', 'NG', 'IN']),
        Math.floor(next() * 1e9),
        'crm',
        '2026-10-01',
      ].join(','),
  );
}

export function writeContactsCsv(file: string, contacts: number, accounts: number, seed = 2): Promise<number> {
  const next = random(seed);
  const pick = <T>(list: readonly T[]) => list[Math.floor(next() * list.length)]!;
  return writeLines(
    file,
    'external_id,name,emails,linkedin_url,account_external_id,title,seniority,department,location,buying_role,tenure_start,past_employers,source,refreshed_at',
    contacts,
    (i) => {
      const first = pick(FIRST);
      const last = pick(LAST);
      const account = i % accounts;
      const role = Math.floor(next() * TITLES.length);
      const past = next() < 0.4 ? `${pick(LAST)} Corp|${pick(TITLES)}|2015-0${1 + (i % 9)}|2019-12` : '';
      return [
        `C-${i}`,
        quote(`${first} ${last}`),
        `${first}.${last}.${i}@${accountDomain(account)}`.toLowerCase().normalize('NFKD').replace(/\p{M}/gu, ''),
        `https://www.linkedin.com/in/${first}-${last}-${i.toString(36)}`.toLowerCase().normalize('NFKD').replace(/\p{M}/gu, ''),
        `A-${account}`,
        TITLES[role],
        SENIORITY[role],
        DEPARTMENTS[role],
        pick(['Austin', 'Berlin', 'Oslo', 'Lagos', 'Pune']),
        pick(ROLES),
        `20${10 + (i % 15)}-0${1 + (i % 9)}`,
        quote(past),
        'crm',
        '2026-10-01',
      ].join(',');
    },
  );
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  const [dir = '.', contacts = '1000000', accounts = '20000'] = process.argv.slice(2);
  const a = await writeAccountsCsv(path.join(dir, 'accounts.csv'), Number(accounts));
  const c = await writeContactsCsv(path.join(dir, 'contacts.csv'), Number(contacts), Number(accounts));
  console.log(`wrote ${path.join(dir, 'accounts.csv')} (${(a / 1e6).toFixed(1)} MB) and ${path.join(dir, 'contacts.csv')} (${(c / 1e6).toFixed(1)} MB)`);
}
