/**
 * The options page's "Sent emails" (issue 12): "Log sent emails to CRM contacts", off by default.
 * When on, an email sent from Gmail to a contact the CRM knows is logged once it has a message id
 * (features/gmail-compose.tsx reads the same key, core/log-sent-setting.ts). The rep's own choice,
 * kept in extension storage.
 */
import { useEffect, useId, useState } from 'react';
import { DEFAULT_LOG_SENT, LOG_SENT_KEY, logSentFrom } from '../../core/log-sent-setting.ts';
import type { ReminderStorage } from './MeetingReminderSection.tsx';

/** @example <LogSentSection storage={browser.storage.local} /> */
export function LogSentSection({ storage }: { storage: ReminderStorage }) {
  const [on, setOn] = useState<boolean | null>(null);
  const id = useId();
  useEffect(() => {
    void storage
      .get(LOG_SENT_KEY)
      .then((stored) => setOn(logSentFrom(stored)))
      .catch(() => setOn(DEFAULT_LOG_SENT));
  }, [storage]);
  const choose = (value: boolean) => {
    setOn(value);
    void storage.set({ [LOG_SENT_KEY]: value }).catch(() => undefined);
  };
  return (
    <section aria-labelledby={`${id}-heading`} className="mt-8">
      <h2 id={`${id}-heading`} className="text-lg font-semibold">
        Sent emails
      </h2>
      <p className="mt-1 text-sm text-slate-600 dark:text-slate-300">An email you send from Gmail to someone in your CRM is logged as an activity, without its body. Logging it again from the conversation changes nothing.</p>
      <label className="mt-2 flex items-center gap-2 text-sm font-medium">
        <input type="checkbox" checked={on ?? DEFAULT_LOG_SENT} disabled={on === null} onChange={(e) => choose(e.currentTarget.checked)} />
        Log sent emails to CRM contacts
      </label>
    </section>
  );
}
