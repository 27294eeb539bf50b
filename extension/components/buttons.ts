/**
 * Shared class lists for the panel's buttons, in px so the host page's root font size cannot resize them.
 */

/** A quiet bordered button. */
export const BUTTON =
  'cursor-pointer rounded-[4px] border border-slate-300 dark:border-slate-600 bg-white dark:bg-slate-900 px-[8px] py-[2px] text-[12px] leading-[18px] text-slate-800 dark:text-slate-200 hover:bg-slate-50 dark:hover:bg-slate-800 focus-visible:outline-[2px] focus-visible:outline-sky-600 disabled:cursor-default disabled:opacity-60';

/** The one primary action in a group. */
export const PRIMARY_BUTTON =
  'cursor-pointer rounded-[4px] border border-sky-700 bg-sky-700 px-[8px] py-[2px] text-[12px] leading-[18px] text-white hover:bg-sky-800 focus-visible:outline-[2px] focus-visible:outline-sky-600 disabled:cursor-default disabled:opacity-60';

/** A text input or select. */
export const INPUT =
  'w-full rounded-[4px] border border-slate-300 dark:border-slate-600 bg-white dark:bg-slate-900 px-[6px] py-[2px] text-[12px] leading-[18px] text-slate-900 dark:text-slate-100 focus-visible:outline-[2px] focus-visible:outline-sky-600';
