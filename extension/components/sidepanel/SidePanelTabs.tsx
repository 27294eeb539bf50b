/**
 * The side panel's tabs (issue 11): This page, Today, Search, Review, Outbox, each its own scrolling
 * panel instead of one long page. WAI-ARIA tabs: a tablist whose arrow keys, Home and End move
 * between tabs (automatic activation), each tab controlling its panel. Inactive panels stay mounted
 * but hidden, so their polling and a half-typed search keep their state. `/` anywhere outside a text
 * field goes to the Search tab and focuses its field (as in Gmail and GitHub).
 */
import { useEffect, useRef, type KeyboardEvent, type ReactNode } from 'react';

export const SIDE_PANEL_TABS = ['This page', 'Today', 'Search', 'Review', 'Outbox'] as const;
export type SidePanelTab = (typeof SIDE_PANEL_TABS)[number];

const id = (tab: SidePanelTab) => `sidepanel-tab-${tab.toLowerCase().replace(/\s+/g, '-')}`;

export interface SidePanelTabsProps {
  selected: SidePanelTab;
  onSelect: (tab: SidePanelTab) => void;
  /** What each tab shows, rendered whether selected or not. */
  panels: Record<SidePanelTab, ReactNode>;
  /** A count beside a tab's name (the outbox's items needing attention), when there is one. */
  badges?: Partial<Record<SidePanelTab, number>>;
  /** `/` focuses this field (after selecting Search). */
  searchField?: () => HTMLInputElement | null;
}

/** @example <SidePanelTabs selected={tab} onSelect={setTab} panels={{ 'This page': …, Today: …, Search: …, Review: …, Outbox: … }} /> */
export function SidePanelTabs({ selected, onSelect, panels, badges, searchField }: SidePanelTabsProps) {
  const tabs = useRef<Partial<Record<SidePanelTab, HTMLButtonElement | null>>>({});
  const onKeyDown = (event: KeyboardEvent<HTMLDivElement>) => {
    const at = SIDE_PANEL_TABS.indexOf(selected);
    const next =
      event.key === 'ArrowRight' ? SIDE_PANEL_TABS[(at + 1) % SIDE_PANEL_TABS.length] : event.key === 'ArrowLeft' ? SIDE_PANEL_TABS[(at + SIDE_PANEL_TABS.length - 1) % SIDE_PANEL_TABS.length] : event.key === 'Home' ? SIDE_PANEL_TABS[0] : event.key === 'End' ? SIDE_PANEL_TABS[SIDE_PANEL_TABS.length - 1] : undefined;
    if (!next) return;
    event.preventDefault();
    onSelect(next);
    tabs.current[next]?.focus();
  };
  useEffect(() => {
    const onSlash = (event: globalThis.KeyboardEvent) => {
      if (event.key !== '/' || event.ctrlKey || event.metaKey || event.altKey) return;
      const target = event.target as HTMLElement | null;
      if (target && (target.isContentEditable || ['INPUT', 'TEXTAREA', 'SELECT'].includes(target.tagName))) return;
      event.preventDefault();
      onSelect('Search');
      // After the Search panel is shown: a hidden field cannot take focus.
      requestAnimationFrame(() => searchField?.()?.focus());
    };
    document.addEventListener('keydown', onSlash);
    return () => document.removeEventListener('keydown', onSlash);
  }, [onSelect, searchField]);
  return (
    <div className="flex min-h-0 flex-1 flex-col">
      <div role="tablist" aria-label="Side panel" className="flex shrink-0 gap-[2px] border-b border-slate-200 dark:border-slate-700" onKeyDown={onKeyDown}>
        {SIDE_PANEL_TABS.map((tab) => (
          <button
            key={tab}
            ref={(e) => {
              tabs.current[tab] = e;
            }}
            type="button"
            role="tab"
            id={id(tab)}
            aria-selected={tab === selected}
            aria-controls={`${id(tab)}-panel`}
            tabIndex={tab === selected ? 0 : -1}
            onClick={() => onSelect(tab)}
            className={`-mb-px cursor-pointer whitespace-nowrap border-0 border-b-2 bg-transparent px-[6px] py-[4px] text-[12px] leading-[16px] focus-visible:outline-[2px] focus-visible:outline-sky-600 dark:focus-visible:outline-sky-400 ${tab === selected ? 'border-sky-700 font-semibold text-slate-900 dark:border-sky-300 dark:text-slate-100' : 'border-transparent text-slate-600 hover:text-slate-900 dark:text-slate-300 dark:hover:text-slate-100'}`}
          >
            {tab}
            {badges?.[tab] ? <span className="ml-[4px] rounded-full bg-rose-100 px-[5px] text-[11px] text-rose-800 dark:bg-rose-950 dark:text-rose-300">{badges[tab]}</span> : null}
          </button>
        ))}
      </div>
      {SIDE_PANEL_TABS.map((tab) => (
        <div
          key={tab}
          role="tabpanel"
          id={`${id(tab)}-panel`}
          aria-labelledby={id(tab)}
          hidden={tab !== selected}
          // Each panel scrolls on its own: switching tabs keeps each one's place.
          className="flex min-h-0 flex-1 flex-col gap-[12px] overflow-y-auto pt-[10px]"
        >
          {panels[tab]}
        </div>
      ))}
    </div>
  );
}
