/**
 * One collapsible part of the panel: a header button (keyboard reachable, `aria-expanded`) over a region.
 */
import type { ReactNode } from 'react';
import { useDisclosure } from './disclosure.ts';

export interface SectionProps {
  title: string;
  /** Shown beside the title when collapsed or open, e.g. the number of signals. */
  count?: number;
  initiallyOpen?: boolean;
  children: ReactNode;
}

/**
 * @example
 * <Section title="Signals" count={3}>…</Section>
 */
export function Section({ title, count, initiallyOpen = true, children }: SectionProps) {
  const { open, buttonProps, regionProps } = useDisclosure(initiallyOpen);
  return (
    <section className="border-t border-slate-200 py-[6px]" aria-label={title}>
      <h3 className="m-0 text-[12px] leading-[16px]">
        <button
          {...buttonProps}
          className="flex w-full cursor-pointer items-center gap-[6px] rounded-[4px] border-0 bg-transparent p-[2px] text-left font-semibold uppercase tracking-[0.5px] text-slate-600 hover:bg-slate-100 focus-visible:outline-[2px] focus-visible:outline-sky-600"
        >
          <span aria-hidden="true" className="inline-block w-[10px]">
            {open ? '▾' : '▸'}
          </span>
          {title}
          {count !== undefined ? <span className="font-normal text-slate-500">({count})</span> : null}
        </button>
      </h3>
      <div {...regionProps} className="pt-[4px]">
        {children}
      </div>
    </section>
  );
}

/** A label and value on one line, compact enough to scan. */
export function Row({ label, children }: { label: string; children: ReactNode }) {
  return (
    <div className="flex gap-[6px] py-[1px]">
      <dt className="w-[88px] shrink-0 text-slate-500">{label}</dt>
      <dd className="m-0 min-w-0 flex-1 text-slate-900">{children}</dd>
    </div>
  );
}
