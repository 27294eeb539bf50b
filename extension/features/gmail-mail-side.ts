/**
 * The rep's side of Gmail for the thread panel and the compose card: the rep's own addresses (the
 * connected user's, and the Gmail account's in the title), the team's domain, the never-log list
 * (the admin's and the rep's own) and whether bodies may be logged. Asked before the page is read,
 * so a listed address is dropped before any ref is made.
 */
import { sendMessage } from '../core/messaging.ts';
import { accountAddressFromTitle } from '../sites/gmail/account.ts';
import { teamDomainsOf, type MailSide } from '../sites/gmail/thread-subject.ts';

export async function mailSide(): Promise<MailSide & { bodies: boolean }> {
  const [connection, policy] = await Promise.all([sendMessage('getConnection').catch(() => null), sendMessage('getMailPolicy').catch(() => null)]);
  const email = connection?.ok ? connection.value.user?.email : undefined;
  const account = accountAddressFromTitle(document.title);
  const ownAddresses = [email, account].filter((a): a is string => Boolean(a));
  const teamDomains = teamDomainsOf(email);
  return { ownAddresses, teamDomains, neverLog: policy?.ok ? policy.value.neverLog : [], bodies: policy?.ok ? policy.value.bodies : false };
}
