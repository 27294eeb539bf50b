/** People from addresses: who is on the rep's side, who is external, and internal-only threads and events. */
import { describe, expect, it } from 'vitest';
import {
  externalPeople,
  isAtDomains,
  isInternalOnly,
  parseAddressList,
  personOf,
  toEmailRefs,
  uniquePeople,
} from '../../../../../extension/sites/common/participants.ts';
import { EmailRef } from '../../../../../shared/refs.ts';

const SIDE = { ownAddresses: ['Casey.Morgan@northwind.example', 'casey@personal.example'], teamDomains: ['northwind.example', '@northwind-sales.example'] };

describe('a person from what the page shows', () => {
  it('normalises the address and keeps a real display name', () => {
    expect(personOf('Jane.Doe@ACME.com', '  Jane   Doe ')).toEqual({ address: 'jane.doe@acme.com', name: 'Jane Doe' });
  });

  it('drops names that are not names: empty, the address again, and Gmail\'s "me"', () => {
    expect(personOf('jane@acme.com', '')).toEqual({ address: 'jane@acme.com' });
    expect(personOf('jane@acme.com', 'Jane@Acme.com')).toEqual({ address: 'jane@acme.com' });
    expect(personOf('casey@northwind.example', 'me')).toEqual({ address: 'casey@northwind.example' });
  });

  it('refuses what is not an address, and lookalikes with invisible characters', () => {
    expect(personOf('Sales team')).toBeUndefined();
    expect(personOf('ja\u200bne@acme.com')).toBeUndefined();
    expect(personOf(null)).toBeUndefined();
  });
});

describe("the team's side and the external people", () => {
  it('matches team domains and their subdomains, never a longer name ending the same', () => {
    expect(isAtDomains('ana@northwind.example', SIDE.teamDomains)).toBe(true);
    expect(isAtDomains('ana@eu.northwind.example', SIDE.teamDomains)).toBe(true);
    expect(isAtDomains('ana@northwind-sales.example', SIDE.teamDomains)).toBe(true);
    expect(isAtDomains('ana@notnorthwind.example', SIDE.teamDomains)).toBe(false);
  });

  it("leaves out the rep's aliases and teammates, keeps each external person once with their best name", () => {
    const people = [
      { address: 'casey@personal.example' },
      { address: 'jane@acme.com' },
      { address: 'ana@northwind.example', name: 'Ana' },
      { address: 'jane@acme.com', name: 'Jane Doe' },
      { address: 'bob@globex.example', name: 'Bob' },
    ];
    expect(externalPeople(people, SIDE)).toEqual([{ address: 'jane@acme.com', name: 'Jane Doe' }, { address: 'bob@globex.example', name: 'Bob' }]);
  });

  it('keeps the first name seen when two differ', () => {
    expect(uniquePeople([{ address: 'a@x.example', name: 'A' }, { address: 'a@x.example', name: 'B' }])).toEqual([{ address: 'a@x.example', name: 'A' }]);
  });
});

describe('internal-only', () => {
  it('is internal-only when everyone is at the team domains or the rep', () => {
    expect(isInternalOnly([{ address: 'ana@northwind.example' }, { address: 'bo@eu.northwind.example' }], SIDE.teamDomains)).toBe(true);
    expect(isInternalOnly([{ address: 'casey@personal.example' }, { address: 'ana@northwind.example' }], SIDE.teamDomains, SIDE.ownAddresses)).toBe(true);
  });

  it('is not internal-only with one outsider, or with nobody known yet', () => {
    expect(isInternalOnly([{ address: 'ana@northwind.example' }, { address: 'jane@acme.com' }], SIDE.teamDomains)).toBe(false);
    expect(isInternalOnly([], SIDE.teamDomains)).toBe(false);
  });
});

describe('address lists as headers write them', () => {
  it('keeps commas and quotes inside display names', () => {
    expect(parseAddressList('"Doe, Jane" <Jane@Acme.com>, Bob <bob@globex.example>; carl@initech.example, "Ana \\"AJ\\" Ruiz" <aj@acme.com>')).toEqual([
      { address: 'jane@acme.com', name: 'Doe, Jane' },
      { address: 'bob@globex.example', name: 'Bob' },
      { address: 'carl@initech.example' },
      { address: 'aj@acme.com', name: 'Ana "AJ" Ruiz' },
    ]);
  });

  it('skips parts that are not addresses', () => {
    expect(parseAddressList('undisclosed-recipients:;, , <>')).toEqual([]);
  });
});

describe('the email refs sent to resolve people', () => {
  it('are addresses and names only, once each, clipped to what the server accepts', () => {
    const refs = toEmailRefs([{ address: 'jane@acme.com', name: 'J'.repeat(199) + '😀' }, { address: 'jane@acme.com' }, { address: 'bob@acme.com' }]);
    expect(refs).toEqual([{ kind: 'email', address: 'jane@acme.com', name: 'J'.repeat(199) }, { kind: 'email', address: 'bob@acme.com' }]);
    for (const ref of refs) expect(EmailRef.parse(ref)).toEqual(ref);
    expect(toEmailRefs([{ address: 'a@x.example' }, { address: 'b@x.example' }], 1)).toHaveLength(1);
  });
});
