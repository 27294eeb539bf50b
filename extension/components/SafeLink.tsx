/**
 * A link to a URL from the CRM or the host page: an anchor only when the URL is http(s),
 * plain text otherwise, so a `javascript:` value can never run.
 */
import type { ReactNode } from 'react';
import { safeHref } from './safe-href.ts';

export interface SafeLinkProps {
  /** The URL as stored; checked here. */
  url: string | null | undefined;
  /** Shown text; the URL itself when absent. */
  children?: ReactNode;
  /** An already vetted href (e.g. from `websiteHref`), used instead of `safeHref(url)`. */
  href?: string | undefined;
}

/**
 * @example
 * <SafeLink url={contact.linkedinUrl}>LinkedIn</SafeLink>
 */
export function SafeLink({ url, children, href }: SafeLinkProps) {
  const target = href ?? safeHref(url);
  const text = children ?? url ?? '';
  if (!target) return <span className="break-all">{text}</span>;
  return (
    <a className="break-all text-sky-700 dark:text-sky-300 underline underline-offset-[2px] hover:text-sky-900 dark:hover:text-sky-200" href={target} target="_blank" rel="noopener noreferrer">
      {text}
    </a>
  );
}
