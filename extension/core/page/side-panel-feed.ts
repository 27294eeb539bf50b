/**
 * What a panel feature hands the side panel's "This page": the page's subject as refs (what the
 * URL gives, then what the page shows) and a label, sent to the background, which keeps it per tab
 * (core/background/tab-subjects.ts). Never the page's text.
 *
 * - in `side-panel-only` mode, `feedSidePanel` is the feature's whole run: it reads the page
 *   (extract, then settle: the same reading the panel runner does) and adds NOTHING to the page:
 *   no element, no style, no mount;
 * - in `on` mode the panel runner tells it too, once the page settled (`subjectTeller`), so the
 *   side panel follows the page whatever the mode.
 * When the run ends (another page, the mode changed), the background is told the page shows no
 * subject any more. Messages are fire and forget: a background that went away costs the side panel
 * one page, never the host page an error.
 */
import type { PageSubject } from '../protocol.ts';
import type { sendMessage } from '../messaging.ts';
import type { PanelFeatureSpec } from './contract.ts';
import { settle, type PanelRunnerDeps } from './panel-runner.ts';

/**
 * A `tell(subject)` for one run: each call replaces what the background keeps for the tab; when
 * `signal` aborts after one, the background forgets it.
 *
 * @example const tell = subjectTeller(spec, { send, url, signal }); tell(subject);
 */
export function subjectTeller<Subject>(spec: PanelFeatureSpec<Subject>, { send, url, signal }: { send: typeof sendMessage; url: URL; signal: AbortSignal }) {
  let told = false;
  const post = (subject: PageSubject | null) => void send('setPageSubject', { subject }).catch(() => undefined);
  signal.addEventListener('abort', () => told && post(null), { once: true });
  return (subject: Subject, settled: boolean) => {
    if (signal.aborted) return;
    const urlRefs = safely(() => spec.urlRefs(subject), []).slice(0, 20);
    const refs = settled ? safely(() => spec.refs(subject), urlRefs).slice(0, 20) : urlRefs;
    if (refs.length === 0 && urlRefs.length === 0) return;
    const label = (safely(() => spec.facts(subject).name, undefined) ?? safely(() => spec.urlFacts(subject)[0], undefined) ?? '').slice(0, 200);
    told = true;
    post({ site: spec.site.id, url: url.href.slice(0, 2048), urlRefs, refs, label });
  };
}

/**
 * The side-panel-only run of a panel feature: reads the page's subject and hands it to the side
 * panel; adds nothing to the page.
 *
 * @example await feedSidePanel(linkedinProfilePanel, { signal, doc: document, url, send: sendMessage, wait });
 */
export async function feedSidePanel<Subject>(
  spec: PanelFeatureSpec<Subject>,
  deps: Pick<PanelRunnerDeps<Subject>, 'signal' | 'doc' | 'url' | 'element' | 'send' | 'wait'>,
): Promise<void> {
  const first = safely(() => spec.extract(deps.doc, deps.url, deps.element), null);
  if (first === null || deps.signal.aborted) return;
  const tell = subjectTeller(spec, deps);
  if (spec.settled(first)) return tell(first, true);
  // The URL's refs at once (the side panel finds the cached brief by them), the page's once it settled.
  tell(first, false);
  const settled = await settle(spec, deps, first);
  tell(settled, true);
}

function safely<T>(run: () => T, fallback: T): T {
  try {
    return run();
  } catch {
    return fallback;
  }
}
