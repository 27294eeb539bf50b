/**
 * The import that runs alongside the soak's traffic (`npm run bench:soak`): an admin's CSV
 * imports, one after another with a pause between, for the whole run — contacts and company
 * events in turn, over HTTP (`POST /v1/import/...`, in a server worker, the default) or through
 * the import CLI in its own process (`SOAK_IMPORT=cli`).
 *
 * Contacts come from a fixed pool of soak contacts on a fixed set of accounts (the first accounts
 * by id): the first run creates them, every later import updates them (a new title each time),
 * so repeated soaks do not grow the scale data by more than the pool. Company events are news
 * items dated now, a few hundred each time (a feed's daily delivery).
 */
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import http from 'node:http';
import os from 'node:os';
import path from 'node:path';

export const SOAK_CONTACT_POOL = 20_000;

export interface ImportRun {
  entity: 'contacts' | 'company-events';
  rows: number;
  seconds: number;
  /** Null when it imported every row; else why it counts as an error. */
  error: string | null;
  status: number;
}

export interface ImportLoopOptions {
  mode: 'http' | 'cli';
  baseUrl: string;
  adminToken: string;
  dataDir: string;
  teamId: string;
  /** Domains of the accounts the soak's contacts and events belong to. */
  domains: string[];
  contactRows: number;
  eventRows: number;
  pauseMs: number;
  signal: AbortSignal;
}

const quote = (v: string) => (/[",\n]/.test(v) ? `"${v.replaceAll('"', '""')}"` : v);

/** `rows` contacts of the pool, starting where the previous import stopped, each with a new title. */
export function contactsCsv(domains: string[], rows: number, from: number, tag: string): string {
  const lines = ['external_id,name,emails,linkedin_url,account_domain,title,source'];
  for (let n = 0; n < rows; n++) {
    const k = (from + n) % SOAK_CONTACT_POOL;
    const domain = domains[k % domains.length]!;
    lines.push([`SOAK-C-${k}`, `Soak Person ${k}`, `soak.person.${k}@${domain}`, `https://www.linkedin.com/in/soak-person-${k}`, domain, quote(`Buyer, import ${tag}`), 'soak'].join(','));
  }
  return `${lines.join('\n')}\n`;
}

export function companyEventsCsv(domains: string[], rows: number, at: Date, tag: string): string {
  const lines = ['domain,kind,occurred_at,headline,url'];
  for (let n = 0; n < rows; n++) {
    const domain = domains[(n * 7919) % domains.length]!;
    lines.push([domain, 'news', at.toISOString(), quote(`Soak news ${tag}-${n}`), `https://news.example/soak/${tag}/${n}`].join(','));
  }
  return `${lines.join('\n')}\n`;
}

function postCsv(options: ImportLoopOptions, entity: string, file: string): Promise<{ status: number; body: string }> {
  const url = new URL(`/v1/import/${entity}`, options.baseUrl);
  return new Promise((resolve, reject) => {
    const req = http.request(
      url,
      {
        method: 'POST',
        headers: { authorization: `Bearer ${options.adminToken}`, 'content-type': 'text/csv', 'content-length': fs.statSync(file).size },
      },
      (res) => {
        let body = '';
        res.setEncoding('utf8');
        res.on('data', (chunk: string) => (body += chunk));
        res.on('end', () => resolve({ status: res.statusCode ?? 0, body }));
      },
    );
    req.on('error', reject);
    fs.createReadStream(file).pipe(req);
  });
}

function runCli(options: ImportLoopOptions, entity: string, file: string): Promise<{ status: number; body: string }> {
  return new Promise((resolve, reject) => {
    const { DATABASE_URL: _ignored, ...env } = process.env;
    const child = spawn(process.execPath, ['--import', 'tsx', 'server/cli/import.ts', entity, file, '--team', options.teamId], {
      env: { ...env, DATA_DIR: options.dataDir },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let out = '';
    child.stdout.on('data', (c: Buffer) => (out += c.toString()));
    child.stderr.on('data', (c: Buffer) => (out += c.toString()));
    child.on('error', reject);
    child.on('exit', (code) => resolve({ status: code ?? 1, body: out }));
  });
}

/** Why an import's answer is not a clean import of every row, or null. */
function importError(mode: 'http' | 'cli', status: number, body: string, rows: number): string | null {
  if (mode === 'cli') return status === 0 ? null : `import CLI exited with ${status}: ${body.trim().split('\n').slice(-3).join(' ')}`;
  if (status !== 200) return `HTTP ${status}: ${body.slice(0, 200)}`;
  const { summary } = JSON.parse(body) as { summary?: { created: number; updated: number; unchanged: number; rejected: number } };
  if (!summary) return 'no summary in the answer';
  if (summary.rejected > 0) return `${summary.rejected} rows rejected: ${body.slice(0, 300)}`;
  const done = summary.created + summary.updated + summary.unchanged;
  return done === rows ? null : `${done} of ${rows} rows imported`;
}

/** Waits `ms`, or less if the signal fires first. */
function pause(ms: number, signal: AbortSignal): Promise<void> {
  return new Promise((resolve) => {
    const done = () => {
      clearTimeout(timer);
      signal.removeEventListener('abort', done);
      resolve();
    };
    const timer = setTimeout(done, ms);
    signal.addEventListener('abort', done);
  });
}

/** Imports until the signal fires (the import under way then finishes), one at a time; resolves with every run. */
export async function importLoop(options: ImportLoopOptions, onRun?: (run: ImportRun) => void): Promise<ImportRun[]> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'sh-soak-import-'));
  const runs: ImportRun[] = [];
  const tag = Date.now().toString(36);
  let from = 0;
  try {
    for (let i = 0; !options.signal.aborted; i++) {
      const entity = i % 2 === 0 ? 'contacts' : 'company-events';
      const rows = entity === 'contacts' ? options.contactRows : options.eventRows;
      const file = path.join(dir, `${entity}.csv`);
      fs.writeFileSync(file, entity === 'contacts' ? contactsCsv(options.domains, rows, from, `${tag}-${i}`) : companyEventsCsv(options.domains, rows, new Date(), `${tag}-${i}`));
      if (entity === 'contacts') from = (from + rows) % SOAK_CONTACT_POOL;
      const started = performance.now();
      let run: ImportRun;
      try {
        const { status, body } = await (options.mode === 'http' ? postCsv(options, entity, file) : runCli(options, entity, file));
        run = { entity, rows, seconds: (performance.now() - started) / 1000, status, error: importError(options.mode, status, body, rows) };
      } catch (error) {
        run = { entity, rows, seconds: (performance.now() - started) / 1000, status: 0, error: error instanceof Error ? error.message : String(error) };
      }
      runs.push(run);
      onRun?.(run);
      await pause(options.pauseMs, options.signal);
    }
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
  return runs;
}
