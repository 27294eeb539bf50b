/**
 * The options page's "Sites": one row per site this build ships (from the background, which has
 * the registry's list), its name in words and its mode, each mode explained in a line. A site an
 * administrator pinned by policy shows its mode read-only, "Set by your administrator". A change
 * made elsewhere (another options tab, a policy pushed while open) arrives as the background's
 * broadcast and the rows follow it.
 */
import { useCallback, useEffect, useId, useState } from 'react';
import { browser } from 'wxt/browser';
import type { RuntimeMessages } from '../../core/connection-status.ts';
import type { sendMessage } from '../../core/messaging.ts';
import type { ProblemInfo, SiteModeView } from '../../core/protocol.ts';
import { SITE_MODE_CHANGED, SITE_MODES, type SiteMode } from '../../core/site-modes.ts';

/** Each mode in words: its name and what it does on the site's pages. */
export const MODE_WORDS: Record<SiteMode, { label: string; explain: (site: string) => string }> = {
  on: { label: 'On', explain: (site) => `The brief shows on ${site} pages, and in the side panel.` },
  'side-panel-only': {
    label: 'Side panel only',
    explain: (site) => `Nothing is added to ${site} pages; the side panel shows the brief for the page you are on.`,
  },
  off: { label: 'Off', explain: (site) => `Signalhouse does nothing on ${site} pages.` },
};

export interface SitesSectionProps {
  send: typeof sendMessage;
  runtime?: RuntimeMessages | undefined;
}

export function SitesSection({ send, runtime }: SitesSectionProps) {
  const [sites, setSites] = useState<SiteModeView[] | null>(null);
  const [problem, setProblem] = useState<ProblemInfo | null>(null);

  const refresh = useCallback(async () => {
    const answer = await send('getSiteModes').catch(() => null);
    if (answer?.ok) setSites(answer.value.sites);
    else if (answer) setProblem(answer.error);
  }, [send]);

  useEffect(() => {
    void refresh();
    const messages = runtime ?? (browser?.runtime as unknown as RuntimeMessages | undefined);
    if (!messages) return;
    const receive = (message: unknown): void => {
      if ((message as { type?: unknown } | null)?.type === SITE_MODE_CHANGED) void refresh();
    };
    messages.onMessage.addListener(receive);
    return () => messages.onMessage.removeListener(receive);
  }, [runtime, refresh]);

  async function choose(site: string, mode: SiteMode) {
    setProblem(null);
    // The choice shows at once; the background's answer (or, when it refused, the modes in force) replaces it.
    setSites((rows) => rows?.map((row) => (row.id === site ? { ...row, mode } : row)) ?? rows);
    const answer = await send('setSiteMode', { site, mode }).catch(() => null);
    if (answer?.ok) return setSites(answer.value.sites);
    setProblem(answer?.error ?? { kind: 'unavailable', message: 'No answer from the extension.' });
    await refresh();
  }

  return (
    <section aria-labelledby="sites-heading" className="mt-8">
      <h2 id="sites-heading" className="text-lg font-semibold">
        Sites
      </h2>
      <p className="mt-1 text-sm text-slate-600 dark:text-slate-300">Where Signalhouse shows briefs. Changes apply to open pages at once.</p>
      {sites === null && !problem && <p className="mt-3 text-sm text-slate-500 dark:text-slate-400">Reading the sites…</p>}
      {sites?.map((site) => <SiteRow key={site.id} site={site} onChoose={(mode) => void choose(site.id, mode)} />)}
      {problem && (
        <p role="alert" className="mt-3 text-sm text-red-900 dark:text-red-200">
          {problem.message}
        </p>
      )}
    </section>
  );
}

function SiteRow({ site, onChoose }: { site: SiteModeView; onChoose: (mode: SiteMode) => void }) {
  const name = useId();
  const help = useId();
  return (
    <fieldset className="mt-3 rounded border border-slate-200 dark:border-slate-700 p-3" data-site={site.id} aria-describedby={site.pinned ? help : undefined}>
      <legend className="px-1 text-sm font-medium">{site.name}</legend>
      {SITE_MODES.map((mode) => (
        <label key={mode} className="mt-1 flex items-start gap-2 text-sm">
          <input
            type="radio"
            name={name}
            value={mode}
            checked={site.mode === mode}
            disabled={site.pinned}
            onChange={() => onChoose(mode)}
            className="mt-[3px]"
          />
          <span>
            <span className="font-medium">{MODE_WORDS[mode].label}</span>
            <span className="block text-slate-600 dark:text-slate-300">{MODE_WORDS[mode].explain(site.name)}</span>
          </span>
        </label>
      ))}
      {site.pinned && (
        <p id={help} className="mt-2 text-xs text-slate-500 dark:text-slate-400">
          Set by your administrator.
        </p>
      )}
    </fieldset>
  );
}
