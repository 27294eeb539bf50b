/**
 * The side panel's Today: the digest and the review queue, painted from the background's stored
 * copy at once and then from the server, read again while the panel stays open. Lines the panel
 * shows from the server's answer are marked seen (once per panel); Done and Dismiss go to the
 * server and the line changes when it answered.
 */
import { useCallback, useEffect, useRef, useState } from 'react';
import type { LineDecision } from '../../components/sidepanel/DigestView.tsx';
import type { DatedDigest, DatedReviewQueue, ProblemInfo } from '../../core/protocol.ts';
import type { Send } from './use-opened-brief.ts';
import { usePolling } from './use-polling.ts';

/** The digest is built once a day on the server; a minute keeps Done/Dismiss from elsewhere in view. */
export const DIGEST_REFRESH_MS = 60_000;
export const REVIEW_REFRESH_MS = 5 * 60_000;
/** The panel lists this many review items; the rest are counted. */
export const REVIEW_LIMIT = 25;

const NO_ANSWER: ProblemInfo = { kind: 'unavailable', message: 'No answer from the extension.' };

/**
 * @example const { digest, review, decide } = useToday(sendMessage);
 */
export function useToday(send: Send, intervals: { digestMs?: number; reviewMs?: number } = {}) {
  const [digest, setDigest] = useState<{ dated: DatedDigest | null; problem: ProblemInfo | null }>({ dated: null, problem: null });
  const [review, setReview] = useState<{ dated: DatedReviewQueue | null; problem: ProblemInfo | null }>({ dated: null, problem: null });
  const [busy, setBusy] = useState<ReadonlySet<string>>(new Set());
  const seenSent = useRef(new Set<string>());
  const painted = useRef({ digest: false, review: false });

  const refreshDigest = useCallback(async () => {
    // The first paint comes from the stored copy, at once; every read then asks the server.
    if (!painted.current.digest) {
      painted.current.digest = true;
      const cached = await send('getDigest', { from: 'cache' }).catch(() => null);
      if (cached?.ok && cached.value.dated) setDigest({ dated: cached.value.dated, problem: null });
    }
    const fresh = await send('getDigest', { from: 'server' }).catch(() => null);
    if (fresh?.ok) setDigest({ dated: fresh.value.dated, problem: null });
    else setDigest((d) => ({ dated: d.dated, problem: fresh?.error ?? NO_ANSWER }));
  }, [send]);

  const refreshReview = useCallback(async () => {
    if (!painted.current.review) {
      painted.current.review = true;
      const cached = await send('getReviewQueue', { from: 'cache', limit: REVIEW_LIMIT }).catch(() => null);
      if (cached?.ok && cached.value.dated) setReview({ dated: cached.value.dated, problem: null });
    }
    const fresh = await send('getReviewQueue', { from: 'server', limit: REVIEW_LIMIT }).catch(() => null);
    if (fresh?.ok) setReview({ dated: fresh.value.dated, problem: null });
    else setReview((r) => ({ dated: r.dated, problem: fresh?.error ?? NO_ANSWER }));
  }, [send]);

  usePolling(refreshDigest, intervals.digestMs ?? DIGEST_REFRESH_MS);
  usePolling(refreshReview, intervals.reviewMs ?? REVIEW_REFRESH_MS);

  // Shown: the server's lines still new become seen (the display keeps them as they are until the next read).
  useEffect(() => {
    const dated = digest.dated;
    if (!dated || dated.source !== 'server' || document.visibilityState === 'hidden') return;
    for (const line of dated.digest.lines) {
      if (line.state !== 'new' || seenSent.current.has(line.key)) continue;
      seenSent.current.add(line.key);
      void send('setSignalState', { key: line.key, state: 'seen' }).catch(() => null);
    }
  }, [digest.dated, send]);

  const decide = useCallback(
    async (key: string, state: LineDecision) => {
      setBusy((s) => new Set(s).add(key));
      const answer = await send('setSignalState', { key, state }).catch(() => null);
      if (answer?.ok) {
        setDigest((d) =>
          d.dated ? { problem: null, dated: { ...d.dated, digest: { ...d.dated.digest, lines: d.dated.digest.lines.map((l) => (l.key === key ? { ...l, state } : l)) } } } : d,
        );
      } else {
        setDigest((d) => ({ ...d, problem: answer?.error ?? NO_ANSWER }));
      }
      setBusy((s) => {
        const next = new Set(s);
        next.delete(key);
        return next;
      });
    },
    [send],
  );

  return { digest, review, busy, decide };
}
