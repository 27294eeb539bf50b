/**
 * Open deals: stage, amount in the deal's currency, close date, forecast category and what puts them at risk.
 */
import type { DealView } from '../../shared/brief.ts';
import { FORECAST_LABELS, formatDay, formatMoney } from './format.ts';
import { Section, type Fold } from './Section.tsx';

/**
 * @example
 * <DealsSection deals={brief.openDeals} />
 */
export function DealsSection({ deals, fold }: { deals: DealView[]; fold?: Fold }) {
  const total = deals.length > 0 && deals.every((d) => d.currency === deals[0]!.currency) ? formatMoney(deals.reduce((sum, d) => sum + (d.amount ?? 0), 0), deals[0]!.currency) : undefined;
  return (
    <Section title="Open deals" count={deals.length} summary={deals.length > 1 && total ? `${total} in all` : undefined} {...fold}>
      {deals.length === 0 ? (
        <p className="m-0 text-slate-500 dark:text-slate-400">No open deals.</p>
      ) : (
        <ul className="m-0 flex list-none flex-col gap-[6px] p-0">
          {deals.map((deal) => (
            <li key={deal.id}>
              <p className="m-0 font-semibold">{deal.name}</p>
              <p className="m-0 text-slate-700 dark:text-slate-300">
                {[
                  deal.stage,
                  formatMoney(deal.amount, deal.currency),
                  deal.closeDate ? `closes ${formatDay(deal.closeDate)}` : undefined,
                  FORECAST_LABELS[deal.forecastCategory],
                ]
                  .filter(Boolean)
                  .join(' · ')}
              </p>
              {deal.nextStep ? <p className="m-0 text-slate-600 dark:text-slate-300">{`Next: ${deal.nextStep}`}</p> : null}
              {deal.risks.length > 0 ? (
                <ul className="m-0 list-none p-0 text-rose-800 dark:text-rose-300">
                  {deal.risks.map((risk, i) => (
                    <li key={`${risk.kind}-${i}`}>
                      <span className="font-semibold">Risk: </span>
                      {risk.reason}
                    </li>
                  ))}
                </ul>
              ) : null}
            </li>
          ))}
        </ul>
      )}
    </Section>
  );
}
