/**
 * One collapsible part of the panel: a header button (keyboard reachable, `aria-expanded`) with a
 * one-line summary over a region. Collapsed unless told otherwise; the panel passes the open state
 * the rep left it in (remembered across pages by the background) and hears each toggle.
 */
import { useEffect, useState, type ReactNode } from 'react';
import { useDisclosure } from './disclosure.ts';

/** The sections whose open state is remembered (core/protocol.ts `PanelSectionId`). */
export type SectionId = 'signals' | 'contact' | 'account' | 'intent' | 'deals' | 'stakeholders';

/** A section's remembered open state and how it tells a toggle (Panel passes it through). */
export interface Fold {
  open?: boolean | undefined;
  onToggle?: ((open: boolean) => void) | undefined;
}

export interface SectionProps {
  title: string;
  /** Shown beside the title when collapsed or open, e.g. the number of signals. */
  count?: number;
  /** One line of what is inside, in plain words ("Buying now · 2 d ago"); nothing when empty. */
  summary?: string | undefined;
  initiallyOpen?: boolean;
  /** The remembered open state: follows it when it arrives or changes. */
  open?: boolean | undefined;
  onToggle?: ((open: boolean) => void) | undefined;
  children: ReactNode;
}

/**
 * @example
 * <Section title="Signals" count={3} summary="Buying now">…</Section>
 */
export function Section({ title, count, summary, initiallyOpen = false, open: remembered, onToggle, children }: SectionProps) {
  const { open, toggle, buttonProps, regionProps } = useDisclosure(remembered ?? initiallyOpen);
  // The remembered state arrives after the first paint (a message to the background): follow it.
  const [followed, setFollowed] = useState(remembered);
  useEffect(() => {
    if (remembered !== undefined && remembered !== followed) {
      setFollowed(remembered);
      if (remembered !== open) toggle();
    }
  }, [remembered, followed, open, toggle]);
  const tell = () => onToggle?.(!open);
  return (
    <section className="border-t border-slate-200 dark:border-slate-700 py-[6px]" aria-label={title}>
      <h3 className="m-0 text-[12px] leading-[16px]">
        <button
          {...buttonProps}
          onClick={() => {
            buttonProps.onClick();
            tell();
          }}
          onKeyDown={(event) => {
            buttonProps.onKeyDown(event);
            if ((event.key === 'Enter' || event.key === ' ') && !event.repeat) tell();
          }}
          className="flex w-full cursor-pointer items-baseline gap-[6px] rounded-[4px] border-0 bg-transparent p-[2px] text-left hover:bg-slate-100 dark:hover:bg-slate-800 focus-visible:outline-[2px] focus-visible:outline-sky-600"
        >
          <span aria-hidden="true" className="inline-block w-[10px] text-slate-600 dark:text-slate-300">
            {open ? '▾' : '▸'}
          </span>
          <span className="font-semibold uppercase tracking-[0.5px] text-slate-600 dark:text-slate-300">{title}</span>
          {count !== undefined ? <span className="text-slate-500 dark:text-slate-400">({count})</span> : null}
          {summary ? <span className="min-w-0 flex-1 truncate font-normal text-slate-700 dark:text-slate-300" data-summary="">{summary}</span> : null}
        </button>
      </h3>
      {/* A closed section's region stays (its id is the button's aria-controls) but holds nothing:
          rendering every collapsed detail cost the first paint 7-23 ms (bench:panel). */}
      <div {...regionProps} className="pt-[4px]">
        {open ? children : null}
      </div>
    </section>
  );
}

/** A label and value on one line, compact enough to scan. */
export function Row({ label, children }: { label: string; children: ReactNode }) {
  return (
    <div className="flex gap-[6px] py-[1px]">
      <dt className="w-[88px] shrink-0 text-slate-500 dark:text-slate-400">{label}</dt>
      <dd className="m-0 min-w-0 flex-1 text-slate-900 dark:text-slate-100">{children}</dd>
    </div>
  );
}
