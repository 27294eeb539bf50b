/** The signed-in account's address from Gmail's page title. */
import { describe, expect, it } from 'vitest';
import { accountAddressFromTitle } from '../../../../../extension/sites/gmail/account.ts';

describe("the account's address in the title", () => {
  it('is read from consumer and Workspace titles, the last address when a subject holds one too', () => {
    expect(accountAddressFromTitle('Inbox (3) - Alice@Example.com - Gmail')).toBe('alice@example.com');
    expect(accountAddressFromTitle('Pricing for 2027 - casey.morgan@northwind.example - Northwind Mail')).toBe('casey.morgan@northwind.example');
    expect(accountAddressFromTitle('Intro - jane@acme.example - casey@northwind.example - Gmail')).toBe('casey@northwind.example');
  });

  it('is nothing when the title shows no address', () => {
    expect(accountAddressFromTitle('Gmail')).toBeUndefined();
    expect(accountAddressFromTitle('jane@acme.example')).toBeUndefined();
  });
});
