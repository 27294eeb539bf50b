/**
 * The page panel for one Brief (every site's panel feature renders it). The first screen (issue 11)
 * says who this is, why it matched and how sure, why now, the next step with its control, and the
 * open deal (FirstScreen.tsx); the details are in sections below, collapsed unless the rep left them
 * open (the background remembers that across pages). Presentational only: the feature passes the brief, the time
 * and callbacks; every CRM and page string renders as text.
 */
import { useState } from 'react';
import { PANEL_SHORTCUT } from '../core/page/panel-shortcut.ts';
import type { Brief } from '../../shared/brief.ts';
import { AccountSection } from './AccountSection.tsx';
import { ContactSection } from './ContactSection.tsx';
import { DealsSection } from './DealsSection.tsx';
import { useDisclosure } from './disclosure.ts';
import { FirstScreen } from './FirstScreen.tsx';
import { FlagWrongData, flaggableFields, type WrongDataReport } from './FlagWrongData.tsx';
import { formatAsOf } from './format.ts';
import { IntentSection } from './IntentSection.tsx';
import { isJobChange, JobChangeBanner } from './JobChangeBanner.tsx';
import type { ActivityType } from '../../shared/activity.ts';
import { LINKEDIN_TOUCHES, LogTouch, type TouchKind, type TouchState } from './LogTouch.tsx';
import { MatchLine } from './MatchLine.tsx';
import { NotInCrm } from './NotInCrm.tsx';
import type { SendState } from './SendStatus.tsx';
import type { TouchWith } from '../core/page/panel-runner.ts';
import type { Fold, SectionId } from './Section.tsx';
import { SignalsSection } from './SignalsSection.tsx';
import type { Candidate } from './SuggestionList.tsx';
import { StakeholdersSection } from './StakeholdersSection.tsx';
import { WrongMatch } from './WrongMatch.tsx';

export interface PanelProps {
  brief: Brief;
  /** The time ages are measured from; a parameter so rendering is deterministic. */
  now: Date;
  /** When the brief came from the cache: the time it was generated or fetched. */
  asOf?: string | undefined;
  /** The server could not be reached; the brief shown is the cached one. */
  offline?: boolean | undefined;
  /** Name and current company as the host page shows them. */
  pageName?: string | undefined;
  pageCompany?: string | undefined;
  /** Outbox state of the last touch logged from this panel. */
  touchState?: TouchState | undefined;
  /** Where the last wrong-data flag stands. */
  flagStatus?: SendState | undefined;
  /** Where the job change banner's flag stands. */
  jobChangeFlagStatus?: SendState | undefined;
  /** A suggestion being saved as an alias, shown disabled. */
  pickedContactId?: string | undefined;
  /** Where the last alias (a pick) stands. */
  aliasStatus?: SendState | undefined;
  /** What the rep's last CRM search found, to pick from (undefined: no search yet). */
  searchResults?: Candidate[] | undefined;
  initiallyOpen?: boolean;
  /** The touches the site offers (default: LinkedIn's). */
  touches?: readonly TouchKind[] | undefined;
  /** The site's name in words (default: LinkedIn). */
  siteName?: string | undefined;
  onLog?: (type: ActivityType, withWhom?: TouchWith) => void;
  onFlag?: (report: WrongDataReport) => void;
  /** The rep confirms a weak match (e.g. name and company). */
  onConfirmMatch?: () => void;
  /** The rep picks the right person (wrong match or not in CRM): record an alias. */
  onPickSuggestion?: (candidate: Candidate) => void;
  onSearch?: ((query: string) => void) | undefined;
  onFindNewAccount?: (pageCompany: string) => void;
  onFlagJobChange?: ((pageCompany: string) => void) | undefined;
  /** Which sections the rep left open (remembered by the background); absent ones are collapsed. */
  sectionsOpen?: Partial<Record<SectionId, boolean>> | undefined;
  /** The rep opened or closed a section: remember it. */
  onSectionToggle?: ((section: SectionId, open: boolean) => void) | undefined;
  /** Hides the panel to its tab on the edge (remembered); absent: Hide folds the card's body in place. */
  onHide?: (() => void) | undefined;
  /** Copies text to the clipboard (tests pass their own). */
  copy?: ((text: string) => Promise<void>) | undefined;
}

const ROOT =
  'font-sans w-[340px] rounded-[8px] border border-slate-200 dark:border-slate-700 bg-white dark:bg-slate-900 p-[10px] text-left text-[13px] leading-[18px] text-slate-900 dark:text-slate-100 shadow-lg';

/**
 * @example
 * <Panel brief={brief} now={new Date()} pageCompany={ref.company} onLog={logTouch} onPickSuggestion={aliasTo} />
 */
export function Panel(props: PanelProps) {
  const { brief, now, asOf, offline, pageName, pageCompany, initiallyOpen = true } = props;
  const { open, buttonProps, regionProps } = useDisclosure(initiallyOpen);
  const [jobChangeDismissed, setJobChangeDismissed] = useState(false);
  const { contact, account } = brief;
  const heading = contact?.name ?? account?.name ?? pageName ?? 'Not in CRM';
  const subheading = contact ? [contact.title.value, account?.name].filter(Boolean).join(' at ') : account ? 'Account' : '';
  const fold = (id: SectionId): Fold => ({ open: props.sectionsOpen?.[id], onToggle: (isOpen) => props.onSectionToggle?.(id, isOpen) });
  const pastEmployers = contact?.pastEmployers.value?.map((p) => p.company) ?? [];
  const jobChange =
    contact && !jobChangeDismissed && isJobChange(pageCompany, account?.name, pastEmployers) ? (
      <JobChangeBanner
        pageCompany={pageCompany}
        crmCompany={account?.name}
        pastEmployers={pastEmployers}
        onFindNewAccount={props.onFindNewAccount}
        onFlagChange={props.onFlagJobChange}
        flagStatus={props.jobChangeFlagStatus}
        onDismiss={() => setJobChangeDismissed(true)}
        stepFollows={brief.nextBestAction?.newEmployer !== undefined}
      />
    ) : null;
  // The footer's touch status names the site's touches; the next step's own touches (a call) say theirs there.
  const footerTouch = (props.touches ?? LINKEDIN_TOUCHES).some((t) => t.type === props.touchState?.type) ? props.touchState : undefined;

  return (
    <div className={ROOT} data-panel="brief">
      <header className="flex items-start gap-[8px]">
        <div className="min-w-0 flex-1">
          <h2 className="m-0 truncate text-[15px] leading-[20px] font-semibold">{heading}</h2>
          {subheading ? <p className="m-0 truncate text-slate-600 dark:text-slate-300">{subheading}</p> : null}
        </div>
        <button
          {...buttonProps}
          {...(props.onHide ? { onClick: props.onHide, onKeyDown: undefined, 'aria-expanded': undefined, 'aria-controls': undefined, 'aria-keyshortcuts': PANEL_SHORTCUT.aria, title: `Hide the panel (${PANEL_SHORTCUT.words})` } : {})}
          aria-label={open ? 'Hide panel' : 'Show panel'}
          className="cursor-pointer rounded-[4px] border border-slate-300 dark:border-slate-600 bg-white dark:bg-slate-900 px-[6px] py-[1px] text-[12px] leading-[18px] text-slate-700 dark:text-slate-300 hover:bg-slate-50 dark:hover:bg-slate-800 focus-visible:outline-[2px] focus-visible:outline-sky-600"
        >
          {open ? 'Hide' : 'Show'}
        </button>
      </header>
      {asOf || offline ? (
        <p className="m-0 mt-[2px] text-[12px] leading-[16px] text-slate-500 dark:text-slate-400" data-cache="">
          {offline ? 'Offline · ' : ''}
          {asOf ? formatAsOf(asOf, now) : 'cached'}
        </p>
      ) : null}
      <div {...regionProps} className="mt-[6px] flex flex-col gap-[6px]">
        {contact || account ? (
          <>
            <MatchLine match={brief.match} onConfirm={props.onConfirmMatch} />
            {brief.warnings.length > 0 ? (
              <ul className="m-0 list-none p-0 text-[12px] text-amber-800 dark:text-amber-200" aria-label="Warnings">
                {brief.warnings.map((w, i) => (
                  <li key={i}>{`⚠ ${w}`}</li>
                ))}
              </ul>
            ) : null}
            <FirstScreen brief={brief} now={now} touchState={props.touchState} onLog={props.onLog} jobChange={jobChange} {...(props.copy ? { copy: props.copy } : {})} />
            <div>
              <SignalsSection signals={brief.signals} now={now} fold={fold('signals')} />
              {contact ? <ContactSection contact={contact} relationship={brief.relationship} now={now} fold={fold('contact')} /> : null}
              {account ? <AccountSection account={account} now={now} relationship={contact ? undefined : brief.relationship} fold={fold('account')} /> : null}
              {brief.intent ? <IntentSection intent={brief.intent} now={now} fold={fold('intent')} /> : null}
              <DealsSection deals={brief.openDeals} fold={fold('deals')} />
              <StakeholdersSection stakeholders={brief.stakeholders} now={now} fold={fold('stakeholders')} />
            </div>
            <div className="flex flex-col gap-[6px] border-t border-slate-200 dark:border-slate-700 pt-[6px]">
              {props.onLog && contact && props.touches?.length !== 0 ? <LogTouch onLog={props.onLog} state={footerTouch} {...(props.touches ? { touches: props.touches } : {})} {...(props.siteName ? { siteName: props.siteName } : {})} /> : null}
              <div className="flex flex-wrap items-start gap-[6px]">
                {props.onPickSuggestion ? (
                  <WrongMatch
                    suggestions={brief.suggestions}
                    searchResults={props.searchResults}
                    currentContactId={contact?.id}
                    onPick={props.onPickSuggestion}
                    onSearch={props.onSearch}
                    pageName={pageName}
                    pickedContactId={props.pickedContactId}
                    status={props.aliasStatus}
                  />
                ) : null}
                {props.onFlag ? <FlagWrongData fields={flaggableFields(brief)} onFlag={props.onFlag} status={props.flagStatus} /> : null}
              </div>
            </div>
          </>
        ) : null}
        {!contact && !account ? (
          <NotInCrm
            pageName={pageName}
            pageCompany={pageCompany}
            suggestions={brief.suggestions}
            searchResults={props.searchResults}
            onPick={props.onPickSuggestion ?? (() => undefined)}
            onSearch={props.onSearch}
            pickedContactId={props.pickedContactId}
            status={props.aliasStatus}
          />
        ) : null}
      </div>
    </div>
  );
}
