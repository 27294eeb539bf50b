/**
 * The briefs the rep viewed recently (page panels on every site, and side-panel picks), newest first.
 */
import type { BriefRef } from '../../../shared/brief.ts';
import type { RecentBrief } from '../../core/protocol.ts';
import { formatAge } from '../format.ts';
import { LIST, ListButton } from './ListGroup.tsx';

export interface RecentListProps {
  items: RecentBrief[];
  now: Date;
  onOpen: (ref: BriefRef, label: string) => void;
}

/**
 * @example
 * <RecentList items={recent} now={new Date()} onOpen={openBrief} />
 */
export function RecentList({ items, now, onOpen }: RecentListProps) {
  if (items.length === 0) return <p className="m-0 text-slate-500 dark:text-slate-400">Briefs you open, here or on the pages you visit, appear here.</p>;
  return (
    <ul className={LIST} data-list="recent">
      {items.map((item) => (
        <li key={item.key}>
          <ListButton title={item.title} detail={item.detail} aside={formatAge(item.viewedAt, now)} onClick={() => onOpen(item.ref, item.title)} />
        </li>
      ))}
    </ul>
  );
}
