/**
 * The side panel's building blocks: a part of the panel under its heading, a titled list within
 * one, and a row that is one button (a name and a line of detail), so every entry is reachable
 * with Tab and opened with Enter or Space.
 */
import type { ReactNode } from 'react';

/** One part of the side panel (Search, Recent, Outbox) under its own heading. */
export function PanelPart({ title, children }: { title: string; children: ReactNode }) {
  return (
    <section aria-label={title} className="flex flex-col gap-[6px]">
      <h2 className="m-0 text-[13px] leading-[18px] font-semibold text-slate-900 dark:text-slate-100">{title}</h2>
      {children}
    </section>
  );
}

/** The list under a heading; rows are `<li>`. */
export const LIST = 'm-0 flex list-none flex-col gap-[2px] p-0';

/**
 * @example
 * <ListGroup title="Contacts" count={3}><li><ListButton title="Jane Doe" onClick={open} /></li></ListGroup>
 */
export function ListGroup({ title, count, children }: { title: string; count?: number; children: ReactNode }) {
  return (
    <section aria-label={title}>
      <h3 className="m-0 mb-[4px] text-[12px] leading-[16px] font-semibold uppercase tracking-[0.5px] text-slate-600 dark:text-slate-300">
        {title}
        {count !== undefined ? <span className="font-normal text-slate-500 dark:text-slate-400">{` (${count})`}</span> : null}
      </h3>
      <ul className={LIST}>{children}</ul>
    </section>
  );
}

/** One row: the whole row is the button; `detail` and `aside` are secondary text. */
export function ListButton({ title, detail, aside, onClick }: { title: string; detail?: string | undefined; aside?: string | undefined; onClick: () => void }) {
  return (
    <button
      type="button"
      onClick={onClick}
      className="flex w-full cursor-pointer items-baseline gap-[6px] rounded-[4px] border border-transparent bg-white dark:bg-slate-900 px-[6px] py-[3px] text-left hover:border-slate-300 dark:hover:border-slate-500 focus-visible:outline-[2px] focus-visible:outline-sky-600"
    >
      <span className="min-w-0 flex-1">
        <span className="block truncate font-medium text-slate-900 dark:text-slate-100">{title}</span>
        {detail ? <span className="block truncate text-[12px] leading-[16px] text-slate-600 dark:text-slate-300">{detail}</span> : null}
      </span>
      {aside ? <span className="shrink-0 text-[12px] leading-[16px] text-slate-500 dark:text-slate-400">{aside}</span> : null}
    </button>
  );
}
