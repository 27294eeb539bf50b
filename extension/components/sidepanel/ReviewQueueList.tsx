/**
 * The review queue as the rep reads it: each item's sentence ("No activity on Acme in the past 14
 * days. Last touchpoint: …"), as text, with the copy's "as of".
 */
import type { DatedReviewQueue, ProblemInfo } from '../../core/protocol.ts';
import { AsOfLine } from './AsOfLine.tsx';
import { problemText } from './DigestView.tsx';
import { LIST } from './ListGroup.tsx';

export interface ReviewQueueListProps {
  dated: DatedReviewQueue | null;
  problem: ProblemInfo | null;
  now: Date;
}

/**
 * @example <ReviewQueueList dated={answer.value.dated} problem={null} now={new Date()} />
 */
export function ReviewQueueList({ dated, problem, now }: ReviewQueueListProps) {
  if (!dated) return <p className="m-0 text-slate-500 dark:text-slate-400">{problem ? problemText(problem) : 'Loading the review queue…'}</p>;
  const { queue, asOf, source } = dated;
  return (
    <div className="flex flex-col gap-[6px]" data-list="review-queue">
      <AsOfLine asOf={asOf} source={source} now={now} />
      {queue.items.length === 0 ? <p className="m-0 text-slate-500 dark:text-slate-400">Nothing waiting for review.</p> : null}
      <ul className={LIST}>
        {queue.items.map((item) => (
          <li key={`${item.kind} ${item.account.id} ${item.deal?.id ?? ''} ${item.at ?? ''}`} className="rounded-[4px] bg-white dark:bg-slate-900 px-[6px] py-[3px] text-slate-800 dark:text-slate-200" data-review-item={item.kind}>
            {item.text}
          </li>
        ))}
      </ul>
      {queue.omitted > 0 ? <p className="m-0 text-[12px] leading-[16px] text-slate-500 dark:text-slate-400">{`${queue.omitted} more in the queue.`}</p> : null}
    </div>
  );
}
