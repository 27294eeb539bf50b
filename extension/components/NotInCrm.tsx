/**
 * The not-in-CRM state: nobody matched this page, but these CRM people might be the same person.
 */
import type { Suggestion } from '../../shared/match.ts';
import { SearchForm } from './SearchForm.tsx';
import { SuggestionList } from './SuggestionList.tsx';

export interface NotInCrmProps {
  /** The name on the page, as the page shows it (rendered as text). */
  pageName?: string | undefined;
  pageCompany?: string | undefined;
  suggestions: Suggestion[];
  /** "This is them": the caller records an alias so the team's next visit matches directly. */
  onPick: (suggestion: Suggestion) => void;
  /** Search the CRM by hand; results come back through `suggestions`. */
  onSearch?: (query: string) => void;
  pickedContactId?: string | undefined;
}

/**
 * @example
 * <NotInCrm pageName="Jane Doe" suggestions={resolution.suggestions} onPick={aliasTo} />
 */
export function NotInCrm({ pageName, pageCompany, suggestions, onPick, onSearch, pickedContactId }: NotInCrmProps) {
  return (
    <div className="flex flex-col gap-[6px]" data-state="not-in-crm">
      <p className="m-0 font-semibold text-slate-900">Not in CRM</p>
      <p className="m-0 text-slate-600">
        {pageName ? `No CRM contact matches ${pageName}${pageCompany ? ` at ${pageCompany}` : ''}.` : 'No CRM contact matches this profile.'}
      </p>
      {suggestions.length > 0 ? (
        <>
          <p className="m-0 text-slate-700">Could it be one of these?</p>
          <SuggestionList suggestions={suggestions} onPick={onPick} pickedContactId={pickedContactId} />
        </>
      ) : (
        <p className="m-0 text-slate-500">No likely matches.</p>
      )}
      {onSearch ? <SearchForm initialQuery={pageName ?? ''} onSearch={onSearch} /> : null}
    </div>
  );
}
