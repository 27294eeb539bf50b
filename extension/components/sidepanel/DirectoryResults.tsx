/**
 * What a directory search found: contacts, then accounts, each a button that opens its brief.
 */
import type { BriefRef } from '../../../shared/brief.ts';
import type { DirectorySearch } from '../../../shared/directory.ts';
import { humanize } from '../format.ts';
import { ListButton, ListGroup } from './ListGroup.tsx';

export interface DirectoryResultsProps {
  results: DirectorySearch;
  /** `label` names what is being opened while its brief loads. */
  onOpen: (ref: BriefRef, label: string) => void;
}

/**
 * @example
 * <DirectoryResults results={found} onOpen={(ref, label) => openBrief(ref, label)} />
 */
export function DirectoryResults({ results, onOpen }: DirectoryResultsProps) {
  const { contacts, accounts } = results;
  if (contacts.length === 0 && accounts.length === 0) {
    return <p className="m-0 text-slate-500 dark:text-slate-400" role="status">No accounts or contacts match.</p>;
  }
  return (
    <div className="flex flex-col gap-[8px]" data-list="search-results">
      {contacts.length > 0 ? (
        <ListGroup title="Contacts" count={contacts.length}>
          {contacts.map((c) => (
            <li key={c.id}>
              <ListButton title={c.name} detail={[c.title, c.accountName].filter(Boolean).join(' at ')} onClick={() => onOpen({ contactId: c.id }, c.name)} />
            </li>
          ))}
        </ListGroup>
      ) : null}
      {accounts.length > 0 ? (
        <ListGroup title="Accounts" count={accounts.length}>
          {accounts.map((a) => (
            <li key={a.id}>
              <ListButton
                title={a.name}
                detail={[a.domains[0], a.tier ? `Tier ${a.tier}` : null, humanize(a.stage)].filter(Boolean).join(' · ')}
                onClick={() => onOpen({ accountId: a.id }, a.name)}
              />
            </li>
          ))}
        </ListGroup>
      ) : null}
    </div>
  );
}
