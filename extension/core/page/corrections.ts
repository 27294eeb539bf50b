/**
 * The corrections a rep makes from a profile panel, and where each stands: picking the right
 * person ("wrong match?", "this is them") records an alias for the team and makes the panel ask
 * the server again; "flag wrong data" and the job change banner's flag go to the server's flags.
 * Site-agnostic: the panel runner gives the page's ref (any ref an alias may be recorded for), the
 * site's name in words, the messenger, and how to repaint and reload.
 */
import type { Brief } from '../../../shared/brief.ts';
import type { WrongDataReport } from '../../components/FlagWrongData.tsx';
import type { SendState } from '../../components/SendStatus.tsx';
import type { Candidate } from '../../components/SuggestionList.tsx';
import type { sendMessage } from '../messaging.ts';
import type { Result } from '../protocol.ts';
import type { AliasRef } from './contract.ts';

export interface CorrectionsState {
  /** The candidate whose alias is being saved (its button shows disabled). */
  pickedContactId?: string | undefined;
  alias?: SendState | undefined;
  flag?: SendState | undefined;
  jobChangeFlag?: SendState | undefined;
  /** The last search's hits; undefined before any search. */
  searchResults?: Candidate[] | undefined;
}

export interface CorrectionsDeps {
  signal: AbortSignal;
  repaint: () => void;
  /** The page's ref: what an alias is recorded for (a profile URL, an address, a domain). */
  ref: () => AliasRef;
  /** The site's name in words: "LinkedIn shows … as the current employer". */
  siteName: string;
  /** The extension's messenger (`sendMessage`; a fake in tests). */
  send: typeof sendMessage;
  /** After an alias: ask the server again and paint who the page is now. */
  reload: () => Promise<void>;
}

const SEARCH_LIMIT = 10;

/** A message whose background went away (extension reloaded) answers like any other failure. */
async function settled<T>(send: () => Promise<Result<T>>): Promise<Result<T>> {
  try {
    return await send();
  } catch {
    // Written out rather than `fail()`: protocol.ts at run time would bring zod into the content script.
    return { ok: false, error: { kind: 'unavailable', message: 'No answer from the extension.' } };
  }
}

/**
 * @example
 * const corrections = createCorrections({ signal, repaint, ref: () => toIdentityRef(profile), reload, siteName: 'LinkedIn', send: sendMessage });
 * <Panel … onPickSuggestion={corrections.pick} pickedContactId={corrections.state.pickedContactId} />
 */
export function createCorrections({ signal, repaint, ref, reload, siteName, send: sendMessage }: CorrectionsDeps) {
  const state: CorrectionsState = {};
  const set = (patch: CorrectionsState) => {
    if (signal.aborted) return;
    Object.assign(state, patch);
    repaint();
  };

  async function pick(candidate: Candidate) {
    if (state.alias?.status === 'sending') return;
    set({ pickedContactId: candidate.contactId, alias: { status: 'sending' } });
    const answer = await settled(() => sendMessage('recordAlias', { ref: ref(), contactId: candidate.contactId }));
    if (signal.aborted) return;
    if (!answer.ok) {
      set({ pickedContactId: undefined, alias: { status: 'failed', detail: answer.error.message } });
      return;
    }
    // The panel now shows the picked person; the lists that led to them are done with.
    Object.assign(state, { pickedContactId: undefined, alias: undefined, searchResults: undefined });
    await reload();
  }

  async function search(query: string) {
    const answer = await settled(() => sendMessage('searchDirectory', { q: query.slice(0, 200), limit: SEARCH_LIMIT }));
    const hits = answer.ok
      ? answer.value.contacts.map((c): Candidate => ({
          contactId: c.id,
          name: c.name,
          title: c.title ?? undefined,
          accountName: c.accountName ?? undefined,
          explanation: 'Found by search',
        }))
      : [];
    set({ searchResults: hits });
  }

  async function send(report: WrongDataReport, key: 'flag' | 'jobChangeFlag') {
    set({ [key]: { status: 'sending' } });
    const answer = await settled(() => sendMessage('flagData', report));
    set({ [key]: answer.ok ? { status: 'sent' } : { status: 'failed', detail: answer.error.message } });
  }

  return {
    state,
    pick: (candidate: Candidate) => void pick(candidate),
    search: (query: string) => void search(query),
    flag: (report: WrongDataReport) => void send(report, 'flag'),
    /** The banner's "Flag for CRM update": the contact's employer, with the page's as the right value. */
    flagJobChange: (brief: Brief, pageCompany: string) => {
      if (!brief.contact) return;
      const crm = brief.account?.name;
      const problem = `${siteName} shows ${pageCompany} as the current employer${crm ? `; the CRM has ${crm}` : ''}.`;
      void send({ entity: 'contact', entityId: brief.contact.id, field: 'company', problem: problem.slice(0, 1000), suggestedValue: pageCompany.slice(0, 500) }, 'jobChangeFlag');
    },
  };
}

export type Corrections = ReturnType<typeof createCorrections>;
