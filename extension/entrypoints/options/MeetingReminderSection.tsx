/**
 * The options page's "Meeting reminders": how many minutes before a meeting with people outside
 * the team the browser notification comes (issue 13; core/background/meeting-reminders.ts reads
 * the same key), or off. Kept in extension storage, the rep's own setting.
 */
import { useEffect, useId, useState } from 'react';
import { DEFAULT_REMINDER_MINUTES, REMINDER_MINUTES_KEY } from '../../core/meeting-reminder-setting.ts';

export const REMINDER_CHOICES: readonly number[] = [0, 5, 10, 15, 30];

export interface ReminderStorage {
  get(key: string): Promise<Record<string, unknown>>;
  set(items: Record<string, unknown>): Promise<void>;
}

/** @example <MeetingReminderSection storage={browser.storage.local} /> */
export function MeetingReminderSection({ storage }: { storage: ReminderStorage }) {
  const [minutes, setMinutes] = useState<number | null>(null);
  const id = useId();
  useEffect(() => {
    void storage
      .get(REMINDER_MINUTES_KEY)
      .then((stored) => {
        const value = stored[REMINDER_MINUTES_KEY];
        setMinutes(typeof value === 'number' ? value : DEFAULT_REMINDER_MINUTES);
      })
      .catch(() => setMinutes(DEFAULT_REMINDER_MINUTES));
  }, [storage]);
  const choose = (value: number) => {
    setMinutes(value);
    void storage.set({ [REMINDER_MINUTES_KEY]: value }).catch(() => undefined);
  };
  return (
    <section aria-labelledby={`${id}-heading`} className="mt-8">
      <h2 id={`${id}-heading`} className="text-lg font-semibold">
        Meeting reminders
      </h2>
      <p className="mt-1 text-sm text-slate-600 dark:text-slate-300">A notification before a meeting with people outside your team: the account and what changed since you last met.</p>
      <label htmlFor={id} className="mr-2 text-sm font-medium">
        Remind me
      </label>
      <select id={id} className="mt-2 rounded border border-slate-300 bg-white px-2 py-1 text-sm text-slate-900 dark:border-slate-600 dark:bg-slate-800 dark:text-slate-100" value={minutes ?? DEFAULT_REMINDER_MINUTES} disabled={minutes === null} onChange={(e) => choose(Number(e.target.value))}>
        {REMINDER_CHOICES.map((choice) => (
          <option key={choice} value={choice}>
            {choice === 0 ? 'Off' : `${choice} minutes before`}
          </option>
        ))}
      </select>
    </section>
  );
}
