/**
 * What the changes follow forgot (changes.ts: erased people, CRM-deleted accounts and deals) goes
 * from every other copy of server answers this device keeps in memory too: the worker's "what
 * changed" copies, join pages' packages and a profile's early answer (each may name them), and
 * open tabs' panels (told through the forget broadcast). They are dropped whole: tombstones are
 * rare, and a copy's next answer comes from the server, which no longer has them.
 *
 * @example createChangesFollower({ …, onForgotten: (f) => dropCopies(f, [sinceCopies, joinPackages, earlyServer], forgetRecent) })
 */
import type { Forgotten } from './changes.ts';

/** Returns whether anything was dropped (nothing is, for a page that listed nothing). */
export function dropCopies(forgotten: Forgotten, copies: readonly { clear(): void }[], tellTabs: () => void): boolean {
  if (forgotten.contactIds.length + forgotten.accountIds.length + forgotten.dealIds.length === 0) return false;
  for (const copy of copies) copy.clear();
  tellTabs();
  return true;
}
