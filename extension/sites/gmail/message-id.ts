/**
 * Gmail's message and thread ids as the DOM carries them (host-pages.md §2a):
 * - `data-message-id="#msg-f:<decimal>"` with `data-legacy-message-id="<hex>"`: the same number,
 *   the hex written in base 16 (`msg-f:1775568780109575075` = `18a41665ecb473a3`);
 * - `#msg-a:r<digits>` (a minus sign allowed) for a message just sent from this account, with no
 *   legacy id until Gmail syncs it: provisional, not a key yet;
 * - threads: `data-thread-perm-id="thread-f:<decimal>"` or `thread-a:r-<digits>`, and `data-legacy-thread-id`;
 * - the fallback, when the `data-*` ids are absent: `jslog` attributes whose `1:` and `4:` parts are
 *   base64 of JSON arrays holding `"#thread-f:<dec>"` and `"#msg-f:<dec>"`.
 * Gmail's `-f` ids start with the time Gmail filed the message, in milliseconds, shifted left 20 bits
 * (2019 and 2023 copies of real headers agree with their printed dates); `timeOfId` reads it.
 */
import { decodeBase64Text } from '../common/dom.ts';

const F_ID = /^#?((?:msg|thread)-f):(\d{1,20})$/;
const A_ID = /^#?((?:msg|thread)-a):(r-?\d{1,20})$/;
const HEX = /^[0-9a-f]{10,16}$/i;

/** `#msg-f:123` → `msg-f:123`; `#thread-a:r-777` → `thread-a:r-777`; anything else → undefined. */
export function permId(value: string | null | undefined, kind: 'msg' | 'thread'): string | undefined {
  const text = value?.trim();
  if (!text) return undefined;
  const match = F_ID.exec(text) ?? A_ID.exec(text);
  if (!match || !match[1]!.startsWith(kind)) return undefined;
  return `${match[1]}:${match[2]}`;
}

/** The decimal `-f` id of a legacy hex id. */
export function decimalOfHex(hex: string): string | undefined {
  return HEX.test(hex) ? BigInt(`0x${hex}`).toString(10) : undefined;
}

/** The legacy hex of a `-f` id. */
export function hexOf(id: string): string | undefined {
  const match = F_ID.exec(id);
  return match ? BigInt(match[2]!).toString(16) : undefined;
}

/**
 * When Gmail filed the message (or the thread's first message), from a `-f` id; `undefined` for
 * provisional ids and numbers that do not give a date between 2004 (Gmail's launch) and 2100.
 *
 * @example timeOfId('msg-f:1775568780109575075') // '2023-08-29T13:05:42.603Z'
 */
export function timeOfId(id: string): string | undefined {
  const match = F_ID.exec(id);
  if (!match) return undefined;
  const ms = Number(BigInt(match[2]!) >> 20n);
  if (ms < Date.UTC(2004, 0, 1) || ms > Date.UTC(2100, 0, 1)) return undefined;
  return new Date(ms).toISOString();
}

/** Every `#msg-…`/`#thread-…` string in the base64 JSON parts of one `jslog` value. */
function idsInJslog(jslog: string): string[] {
  const found: string[] = [];
  for (const part of jslog.split(';')) {
    const match = /^\s*\d+:([A-Za-z0-9+/_-]+[.=]*)\s*$/.exec(part);
    const text = match ? decodeBase64Text(match[1]!) : undefined;
    if (!text || !text.startsWith('[')) continue;
    let data: unknown;
    try {
      data = JSON.parse(text);
    } catch {
      continue;
    }
    if (Array.isArray(data)) for (const item of data) if (typeof item === 'string') found.push(item);
  }
  return found;
}

/** The first message id and thread id the `jslog` attributes in and under `el` name. */
export function idsFromJslog(el: Element): { messageId?: string; threadId?: string } {
  const ids: { messageId?: string; threadId?: string } = {};
  for (const node of [el, ...el.querySelectorAll('[jslog]')]) {
    const jslog = node.getAttribute('jslog');
    if (!jslog) continue;
    for (const value of idsInJslog(jslog)) {
      ids.messageId ??= permId(value, 'msg');
      ids.threadId ??= permId(value, 'thread');
    }
    if (ids.messageId && ids.threadId) break;
  }
  return ids;
}

/** A message's id as read: the stable `msg-f:` form when Gmail gives one. */
export interface MessageId {
  /** `msg-f:<decimal>` (stable) or `msg-a:r<digits>` (just sent, provisional). */
  id: string;
  /** The hex form, when the page shows it or it follows from the decimal. */
  legacyId?: string;
  /** Where it was read: the `data-*` ids, the legacy hex alone, or the `jslog` fallback. */
  source: 'data' | 'legacy' | 'jslog';
  /** A `msg-a` id: Gmail has not filed the message yet; do not key a logged touch by it. */
  provisional: boolean;
}

/**
 * The id of the message whose container is `el`: `data-message-id`, then `data-legacy-message-id`,
 * then `jslog`. An `-f` id is preferred over a provisional `-a` one wherever it is found.
 */
export function messageIdOf(el: Element): MessageId | undefined {
  const data = permId(el.getAttribute('data-message-id'), 'msg');
  const legacy = el.getAttribute('data-legacy-message-id')?.trim();
  const fromLegacy = legacy && HEX.test(legacy) ? `msg-f:${decimalOfHex(legacy)}` : undefined;
  const stable = data?.startsWith('msg-f:') ? data : fromLegacy;
  if (stable) {
    return { id: stable, legacyId: legacy && HEX.test(legacy) ? legacy.toLowerCase() : hexOf(stable), source: data === stable ? 'data' : 'legacy', provisional: false };
  }
  const jslog = idsFromJslog(el).messageId;
  if (jslog?.startsWith('msg-f:')) return { id: jslog, legacyId: hexOf(jslog), source: 'jslog', provisional: false };
  const provisional = data ?? jslog;
  return provisional ? { id: provisional, source: data ? 'data' : 'jslog', provisional: true } : undefined;
}

/**
 * The natural key of an email logged from Gmail: `gmail:msg-f:<decimal>`; `undefined` for a
 * provisional id (the touch waits until the message has its stable id).
 */
export function gmailMessageKey(id: MessageId): string | undefined {
  return id.provisional ? undefined : `gmail:${id.id}`;
}
