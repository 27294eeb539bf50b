/**
 * The not-in-CRM state: nobody matched this page, but these CRM people might be the same person.
 * When the page's company is a CRM account, "Add as contact" adds the person there (the server
 * records the page, the rep and the time as its provenance) and the panel shows their brief.
 */
import type { Suggestion } from '../../shared/match.ts';
import { CrmSearch } from './CrmSearch.tsx';
import { PRIMARY_BUTTON } from './buttons.ts';
import { SendStatus, type SendState } from './SendStatus.tsx';
import { SuggestionList, type Candidate } from './SuggestionList.tsx';

export interface NotInCrmProps {
  /** The name on the page, as the page shows it (rendered as text). */
  pageName?: string | undefined;
  pageCompany?: string | undefined;
  suggestions: Suggestion[];
  /** What the rep's last search found (undefined: no search yet). */
  searchResults?: Candidate[] | undefined;
  /** "This is them": the caller records an alias so the team's next visit matches directly. */
  onPick: (candidate: Candidate) => void;
  /** Search the CRM by hand; results come back through `searchResults`. */
  onSearch?: ((query: string) => void) | undefined;
  pickedContactId?: string | undefined;
  /** Where the last pick stands (saving the alias, or why it failed). */
  status?: SendState | undefined;
  /** The CRM account the page's company is, to add the person to; absent: none found. */
  addTo?: { accountName: string; status?: SendState | undefined } | undefined;
  onAddContact?: (() => void) | undefined;
}

/**
 * @example
 * <NotInCrm pageName="Jane Doe" suggestions={resolution.suggestions} onPick={aliasTo} />
 */
export function NotInCrm({ pageName, pageCompany, suggestions, searchResults, onPick, onSearch, pickedContactId, status, addTo, onAddContact }: NotInCrmProps) {
  const found = searchResults?.filter((s) => !suggestions.some((o) => o.contactId === s.contactId));
  return (
    <div className="flex flex-col gap-[6px]" data-state="not-in-crm">
      <p className="m-0 font-semibold text-slate-900 dark:text-slate-100">Not in CRM</p>
      <p className="m-0 text-slate-600 dark:text-slate-300">
        {pageName ? `No CRM contact matches ${pageName}${pageCompany ? ` at ${pageCompany}` : ''}.` : 'No CRM contact matches this profile.'}
      </p>
      {addTo && onAddContact && pageName ? (
        <div className="flex flex-col items-start gap-[4px] rounded-[6px] bg-sky-50 dark:bg-sky-950 p-[8px]" data-add-contact="">
          <p className="m-0 text-slate-700 dark:text-slate-300">{`${addTo.accountName} is an account in the CRM.`}</p>
          <button type="button" className={PRIMARY_BUTTON} disabled={addTo.status?.status === 'sending'} onClick={onAddContact}>
            {`Add ${pageName} as contact`}
          </button>
          <SendStatus state={addTo.status} sentText="Added" />
        </div>
      ) : null}
      {suggestions.length > 0 ? (
        <>
          <p className="m-0 text-slate-700 dark:text-slate-300">Could it be one of these?</p>
          <SuggestionList suggestions={suggestions} onPick={onPick} pickedContactId={pickedContactId} />
        </>
      ) : (
        <p className="m-0 text-slate-500 dark:text-slate-400">No likely matches.</p>
      )}
      <CrmSearch pageName={pageName} found={found} onSearch={onSearch} onPick={onPick} pickedContactId={pickedContactId} status={status} />
    </div>
  );
}
