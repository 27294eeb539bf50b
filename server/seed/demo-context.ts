/**
 * What every part of the demo generator shares: the seeded randomness, the anchor `now` every
 * timestamp is relative to, the ids made so far, and the row types it produces. Times derive
 * from `now` by whole arithmetic, so the same seed and anchor give the same bytes.
 */
import type { Insertable } from 'kysely';
import type { Database } from '../db/schema.ts';
import type { Rng } from './prng.ts';

export type Row<T extends keyof Database> = Insertable<Database[T]>;

export interface DemoUser {
  id: string;
  name: string;
  email: string;
  role: 'admin' | 'manager' | 'rep';
  /** Reps own one territory each. */
  territory: string | null;
}

export interface DemoContext {
  seed: number;
  rng: Rng;
  now: Date;
  teamId: string;
  users: DemoUser[];
  /** Ids are drawn from their own stream so adding a field elsewhere never renumbers them. */
  id(prefix: string): string;
}

export const DAY_MS = 86_400_000;

/** An ISO timestamp `days` (fractional allowed) before `now`, rounded to the second. */
export function daysAgo(now: Date, days: number): string {
  const ms = now.getTime() - Math.round(days * DAY_MS / 1000) * 1000;
  return new Date(ms).toISOString();
}

/** A calendar date `days` after `now` (negative for before), `YYYY-MM-DD`. */
export function dateFromNow(now: Date, days: number): string {
  return new Date(now.getTime() + Math.round(days) * DAY_MS).toISOString().slice(0, 10);
}

/** The Monday (UTC) of the week `weeksBack` weeks before `now`'s week, `YYYY-MM-DD`. */
export function weekStart(now: Date, weeksBack: number): string {
  const day = (now.getUTCDay() + 6) % 7; // 0 = Monday
  const monday = Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), now.getUTCDate()) - day * DAY_MS;
  return new Date(monday - weeksBack * 7 * DAY_MS).toISOString().slice(0, 10);
}

/** `YYYY-MM` of the month `days` before `now`. */
export function monthAgo(now: Date, days: number): string {
  return daysAgo(now, days).slice(0, 7);
}

/** Whole days between an ISO time and `now`. */
export function ageInDays(now: Date, iso: string): number {
  return (now.getTime() - Date.parse(iso)) / DAY_MS;
}

/** "Kestrel Logistics AB" → "kestrel-logistics": what a domain or slug is made of. */
export function slugOf(text: string): string {
  return text
    .normalize('NFKD')
    .replace(/\p{M}/gu, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-|-$/g, '');
}
