/**
 * The one component the panel runner renders: a `PanelState` (core/page/panel-runner.ts) as the
 * card a rep sees, whatever the site. The brief itself is `components/Panel.tsx`; around it the
 * connection's words, the not-in-CRM card, the limited card when the page could not be read, and
 * the looking and problem cards. Issue 11 redesigns what is inside; the states stay these.
 */
import type { ReactElement } from 'react';
import { ConnectionNotice } from '../components/ConnectionNotice.tsx';
import { connectionWords } from '../components/connection-words.ts';
import { NotInCrm } from '../components/NotInCrm.tsx';
import { PeopleList } from '../components/PeopleList.tsx';
import { Panel } from '../components/Panel.tsx';
import { PanelTab } from '../components/PanelTab.tsx';
import { topSignal } from '../components/FirstScreen.tsx';
import type { Site, TouchKind } from '../core/page/contract.ts';
import type { PanelActions, PanelState } from '../core/page/panel-runner.ts';
import { LimitedStrip } from '../components/LimitedStrip.tsx';

const CARD = 'font-sans w-[340px] rounded-[8px] border border-slate-200 dark:border-slate-700 bg-white dark:bg-slate-900 p-[10px] text-left text-[13px] leading-[18px] text-slate-900 dark:text-slate-100 shadow-lg';

export interface PanelViewProps {
  state: PanelState;
  actions: PanelActions;
  site: Pick<Site, 'name'>;
  touches: readonly TouchKind[];
  now: Date;
  /** A feature's own part of the panel (Gmail's per-message logging), above the brief. */
  extra?: ((state: PanelState, actions: PanelActions) => ReactElement | null) | undefined;
  /**
   * Show the tab on the edge instead of the card: the rep collapsed it, or the page has no room
   * beside its own content (core/page/mount.ts). Absent: the card.
   */
  asTab?: boolean | undefined;
  /** The rep shows the panel (the tab's click, the shortcut) or hides it (the card's Hide). */
  onShow?: (() => void) | undefined;
  onHide?: (() => void) | undefined;
}

/**
 * @example <PanelView state={state} actions={actions} site={linkedin} touches={LINKEDIN_TOUCHES} now={new Date()} />
 */
export function PanelView({ state, actions, site, touches, now, extra, asTab, onShow, onHide }: PanelViewProps): ReactElement {
  const { view, facts, touch, notice, limited, corrections } = state;
  if (asTab) return <PanelTab top={view.kind === 'brief' ? topSignal(view.brief.signals) : undefined} onShow={onShow ?? (() => actions.setCollapsed(false))} />;
  const fixes = corrections;
  // Above a brief or a not-in-CRM card: why it may be stale, and what to do.
  const strip = notice ? (
    <ConnectionNotice words={connectionWords(notice, { saved: true })} onOpenOptions={actions.openOptions} className={`${CARD} mb-[6px]`} />
  ) : null;
  // Required selectors stopped matching: say so, with what the page's address alone tells.
  const limitedStrip = limited ? <LimitedStrip siteName={site.name} urlFacts={limited.urlFacts} className={`${CARD} mb-[6px] text-slate-700 dark:text-slate-300`} /> : null;
  // Several people (a thread): each one's answer, above the brief of the account most belong to.
  const peopleCard = state.people?.length ? (
    <div className={`${CARD} mb-[6px]`} data-panel="people">
      <PeopleList people={state.people} />
    </div>
  ) : null;
  const own = extra ? extra(state, actions) : null;
  switch (view.kind) {
    case 'brief': {
      const { brief } = view;
      return (
        <>
          {strip}
          {limitedStrip}
          {own}
          {peopleCard}
          <Panel
            // Another person (after a correction) is a new panel: no open lists or dismissed banner carried over.
            key={brief.contact?.id ?? brief.account?.id ?? 'none'}
            brief={brief}
            now={now}
            asOf={view.asOf}
            offline={view.offline}
            pageName={facts.name}
            pageCompany={facts.company}
            touches={touches}
            siteName={site.name}
            touchState={touch}
            onLog={actions.logTouch}
            onPickSuggestion={actions.pick}
            // "Yes, that's them" on a weak match: the rep vouches for it, and the team remembers it.
            onConfirmMatch={brief.contact ? () => actions.pick({ contactId: brief.contact!.id, name: brief.contact!.name }) : undefined}
            onSearch={actions.search}
            searchResults={fixes.searchResults}
            pickedContactId={fixes.pickedContactId}
            aliasStatus={fixes.alias}
            onFlag={actions.flag}
            flagStatus={fixes.flag}
            onFlagJobChange={(company) => actions.flagJobChange(brief, company)}
            jobChangeFlagStatus={fixes.jobChangeFlag}
            sectionsOpen={state.sectionsOpen}
            onSectionToggle={actions.setSectionOpen}
            onHide={onHide ?? (() => actions.setCollapsed(true))}
          />
        </>
      );
    }
    case 'not-in-crm':
      return (
        <>
          {strip}
          {limitedStrip}
          {own}
          {peopleCard}
          {state.people ? null : (
          <div className={CARD} data-panel="not-in-crm">
            <NotInCrm
              pageName={facts.name}
              pageCompany={facts.company}
              suggestions={view.suggestions}
              onPick={actions.pick}
              onSearch={actions.search}
              searchResults={fixes.searchResults}
              pickedContactId={fixes.pickedContactId}
              status={fixes.alias}
              addTo={state.addContact}
              onAddContact={actions.addContact}
            />
          </div>
          )}
        </>
      );
    case 'connection':
      return <ConnectionNotice words={connectionWords(view.status)} onOpenOptions={actions.openOptions} className={CARD} />;
    case 'problem':
      return (
        <div className={CARD} data-panel="problem" role="status">
          {view.problem.kind === 'unavailable' ? 'Signalhouse: no answer from the extension. Reload the page to try again.' : 'Signalhouse could not load this page.'}
        </div>
      );
    case 'looking':
      return (
        <div className={`${CARD} text-slate-500 dark:text-slate-400`} data-panel="looking" role="status">
          {`Looking up ${view.name}…`}
        </div>
      );
  }
}
