/**
 * Priority classes in a rep's words. Its own module, free of zod: the page-side panel bundle shows
 * these labels and must not carry the schemas (shared/brief.ts) to do so (issue 11: panel ≤ 80 kB gzip).
 */

/** What each class means, in a rep's words (a surface adds colour or an icon, never "P4"); lower is more urgent. */
export const PRIORITY_LABELS = {
  1: 'Buying now',
  2: 'Change at the account',
  3: 'Researching our topics',
  4: 'Worth a look',
} as const;
