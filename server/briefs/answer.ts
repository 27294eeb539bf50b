/**
 * A brief as assembled, before it is sent: everything the brief decided (match, contact, signals,
 * relationship, deals, next best action…) plus the account's shown parts (its view, intent,
 * stakeholders), which from a warm snapshot are still the JSON text they were stored as. Sending
 * splices that text into the answer: ~5 KB a brief neither parses nor re-serialises, the largest
 * single cost of a warm brief after its reads (docs/benchmarks.md).
 *
 * The shown parts always come last in the answer's JSON, warm or not, so both read alike.
 *
 * @example
 * briefJson({ body, shown: '{"account":{…},"intent":{…},"stakeholders":[]}' })
 * // '{"match":…,"generatedAt":"…","account":{…},"intent":{…},"stakeholders":[]}'
 */
import type { Brief } from '../../shared/brief.ts';
import type { ShownIntel } from './account-intel.ts';

export interface BriefAnswer {
  body: Omit<Brief, keyof ShownIntel>;
  /** Null for a brief with no account; text when read from a snapshot (snapshot.ts `StoredIntel`). */
  shown: ShownIntel | string | null;
}

const NO_ACCOUNT: Pick<Brief, keyof ShownIntel> = { account: null, intent: null, stakeholders: [] };

/** The answer as a Brief object (for callers in the server and tests); parses stored shown parts. */
export function briefFromAnswer(answer: BriefAnswer): Brief {
  const { body, shown } = answer;
  if (shown === null) return { ...body, ...NO_ACCOUNT };
  return { ...body, ...(typeof shown === 'string' ? (JSON.parse(shown) as ShownIntel) : shown) };
}

/** The answer as JSON, equal to `JSON.stringify(briefFromAnswer(answer))`. */
export function briefJson(answer: BriefAnswer): string {
  const { body, shown } = answer;
  if (typeof shown !== 'string') return JSON.stringify(briefFromAnswer(answer));
  // `{"a":1}` + `{"account":…}` → `{"a":1,"account":…}`: both are objects `JSON.stringify` wrote, the body never empty.
  const head = JSON.stringify(body);
  return `${head.slice(0, -1)},${shown.slice(1)}`;
}
