/**
 * The rep's "log sent emails to CRM contacts" (issue 12), off by default: when on, an email sent
 * from a Gmail compose window is logged (type email, through the outbox) once it has a message id,
 * under the same natural key the thread's "Log email" uses. Read by Gmail's compose feature and
 * written by the options page, so it lives where both may import it. Kept in `storage.local`: the
 * rep's own choice, on this browser.
 */
export const LOG_SENT_KEY = 'logSentEmails';
export const DEFAULT_LOG_SENT = false;

/** The stored value as a boolean: anything but `true` is off. */
export const logSentFrom = (stored: Record<string, unknown>): boolean => stored[LOG_SENT_KEY] === true;
