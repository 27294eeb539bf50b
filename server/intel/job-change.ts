/**
 * A job change the page shows (LinkedIn names another employer than the CRM's account), made
 * coherent: the person's next step comes from the change, and the old account's plays are no
 * longer addressed to them. A member of the buying group who left means finding their successor
 * at the old account (naming whom to ask) or confirming with the one who remains; anyone else is
 * a new door: congratulate them at the new company. Either way the step names the new employer,
 * with its account id when it is an account in the CRM.
 *
 * @example
 * jobChangeStep({ contact: ravi, oldAccount: 'Infosys', newCompany: 'Tata Consultancy Services', newAccount: { id: 'acc_tcs', name: 'Tata Consultancy Services' }, accountId: 'acc_infosys' }, cast)
 * // { reason: 'Ravi Kumaran, your champion at Infosys, now works at Tata Consultancy Services (LinkedIn)',
 * //   action: { text: 'Find the new champion at Infosys, …', target: { kind: 'find', … } }, about: { kind: 'find', … },
 * //   newEmployer: { name: 'Tata Consultancy Services', accountId: 'acc_tcs' } }
 */
import type { NextBestAction, Play, PlayTemplate, Signal } from '../../shared/brief.ts';
import { addressPlay, castWithout, holderOf, ROLE_WORDS, someoneToAsk, type Cast } from './address.ts';
import { aboutOf } from './next-action.ts';
import { playFor } from './plays.ts';
import { buyingRoleOf } from './relationship.ts';
import type { IntelSettings } from './settings.ts';
import { jobChangeSignals } from './signals-org.ts';
import { signalsOf } from './signals.ts';

export interface JobChange {
  /** The person on screen, as the CRM has them. */
  contact: { id: string; name: string; title: string | null; buyingRole: string | null };
  accountId: string;
  /** The CRM's account for them. */
  oldAccount: string;
  /** The employer the page shows. */
  newCompany: string;
  /** That employer, when it is an account of the team. */
  newAccount: { id: string; name: string } | null;
}

/** Whether the champion is gone once this person no longer counts. */
const championGoneWithout = (change: JobChange, rest: Cast, championGone: boolean) =>
  championGone || (buyingRoleOf(change.contact.buyingRole) === 'champion' && !holderOf(rest, 'champion'));

/**
 * The account's signals with no play addressed to the person who moved (each is addressed again
 * without them), plus the job change itself (its play is about them).
 */
export function readdressForJobChange(signals: readonly Signal[], change: JobChange, cast: Cast, championGone: boolean, settings: IntelSettings, now: Date): Signal[] {
  const { contact } = change;
  const rest = castWithout(cast, contact.id);
  const gone = championGoneWithout(change, rest, championGone);
  const readdressed = signals.map((s) => {
    if (s.action.target?.kind !== 'contact' || s.action.target.contactId !== contact.id) return s;
    const subject = s.contactId === contact.id ? ({ kind: 'gone', name: contact.name, now: change.newCompany } as const) : null;
    return { ...s, action: addressPlay(playFor(s.kind, settings, { championGone: gone }), rest, subject) };
  });
  const person = { id: contact.id, name: contact.name, title: contact.title, buyingRole: contact.buyingRole, lastTouchAt: null, lastTouchType: null, lastTouchBy: null };
  const drafts = jobChangeSignals({ page: { company: change.newCompany }, focusContactId: contact.id, accountName: change.oldAccount, pastEmployers: [], contacts: [person] }, now);
  return [...readdressed, ...signalsOf(drafts, change.accountId, settings, { cast: rest, people: [person], left: new Set(), championGone: gone })];
}

/** The person's next step from the change. */
export function jobChangeStep(change: JobChange, cast: Cast): NextBestAction {
  const { contact, oldAccount, newCompany, newAccount } = change;
  const rest = castWithout(cast, contact.id);
  const role = buyingRoleOf(contact.buyingRole);
  const newEmployer = { name: newCompany, accountId: newAccount?.id ?? null };
  const door = newAccount ? `, then follow ${contact.name} to ${newAccount.name} (an account in the CRM)` : `, then follow ${contact.name} to ${newCompany}`;
  let action: Play;
  let reason: string;
  if (role && role !== 'blocker') {
    const words = ROLE_WORDS[role];
    reason = `${contact.name}, your ${words} at ${oldAccount}, now works at ${newCompany} (LinkedIn)`;
    const other = holderOf(rest, role);
    if (other) {
      const template: PlayTemplate = { text: `Confirm with {who} that they now carry what ${contact.name} led at ${oldAccount}${door}`, channel: 'call', who: words };
      action = { ...template, text: template.text.replaceAll('{who}', other.name), who: other.name, target: { kind: 'contact', contactId: other.id, name: other.name, role: other.role, title: other.title } };
    } else {
      const ask = someoneToAsk(rest, role);
      const how = `${contact.name} has moved to ${newCompany}: ${ask ? `${ask} who now leads the work at ${oldAccount}, or ` : ''}search LinkedIn for who took over at ${oldAccount}`;
      action = { text: `Find the new ${words} at ${oldAccount}${door}`, channel: ask ? 'call' : 'task', who: `Find the new ${words}`, target: { kind: 'find', role: `new ${words}`, how } };
    }
  } else {
    reason = `${contact.name} now works at ${newCompany}, LinkedIn shows; the CRM has ${oldAccount}`;
    const template: PlayTemplate = {
      text: `Congratulate {who} on the move to ${newCompany} and ask what they work on there${newAccount ? ` (${newAccount.name} is an account in the CRM)` : ''}`,
      channel: 'linkedin',
      who: 'Contact',
    };
    action = addressPlay(template, rest, { kind: 'contact', id: contact.id, name: contact.name, title: contact.title, role });
  }
  return { reason, action, about: aboutOf(action, contact.id, oldAccount), newEmployer };
}
