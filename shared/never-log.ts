/**
 * The never-log list's one rule (issue 12), shared by the extension (which never sends a listed
 * address, not even to resolve) and the server (whose ledger refuses activities about one). No zod
 * here: the Gmail panel bundle imports it.
 */

/**
 * Whether `address` is on a never-log list: an exact address, or at a listed domain or one of its
 * subdomains (`ana@eu.family.example` is at `family.example`; `ana@notfamily.example` is not).
 *
 * @example onNeverLogList('mum@home.example', ['home.example']) // true
 */
export function onNeverLogList(address: string, neverLog: readonly string[]): boolean {
  const lower = address.trim().toLowerCase();
  const host = lower.slice(lower.lastIndexOf('@') + 1);
  return neverLog.some((raw) => {
    const entry = raw.trim().toLowerCase();
    if (entry.includes('@') && !entry.startsWith('@')) return entry === lower;
    const domain = entry.replace(/^@/, '');
    return host === domain || host.endsWith(`.${domain}`);
  });
}
