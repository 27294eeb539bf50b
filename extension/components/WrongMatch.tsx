/**
 * "Wrong match?": the rep says the panel shows the wrong person and picks the right one from the
 * suggestions or a search; the caller turns the pick into an alias for the team.
 */
import type { Suggestion } from '../../shared/match.ts';
import { BUTTON } from './buttons.ts';
import { useDisclosure } from './disclosure.ts';
import { SearchForm } from './SearchForm.tsx';
import { SuggestionList } from './SuggestionList.tsx';

export interface WrongMatchProps {
  /** Suggestions other than the current match. */
  suggestions: Suggestion[];
  /** The contact the panel shows now; left out of the list. */
  currentContactId?: string | undefined;
  onPick: (suggestion: Suggestion) => void;
  onSearch?: (query: string) => void;
  /** Pre-fills the search with the page's name. */
  pageName?: string | undefined;
  pickedContactId?: string | undefined;
}

/**
 * @example
 * <WrongMatch suggestions={brief.suggestions} currentContactId={brief.contact?.id} onPick={aliasTo} onSearch={search} />
 */
export function WrongMatch({ suggestions, currentContactId, onPick, onSearch, pageName, pickedContactId }: WrongMatchProps) {
  const { open, buttonProps, regionProps } = useDisclosure(false);
  const others = suggestions.filter((s) => s.contactId !== currentContactId);
  return (
    <div data-control="wrong-match">
      <button {...buttonProps} className={BUTTON}>
        {open ? 'Close' : 'Wrong match?'}
      </button>
      <div {...regionProps} className="mt-[6px] flex flex-col gap-[6px]">
        {others.length > 0 ? (
          <>
            <p className="m-0 text-slate-700">Who is it instead?</p>
            <SuggestionList suggestions={others} onPick={onPick} pickedContactId={pickedContactId} />
          </>
        ) : (
          <p className="m-0 text-slate-500">No other likely matches{onSearch ? '; search the CRM:' : '.'}</p>
        )}
        {onSearch ? <SearchForm initialQuery={pageName ?? ''} onSearch={onSearch} /> : null}
      </div>
    </div>
  );
}
