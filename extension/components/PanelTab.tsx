/**
 * The panel collapsed to a tab on the page's right edge (issue 11): the rep hid it (remembered on
 * every page), or the page has no room for the card beside its own content (LinkedIn's top card at
 * 1024 px). It still shows the top signal's priority as a coloured dot, and it opens the panel on
 * click or with the shortcut (Alt+Shift+P, core/page/panel-shortcut.ts).
 */
import type { Signal } from '../../shared/brief.ts';
import { PRIORITY_LABELS } from '../../shared/priority.ts';
import { PANEL_SHORTCUT } from '../core/page/panel-shortcut.ts';

const DOT = { 1: 'bg-emerald-600', 2: 'bg-sky-600', 3: 'bg-violet-600', 4: 'bg-slate-400 dark:bg-slate-500' } as const;

export interface PanelTabProps {
  /** The brief's top signal, whose priority the tab shows; none when there is no brief. */
  top?: Signal | undefined;
  onShow: () => void;
}

/** @example <PanelTab top={topSignal(brief.signals)} onShow={show} /> */
export function PanelTab({ top, onShow }: PanelTabProps) {
  const priority = top ? `, top signal: ${PRIORITY_LABELS[top.priority]}` : '';
  return (
    <button
      type="button"
      data-panel="tab"
      data-priority={top?.priority}
      onClick={onShow}
      aria-label={`Signalhouse: show the panel${priority}`}
      aria-keyshortcuts={PANEL_SHORTCUT.aria}
      title={`Show the Signalhouse panel (${PANEL_SHORTCUT.words})`}
      className="font-sans flex h-[120px] w-[32px] cursor-pointer flex-col items-center gap-[6px] rounded-l-[8px] border border-r-0 border-slate-300 dark:border-slate-600 bg-white dark:bg-slate-900 py-[8px] text-[12px] leading-[16px] font-semibold text-slate-800 dark:text-slate-200 shadow-lg hover:bg-slate-50 dark:hover:bg-slate-800 focus-visible:outline-[2px] focus-visible:outline-sky-600 dark:focus-visible:outline-sky-400"
    >
      {top ? <span aria-hidden="true" className={`inline-block h-[10px] w-[10px] shrink-0 rounded-full ${DOT[top.priority]}`} /> : null}
      <span className="[writing-mode:vertical-rl]">Signalhouse</span>
    </button>
  );
}
