/**
 * Deal outcome by stage name. CRMs spell stages freely ("Closed Won", "closed_won", "won"), so
 * names compare case- and separator-insensitively against the team's won and lost lists.
 *
 * @example
 * dealOutcome('Closed Won', DEFAULT_SETTINGS) // 'won'
 */
import type { IntelSettings } from './settings.ts';

export type DealOutcome = 'open' | 'won' | 'lost';

const stageKey = (stage: string) => stage.trim().toLowerCase().replace(/[\s_-]+/g, '_');

export function dealOutcome(stage: string, settings: IntelSettings): DealOutcome {
  const key = stageKey(stage);
  if (settings.deals.wonStages.some((s) => stageKey(s) === key)) return 'won';
  if (settings.deals.lostStages.some((s) => stageKey(s) === key)) return 'lost';
  return 'open';
}

export const isOpenDeal = (stage: string, settings: IntelSettings) => dealOutcome(stage, settings) === 'open';
