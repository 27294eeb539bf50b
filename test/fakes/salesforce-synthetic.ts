/**
 * Generated Salesforce tables for the fake (`synthetic` in ./salesforce.ts): Accounts and
 * Contacts computed from their index, deterministically and on demand, so `bench:crm` can serve
 * 100k accounts and 1M contacts without holding 1M objects. Record k's `SystemModstamp` grows
 * with k (spread evenly over `[from, until)`) and so does its Id, so a `SystemModstamp` window is
 * a range of indexes found by binary search, already in the `ORDER BY SystemModstamp, Id` order.
 *
 * @example
 * const tables = syntheticOrg({ accounts: 100_000, contacts: 1_000_000, from, until });
 * tables.Contact.at(0) // { Id: '003SYN000000000000', FirstName: 'Ada', …, AccountId: '001SYN…' }
 */
/** A generated record: the fake's SfRecord shape (not imported: the fake imports this file). */
type SfRecord = Record<string, unknown> & { Id: string; SystemModstamp: string; IsDeleted: boolean };

export interface SyntheticTable {
  count: number;
  /** Record k (0 ≤ k < count). */
  at(k: number): SfRecord;
  /** The first index whose SystemModstamp is at or after `ms` (count when none). */
  firstAtOrAfter(ms: number): number;
  /** The index of a generated Id, or -1. */
  indexOf(id: string): number;
}

const FIRST = ['Ada', 'Grace', 'Alan', 'Edsger', 'Barbara', 'Donald', 'Frances', 'John', 'Radia', 'Ken', 'Margaret', 'Tony'];
const LAST = ['Lovelace', 'Hopper', 'Turing', 'Dijkstra', 'Liskov', 'Knuth', 'Allen', 'Backus', 'Perlman', 'Thompson', 'Hamilton', 'Hoare'];
const TITLES = ['VP Sales', 'Head of Revenue Operations', 'CTO', 'Director of Engineering', 'Procurement Lead', 'CFO', 'Account Executive'];

function table(prefix: string, count: number, from: number, until: number, fields: (k: number) => Record<string, unknown>): SyntheticTable {
  const span = Math.max(1, until - from);
  // Whole seconds: SOQL's literals are to the second, as the real SystemModstamp's precision is.
  const stamp = (k: number) => Math.floor((from + Math.floor((k * span) / Math.max(1, count))) / 1000) * 1000;
  const id = (k: number) => `${prefix}SYN${String(k).padStart(12, '0')}`;
  return {
    count,
    at(k) {
      const at = new Date(stamp(k)).toISOString().replace('Z', '+0000');
      return { Id: id(k), IsDeleted: false, CreatedDate: at, LastModifiedDate: at, SystemModstamp: at, ...fields(k) } as SfRecord;
    },
    firstAtOrAfter(ms) {
      let lo = 0;
      let hi = count;
      while (lo < hi) {
        const mid = (lo + hi) >>> 1;
        if (stamp(mid) < ms) lo = mid + 1;
        else hi = mid;
      }
      return lo;
    },
    indexOf(value) {
      if (!value.startsWith(`${prefix}SYN`)) return -1;
      const k = Number(value.slice(6));
      return Number.isInteger(k) && k >= 0 && k < count && id(k) === value ? k : -1;
    },
  };
}

/** An org of `accounts` Accounts and `contacts` Contacts (each on account k mod accounts), modified between `from` and `until`. */
export function syntheticOrg(options: { accounts: number; contacts: number; from: Date; until: Date }): Record<string, SyntheticTable> {
  const from = options.from.getTime();
  const until = options.until.getTime();
  const Account = table('001', options.accounts, from, until, (k) => ({
    Name: `Synthetic Company ${k}`,
    Website: `https://www.company${k}.example`,
    NumberOfEmployees: 10 + ((k * 37) % 5000),
    AnnualRevenue: 100_000 + ((k * 7919) % 50_000_000),
    OwnerId: null,
  }));
  const Contact = table('003', options.contacts, from, until, (k) => {
    const first = FIRST[k % FIRST.length]!;
    const last = LAST[Math.floor(k / FIRST.length) % LAST.length]!;
    const account = k % Math.max(1, options.accounts);
    return {
      FirstName: first,
      LastName: `${last} ${k}`,
      Email: `${first}.${last}.${k}@company${account}.example`.toLowerCase(),
      Title: TITLES[k % TITLES.length],
      AccountId: Account.at(account).Id,
      OwnerId: null,
    };
  });
  return { Account, Contact };
}
