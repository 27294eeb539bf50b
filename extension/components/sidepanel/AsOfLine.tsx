/**
 * When a Today answer was produced, and whether it is the last copy kept offline: the first line
 * of the digest and of the review queue.
 */
import { formatAsOf } from '../format.ts';

export function AsOfLine({ asOf, source, now }: { asOf: string; source: 'server' | 'cache'; now: Date }) {
  return (
    <p className="m-0 text-[12px] leading-[16px] text-slate-500 dark:text-slate-400" data-cache={source}>
      {formatAsOf(asOf, now)}
      {source === 'cache' ? ' · offline, showing the last copy' : ''}
    </p>
  );
}
