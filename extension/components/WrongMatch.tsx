/**
 * "Wrong match?": the rep says the panel shows the wrong person and picks the right one from the
 * suggestions or a search; the caller turns the pick into an alias for the team.
 */
import type { Suggestion } from '../../shared/match.ts';
import { BUTTON } from './buttons.ts';
import { useDisclosure } from './disclosure.ts';
import { CrmSearch } from './CrmSearch.tsx';
import type { SendState } from './SendStatus.tsx';
import { SuggestionList, type Candidate } from './SuggestionList.tsx';

export interface WrongMatchProps {
  /** Suggestions other than the current match. */
  suggestions: Suggestion[];
  /** What the rep's last search found (undefined: no search yet). */
  searchResults?: Candidate[] | undefined;
  /** The contact the panel shows now; left out of the list. */
  currentContactId?: string | undefined;
  onPick: (candidate: Candidate) => void;
  onSearch?: ((query: string) => void) | undefined;
  /** Pre-fills the search with the page's name. */
  pageName?: string | undefined;
  pickedContactId?: string | undefined;
  /** Where the last pick stands (saving the alias, or why it failed). */
  status?: SendState | undefined;
}

/**
 * @example
 * <WrongMatch suggestions={brief.suggestions} currentContactId={brief.contact?.id} onPick={aliasTo} onSearch={search} />
 */
export function WrongMatch({ suggestions, searchResults, currentContactId, onPick, onSearch, pageName, pickedContactId, status }: WrongMatchProps) {
  const { open, buttonProps, regionProps } = useDisclosure(false);
  const others = suggestions.filter((s) => s.contactId !== currentContactId);
  const found = searchResults?.filter((s) => s.contactId !== currentContactId && !others.some((o) => o.contactId === s.contactId));
  return (
    <div data-control="wrong-match">
      <button {...buttonProps} className={BUTTON}>
        {open ? 'Close' : 'Wrong match?'}
      </button>
      {/* Its content only while open: a closed region costs the panel's first paint nothing. */}
      <div {...regionProps} className="mt-[6px] flex flex-col gap-[6px]">
        {open ? (
          <>
        {others.length > 0 ? (
          <>
            <p className="m-0 text-slate-700 dark:text-slate-300">Who is it instead?</p>
            <SuggestionList suggestions={others} onPick={onPick} pickedContactId={pickedContactId} />
          </>
        ) : (
          <p className="m-0 text-slate-500 dark:text-slate-400">No other likely matches{onSearch ? '; search the CRM:' : '.'}</p>
        )}
        <CrmSearch pageName={pageName} found={found} onSearch={onSearch} onPick={onPick} pickedContactId={pickedContactId} status={status} />
          </>
        ) : null}
      </div>
    </div>
  );
}
