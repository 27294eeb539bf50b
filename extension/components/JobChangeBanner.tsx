/**
 * The job-change banner: the page says the person now works somewhere other than the CRM's account.
 * It decides by the server's job-change rule (shared/company.ts): company names compare without
 * case, punctuation or legal suffixes ("Acme, Inc." is "ACME", "Acme Robotics" is Acme), and a page
 * naming one of the person's recorded past employers is the page lagging, not a change.
 */
import { showsJobChange } from '../../shared/company.ts';
import { BUTTON } from './buttons.ts';
import { SendStatus, type SendState } from './SendStatus.tsx';

/**
 * Whether the page's company means a job change; false when either company is unknown.
 *
 * @example
 * isJobChange('Beta GmbH', 'Acme, Inc.')            // true
 * isJobChange('ACME', 'Acme, Inc.')                 // false
 * isJobChange('Initech', 'Acme', ['Initech'])       // false: a past employer
 */
export const isJobChange = (pageCompany: string | null | undefined, crmCompany: string | null | undefined, pastEmployers: readonly string[] = []): boolean =>
  showsJobChange(pageCompany, crmCompany, pastEmployers);

export interface JobChangeBannerProps {
  /** Current company as the host page shows it. */
  pageCompany: string | null | undefined;
  /** The CRM account's name for this contact. */
  crmCompany: string | null | undefined;
  /** The companies the CRM records the person at before: a page naming one lags, it is no change. */
  pastEmployers?: readonly string[] | undefined;
  /** Look the new company up (it may be an account already). */
  onFindNewAccount?: (pageCompany: string) => void;
  /** Send the change to the review queue so the CRM gets updated. */
  onFlagChange?: ((pageCompany: string) => void) | undefined;
  /** Where the flag sent from this banner stands. */
  flagStatus?: SendState | undefined;
  onDismiss?: () => void;
  /** The next step below already says what follows from the change: leave out the general line. */
  stepFollows?: boolean;
}

/**
 * @example
 * <JobChangeBanner pageCompany="Beta" crmCompany="Acme, Inc." onFindNewAccount={search} />
 */
export function JobChangeBanner({ pageCompany, crmCompany, pastEmployers, onFindNewAccount, onFlagChange, flagStatus, onDismiss, stepFollows = false }: JobChangeBannerProps) {
  if (!isJobChange(pageCompany, crmCompany, pastEmployers) || !pageCompany || !crmCompany) return null;
  const page = pageCompany.trim();
  return (
    <div role="status" className="rounded-[6px] border border-amber-300 dark:border-amber-700 bg-amber-50 dark:bg-amber-950 p-[8px] text-amber-950 dark:text-amber-100" data-banner="job-change">
      <p className="m-0 font-semibold">{`Now at ${page} — CRM says ${crmCompany.trim()}.`}</p>
      {stepFollows ? null : <p className="m-0">A champion may have left; a new door may have opened.</p>}
      {onFindNewAccount || onFlagChange || onDismiss ? (
        <div className="mt-[6px] flex flex-wrap gap-[4px]">
          {onFindNewAccount ? (
            <button type="button" className={BUTTON} onClick={() => onFindNewAccount(page)}>
              {`Find ${page}`}
            </button>
          ) : null}
          {onFlagChange ? (
            <button
              type="button"
              className={BUTTON}
              // Once sent (or on its way) a second click would only file the same flag again.
              disabled={flagStatus?.status === 'sending' || flagStatus?.status === 'sent'}
              onClick={() => onFlagChange(page)}
            >
              Flag for CRM update
            </button>
          ) : null}
          {onDismiss ? (
            <button type="button" className={BUTTON} onClick={onDismiss}>
              Dismiss
            </button>
          ) : null}
          <SendStatus state={flagStatus} />
        </div>
      ) : null}
    </div>
  );
}
