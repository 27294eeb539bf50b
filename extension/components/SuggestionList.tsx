/**
 * CRM people who might be the person on the page, each with why and how sure, and a "This is them" button.
 * Used by the not-in-CRM state and the wrong-match correction.
 */
import { BUTTON } from './buttons.ts';
import { confidenceWord } from './format.ts';

/** A CRM person who may be the one on the page: a server suggestion (with how sure) or a search hit. */
export interface Candidate {
  contactId: string;
  name: string;
  title?: string | undefined;
  accountName?: string | undefined;
  explanation?: string | undefined;
  /** 0..1; absent for a search hit, which says nothing about how likely it is. */
  confidence?: number | undefined;
}

export interface SuggestionListProps {
  suggestions: Candidate[];
  /** The rep picks a suggestion; the caller records an alias for the team. */
  onPick: (suggestion: Candidate) => void;
  /** Names the list for assistive technology. */
  label?: string;
  /** Suggestions already picked or being saved show disabled. */
  pickedContactId?: string | undefined;
}

/**
 * @example
 * <SuggestionList suggestions={brief.suggestions} onPick={(s) => saveAlias(s.contactId)} />
 */
export function SuggestionList({ suggestions, onPick, pickedContactId, label = 'Suggestions' }: SuggestionListProps) {
  return (
    <ul className="m-0 flex list-none flex-col gap-[6px] p-0" aria-label={label}>
      {suggestions.map((s) => (
        <li key={s.contactId} className="flex items-start gap-[8px]">
          <div className="min-w-0 flex-1">
            <p className="m-0 font-semibold">{s.name}</p>
            <p className="m-0 text-slate-600 dark:text-slate-300">{[s.title, s.accountName].filter(Boolean).join(' at ')}</p>
            {s.explanation || s.confidence !== undefined ? (
              <p className="m-0 text-[11px] text-slate-500 dark:text-slate-400">
                {[s.explanation, s.confidence !== undefined ? `${confidenceWord(s.confidence)} confidence (${Math.round(s.confidence * 100)}%)` : '']
                  .filter(Boolean)
                  .join(' · ')}
              </p>
            ) : null}
          </div>
          <button
            type="button"
            className={BUTTON}
            disabled={pickedContactId === s.contactId}
            onClick={() => onPick(s)}
            aria-label={`This is them: ${s.name}`}
          >
            This is them
          </button>
        </li>
      ))}
    </ul>
  );
}
