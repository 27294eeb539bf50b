/**
 * Builds the weekly review queue (shared/review.ts) for a user. A rep's (`mine`) covers the
 * accounts they own: the dormant ones of the reviewed tiers, then the signals under the alert
 * thresholds. A manager's or admin's (`team`) covers the team: dormant accounts, stage moves of
 * the window and open deals at risk. Candidates are found in SQL and bounded, so only their
 * accounts' intelligence is read (server/briefs/intel-for-accounts.ts).
 *
 * @example
 * const queue = await reviewQueue(db, { teamId, userId, scope: 'mine', limit: 50 }, now); // limit per section
 * queue.items[0]?.text // 'No activity on Acme in the past 14 days. …'
 */
import type { ReviewItem, ReviewQueue, ReviewScope } from '../../shared/review.ts';
import type { OpenedDatabase } from '../db/connect.ts';
import { intelForAccounts, teamSettings } from '../briefs/intel-for-accounts.ts';
import { dealAtRiskItems, dormantItem, reviewSignalItems, stageMovedItems, statusSuggestionItems } from '../intel/review.ts';
import { daysAfter, daysBefore } from '../intel/time.ts';
import { isOpenDeal } from '../intel/deals.ts';
import type { IntelSettings } from '../intel/settings.ts';

export interface ReviewRequest {
  teamId: string;
  userId: string;
  scope: ReviewScope;
  limit: number;
}

/** A rep's book is read whole up to this many accounts (oldest touch first beyond it). */
const MAX_BOOK = 5_000;
/** A team view looks at this many candidate accounts per kind. */
const MAX_CANDIDATES = 1_000;

const byAtAscNullsFirst = (a: ReviewItem, b: ReviewItem) => (a.at ?? '') < (b.at ?? '') ? -1 : (a.at ?? '') > (b.at ?? '') ? 1 : 0;
const byAtDesc = (a: ReviewItem, b: ReviewItem) => -byAtAscNullsFirst(a, b);

export async function reviewQueue(db: OpenedDatabase, request: ReviewRequest, now: Date): Promise<ReviewQueue> {
  const { settings } = await teamSettings(db, request.teamId);
  const sections = request.scope === 'mine' ? await repSections(db, request, now) : await teamSections(db, request, settings, now);
  // The limit applies per section, so a long list of dormant accounts never hides the deals at risk.
  const items = sections.flatMap((section) => section.slice(0, request.limit));
  const omitted = sections.reduce((n, section) => n + Math.max(0, section.length - request.limit), 0);
  return { scope: request.scope, dormantDays: settings.review.dormantDays, items, omitted, generatedAt: now.toISOString() };
}

/** The rep's own accounts: dormant first (longest quiet first), then review signals (newest first). */
async function repSections(db: OpenedDatabase, { teamId, userId }: ReviewRequest, now: Date): Promise<ReviewItem[][]> {
  const book = await db.kysely
    .selectFrom('accounts')
    .select('id')
    .where('team_id', '=', teamId)
    .where('owner_id', '=', userId)
    .orderBy('last_touch_at')
    .orderBy('id')
    .limit(MAX_BOOK)
    .execute();
  const { intel, settings } = await intelForAccounts(db, teamId, book.map((a) => a.id), now);
  const dormant: ReviewItem[] = [];
  const suggestions: ReviewItem[] = [];
  const signals: ReviewItem[] = [];
  for (const { id } of book) {
    const account = intel.get(id);
    if (!account) continue;
    const item = dormantItem(account, settings, now);
    if (item) dormant.push(item);
    suggestions.push(...statusSuggestionItems(account, settings, now));
    signals.push(...reviewSignalItems(account, settings));
  }
  return [dormant.sort(byAtAscNullsFirst), suggestions, signals.sort(byAtDesc)];
}

/** The team: dormant accounts, then this window's stage moves, then open deals at risk (soonest close first). */
async function teamSections(db: OpenedDatabase, { teamId }: ReviewRequest, settings: IntelSettings, now: Date): Promise<ReviewItem[][]> {
  const quietSince = daysBefore(now, settings.review.dormantDays);
  const dormantIds = await db.kysely
    .selectFrom('accounts')
    .select('id')
    .where('team_id', '=', teamId)
    .where('tier', 'in', settings.review.tiers)
    .where((eb) => eb.or([eb('last_touch_at', 'is', null), eb('last_touch_at', '<', quietSince)]))
    .orderBy('last_touch_at')
    .orderBy('id')
    .limit(MAX_CANDIDATES)
    .execute();
  const movedIds = await db.kysely
    .selectFrom('account_history')
    .select('account_id')
    .distinct()
    .where('team_id', '=', teamId)
    .where('kind', '=', 'stage')
    .where('changed_at', '>=', daysBefore(now, settings.review.stageMovedDays))
    .limit(MAX_CANDIDATES)
    .execute();
  // Deals that matter to this quarter's forecast: overdue or closing within 90 days, and open.
  const deals = await db.kysely
    .selectFrom('deals')
    .select(['account_id', 'stage'])
    .where('team_id', '=', teamId)
    .where('close_date', '<=', daysAfter(now, 90).slice(0, 10))
    .orderBy('close_date')
    .limit(MAX_CANDIDATES * 4)
    .execute();
  const dealAccountIds = [...new Set(deals.filter((d) => isOpenDeal(d.stage, settings)).map((d) => d.account_id))].slice(0, MAX_CANDIDATES);

  const ids = [...dormantIds.map((r) => r.id), ...movedIds.map((r) => r.account_id), ...dealAccountIds];
  const { intel } = await intelForAccounts(db, teamId, ids, now);
  const dormant: ReviewItem[] = [];
  for (const { id } of dormantIds) {
    const item = intel.has(id) ? dormantItem(intel.get(id)!, settings, now) : null;
    if (item) dormant.push(item);
  }
  const moved = movedIds.flatMap(({ account_id }) => (intel.has(account_id) ? stageMovedItems(intel.get(account_id)!, settings, now) : []));
  const atRisk = dealAccountIds.flatMap((id) => (intel.has(id) ? dealAtRiskItems(intel.get(id)!, settings) : []));
  return [dormant.sort(byAtAscNullsFirst), moved.sort(byAtDesc), atRisk.sort(byAtAscNullsFirst)];
}
