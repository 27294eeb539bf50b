/**
 * Searching the CRM by hand for the right person, under "Not in CRM" and "Wrong match?": the form
 * (pre-filled with the page's name), what the last search found, and where the pick stands.
 */
import { SearchForm } from './SearchForm.tsx';
import { SendStatus, type SendState } from './SendStatus.tsx';
import { SuggestionList, type Candidate } from './SuggestionList.tsx';

export interface CrmSearchProps {
  pageName?: string | undefined;
  /** What the last search found, without those already listed above it (undefined: no search yet). */
  found?: Candidate[] | undefined;
  onSearch?: ((query: string) => void) | undefined;
  onPick: (candidate: Candidate) => void;
  pickedContactId?: string | undefined;
  status?: SendState | undefined;
}

/**
 * @example
 * <CrmSearch pageName="Jane Doe" found={results} onSearch={search} onPick={aliasTo} status={status} />
 */
export function CrmSearch({ pageName, found, onSearch, onPick, pickedContactId, status }: CrmSearchProps) {
  return (
    <>
      {onSearch ? <SearchForm initialQuery={pageName ?? ''} onSearch={onSearch} /> : null}
      {found ? (
        found.length > 0 ? (
          <SuggestionList suggestions={found} onPick={onPick} pickedContactId={pickedContactId} label="Search results" />
        ) : (
          <p className="m-0 text-slate-500 dark:text-slate-400">No CRM contact found.</p>
        )
      ) : null}
      <SendStatus state={status} />
    </>
  );
}
