/**
 * The signed-in account's address, as Gmail's page title shows it: "Inbox (3) - casey@acme.com - Gmail"
 * (mailvelope `gmailIntegration.js`, host-pages.md §2c); Workspace accounts end in "<Org> Mail".
 * One of the rep's own addresses, for the never-external list, when the rep configured none.
 */
import { personOf } from '../common/participants.ts';

/** The address among the title's " - " parts, normalised; `undefined` when the title shows none. */
export function accountAddressFromTitle(title: string): string | undefined {
  const parts = title.split(/\s+[-–]\s+/);
  for (const part of parts.slice(1).reverse()) {
    const person = /^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(part.trim()) ? personOf(part.trim()) : undefined;
    if (person) return person.address;
  }
  return undefined;
}
