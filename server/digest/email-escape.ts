/**
 * Escaping for the digest email's HTML. Every CRM or host-page string (account names, reasons,
 * plays) goes through `html` before it meets markup: those strings come from imports, webhooks and
 * LinkedIn pages, so any of them may carry markup meant to run in a mail client.
 *
 * @example
 * html('<b>Acme & Co</b>') // '&lt;b&gt;Acme &amp; Co&lt;/b&gt;'
 */
const ENTITIES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };

/** Text safe between tags and inside double- or single-quoted attribute values. */
export const html = (text: string): string => text.replace(/[&<>"']/g, (c) => ENTITIES[c]!);

/** One line of plain text: CRM strings may hold line breaks that would break the layout. */
export const oneLine = (text: string): string => text.replace(/\s+/g, ' ').trim();
