/**
 * The demo team's API tokens: random per install, and the file in DATA_DIR that keeps them. DEMO ONLY.
 *
 * Why a file: `npm start` prints the rep, manager and admin tokens on every start, so a person who
 * pasted the rep token into the extension keeps a working connection across restarts. The database
 * keeps only their sha256, as for every token; the plaintext lives in `DATA_DIR/demo-tokens.json`,
 * created with mode 0600 (readable by its owner alone, the same person who can read the database),
 * never chmod-ed afterwards, so there is no moment when it is readable by others. The tokens used to
 * be derived from the seed committed in the repository, which made every install accept the same
 * admin token (migration 0008 revokes those).
 *
 * @example
 * const tokens = randomDemoTokens();             // { rep: 'shk_…', manager: 'shk_…', admin: 'shk_…' }
 * writeDemoTokenFile(dataDir, tokens);
 * readDemoTokenFile(dataDir)?.tokens.rep;        // the same 'shk_…'
 */
import fs from 'node:fs';
import path from 'node:path';
import { z } from 'zod';
import { generateToken, looksLikeToken } from '../auth/tokens.ts';

export type DemoRole = 'admin' | 'manager' | 'rep';
export const DEMO_ROLES: readonly DemoRole[] = ['rep', 'manager', 'admin'];
export type DemoTokens = Record<DemoRole, string>;

export const DEMO_TOKEN_FILE = 'demo-tokens.json';
export const DEMO_TOKEN_LABEL = 'demo (random for this install; revoke before exposing this server: npm run admin -- revoke-demo-tokens)';

/** Fresh tokens from the operating system's random source, one per role. */
export function randomDemoTokens(): DemoTokens {
  return { rep: generateToken(), manager: generateToken(), admin: generateToken() };
}

export const demoTokenFilePath = (dataDir: string) => path.join(dataDir, DEMO_TOKEN_FILE);

const Token = z.string().refine(looksLikeToken, 'not a token');
const TokenFile = z.object({ rep: Token, manager: Token, admin: Token });

/**
 * Writes the tokens to a new file created 0600, then renames it into place: a reader sees the old
 * file or the new one, never half of one, and never a moment of wider permissions.
 */
export function writeDemoTokenFile(dataDir: string, tokens: DemoTokens): string {
  fs.mkdirSync(dataDir, { recursive: true });
  const target = demoTokenFilePath(dataDir);
  const temporary = `${target}.${process.pid}.tmp`;
  fs.rmSync(temporary, { force: true });
  const note = 'The demo team\'s tokens for this install, printed by npm start. Revoke them with: npm run admin -- revoke-demo-tokens';
  const fd = fs.openSync(temporary, 'wx', 0o600);
  try {
    fs.writeFileSync(fd, `${JSON.stringify({ note, ...tokens }, null, 2)}\n`);
    fs.fsyncSync(fd);
  } finally {
    fs.closeSync(fd);
  }
  fs.renameSync(temporary, target);
  return target;
}

export interface DemoTokenFile {
  tokens: DemoTokens;
  path: string;
  /** The file's permission bits when others than its owner may read or write it (copied, restored from a backup): worth a warning. */
  looseMode: number | null;
}

/** The tokens on file, or null when there is no file (or it is not one of ours). */
export function readDemoTokenFile(dataDir: string): DemoTokenFile | null {
  const file = demoTokenFilePath(dataDir);
  let text: string;
  try {
    text = fs.readFileSync(file, 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return null;
    throw error;
  }
  let parsed;
  try {
    parsed = TokenFile.safeParse(JSON.parse(text));
  } catch {
    return null;
  }
  if (!parsed.success) return null;
  const mode = fs.statSync(file).mode & 0o777;
  return { tokens: parsed.data, path: file, looseMode: mode & 0o077 ? mode : null };
}

export function removeDemoTokenFile(dataDir: string): void {
  fs.rmSync(demoTokenFilePath(dataDir), { force: true });
}
