/**
 * Why this record matched the page and how sure we are: "LinkedIn URL in CRM · high confidence".
 * A name-and-company match, or any weak one, asks the rep to confirm before anyone trusts it.
 */
import type { Match } from '../../shared/match.ts';
import { BUTTON } from './buttons.ts';
import { CONFIRM_BELOW, confidenceWord } from './format.ts';

/** Whether a match should be confirmed by the rep before it is trusted. */
export function needsConfirmation(match: Match): boolean {
  return match.method === 'name_company' || match.confidence < CONFIRM_BELOW;
}

export interface MatchLineProps {
  match: Match;
  /** The rep says the match is right; the caller records an alias. */
  onConfirm?: () => void;
}

/**
 * @example
 * <MatchLine match={{ method: 'linkedin_url', confidence: 1, explanation: 'LinkedIn URL in CRM' }} />
 */
export function MatchLine({ match, onConfirm }: MatchLineProps) {
  const word = confidenceWord(match.confidence);
  const confirm = needsConfirmation(match);
  return (
    <p className="m-0 text-[12px] leading-[16px] text-slate-600 dark:text-slate-300" data-match-method={match.method}>
      <span className="text-slate-500 dark:text-slate-400">Matched: </span>
      {match.explanation}
      <span>{` · ${word} confidence (${Math.round(match.confidence * 100)}%)`}</span>
      {confirm ? (
        <>
          <span className="ml-[4px] font-semibold text-amber-800 dark:text-amber-200">confirm?</span>
          {onConfirm ? (
            <button
              type="button"
              onClick={onConfirm}
              className={`ml-[6px] ${BUTTON}`}
            >
              Yes, that’s them
            </button>
          ) : null}
        </>
      ) : null}
    </p>
  );
}
