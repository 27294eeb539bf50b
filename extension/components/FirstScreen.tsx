/**
 * The panel's first screen (issue 11): what a rep reads in five seconds, each thing once.
 * - why now: the one most important signal, with its age;
 * - the next step, with the control that does it (log a call, email the address, copy it); when the
 *   step is about someone else at the account it says who and why; when nobody holds the role, how
 *   to find one; after a job change, the step that follows from it and the new company's name;
 * - the open deal: stage, amount in its currency, close date and its worst risk.
 * Who (name, title at company, the match) is the panel's header above it. Text only; links only
 * through safe-href. There is no "open the CRM record" (the brief carries no record URL) and no
 * "create task" (no message for it): a task step is said in words.
 */
import { useState, type ReactNode } from 'react';
import type { ActivityType } from '../../shared/activity.ts';
import type { Brief, DealView, Signal } from '../../shared/brief.ts';
import { PRIORITY_LABELS } from '../../shared/priority.ts';
import type { TouchState, TouchWith } from '../core/page/panel-runner.ts';
import { BUTTON, PRIMARY_BUTTON } from './buttons.ts';
import { formatAge, formatDay, formatMoney } from './format.ts';
import { mailtoHref, telHref } from './safe-href.ts';

/** The signal that answers "why now": the most urgent, then the newest. */
export function topSignal(signals: readonly Signal[]): Signal | undefined {
  return [...signals].sort((a, b) => a.priority - b.priority || b.occurredAt.localeCompare(a.occurredAt))[0];
}

/** The open deal shown first: the one closing soonest (an undated one last). */
export function firstDeal(deals: readonly DealView[]): DealView | undefined {
  return [...deals].sort((a, b) => (a.closeDate ?? '9999').localeCompare(b.closeDate ?? '9999'))[0];
}

/** "Proposal · €48,000 · closes 2026-06-30": the deal in one line, nothing empty. */
export function dealLine(deal: DealView): string {
  return [dealLead(deal), deal.closeDate ? `closes ${formatDay(deal.closeDate)}` : undefined].filter(Boolean).join(' · ');
}

/** "Proposal · €48,000": the deal's stage and amount, the line's part that is not a date. */
function dealLead(deal: DealView): string {
  return [deal.stage, formatMoney(deal.amount, deal.currency)].filter(Boolean).join(' · ');
}

const PRIORITY_DOT = { 1: 'bg-emerald-600', 2: 'bg-sky-600', 3: 'bg-violet-600', 4: 'bg-slate-400 dark:bg-slate-500' } as const;

/** The touches the next step logs, as its status line names them. */
const STEP_TOUCHES: Partial<Record<ActivityType, string>> = { call: 'Call', meeting: 'Meeting', email: 'Email' };
const TOUCH_WORDS = { saving: 'Saving…', saved: 'Saved', synced: 'Synced', needs_attention: 'Needs attention' } as const;

const LINK_BUTTON = `${PRIMARY_BUTTON} inline-block no-underline`;

export interface FirstScreenProps {
  brief: Brief;
  now: Date;
  touchState?: TouchState | undefined;
  /** Logs a touch (the outbox): with the person on screen, or with the next step's someone else. */
  onLog?: ((type: ActivityType, withWhom?: TouchWith) => void) | undefined;
  /** Copies text to the clipboard (a parameter so tests need no clipboard); default navigator.clipboard. */
  copy?: (text: string) => Promise<void>;
  /** The job change banner, when the page shows one: it names the new employer, so the step does not again. */
  jobChange?: ReactNode;
}

/**
 * @example
 * <FirstScreen brief={brief} now={now} onLog={actions.logTouch} />
 */
export function FirstScreen({ brief, now, touchState, onLog, copy = defaultCopy, jobChange }: FirstScreenProps) {
  const signal = topSignal(brief.signals);
  const deal = firstDeal(brief.openDeals);
  const nba = brief.nextBestAction;
  const age = signal ? formatAge(signal.occurredAt, now) : undefined;
  return (
    <div className="flex flex-col gap-[6px]" data-first-screen="">
      {signal ? (
        <p className="m-0 flex items-baseline gap-[6px]" data-line="why-now">
          <span className={`inline-block h-[8px] w-[8px] shrink-0 rounded-full ${PRIORITY_DOT[signal.priority]}`} role="img" aria-label={PRIORITY_LABELS[signal.priority]} />
          <span className="min-w-0 flex-1">
            {signal.reason}
            {/* Its age when the date can be read; never a bare separator. */}
            {age ? <span className="text-slate-500 dark:text-slate-400">{` · ${age}`}</span> : null}
          </span>
        </p>
      ) : null}
      {jobChange}
      {nba ? <NextStep brief={brief} whyNow={signal?.reason} touchState={touchState} onLog={onLog} copy={copy} namesEmployer={!jobChange} /> : null}
      {deal ? (
        <div className="rounded-[6px] border border-slate-200 dark:border-slate-700 p-[6px]" data-line="deal">
          <p className="m-0">
            <span className="text-slate-500 dark:text-slate-400">Open deal: </span>
            {/* The close date in a <time>: a calendar date, machine-readable (and a visual check masks it). */}
            <span className="font-semibold">
              {dealLead(deal)}
              {deal.closeDate ? (
                <>
                  {dealLead(deal) ? ' · ' : ''}closes <time className="whitespace-nowrap" dateTime={deal.closeDate}>{formatDay(deal.closeDate)}</time>
                </>
              ) : null}
            </span>
            {brief.openDeals.length > 1 ? <span className="text-slate-500 dark:text-slate-400">{` · ${brief.openDeals.length - 1} more below`}</span> : null}
          </p>
          {deal.risks[0] ? (
            <p className="m-0 text-rose-800 dark:text-rose-300" data-line="deal-risk">
              <span className="font-semibold">Risk: </span>
              {deal.risks[0].reason}
            </p>
          ) : null}
        </div>
      ) : null}
    </div>
  );
}

async function defaultCopy(text: string): Promise<void> {
  await navigator.clipboard.writeText(text);
}

interface NextStepProps {
  brief: Brief;
  whyNow: string | undefined;
  touchState?: TouchState | undefined;
  onLog?: ((type: ActivityType, withWhom?: TouchWith) => void) | undefined;
  copy: (text: string) => Promise<void>;
  /** Whether to name the new employer (no banner above does). */
  namesEmployer?: boolean;
}

/** The next step: what to do, about whom, and the one control that does it. */
function NextStep({ brief, whyNow, touchState, onLog, copy, namesEmployer = true }: NextStepProps) {
  const nba = brief.nextBestAction!;
  const { action, about, newEmployer } = nba;
  // The reason is said once: the why-now line already says it when it is the top signal's.
  const reason = nba.reason !== whyNow ? nba.reason : undefined;
  let context: string | undefined;
  if (about.kind === 'someone-else') context = reason ? `${about.who}: ${reason}` : about.who;
  else if (about.kind === 'find') context = about.how;
  else context = reason;
  return (
    <div className="rounded-[6px] bg-sky-50 dark:bg-sky-950 p-[8px]" data-section="next-best-action">
      {newEmployer && namesEmployer ? (
        <p className="m-0 text-[12px] font-semibold text-amber-900 dark:text-amber-200" data-line="new-employer">
          {newEmployer.accountId ? `Now at ${newEmployer.name}, an account in the CRM` : `Now at ${newEmployer.name}`}
        </p>
      ) : null}
      <p className="m-0 font-semibold text-slate-900 dark:text-slate-100" data-line="next-step">
        {action.text}
      </p>
      {context ? (
        <p className="m-0 text-[12px] text-slate-700 dark:text-slate-300" data-line="next-step-why">
          {context}
        </p>
      ) : null}
      <div className="mt-[6px] flex flex-wrap items-center gap-[4px]">
        <StepControls brief={brief} touchState={touchState} onLog={onLog} copy={copy} />
      </div>
      {touchState && STEP_TOUCHES[touchState.type] ? (
        <p className="m-0 text-[12px] text-slate-700 dark:text-slate-300" aria-live="polite" data-step-outbox={touchState.status}>
          {`${STEP_TOUCHES[touchState.type]}: ${TOUCH_WORDS[touchState.status]}`}
        </p>
      ) : null}
    </div>
  );
}

/** The controls that do the step, by its channel and whom it is about. */
function StepControls({ brief, touchState, onLog, copy }: Omit<NextStepProps, 'whyNow' | 'namesEmployer'>) {
  const nba = brief.nextBestAction!;
  const { action, about } = nba;
  const [copied, setCopied] = useState<'yes' | 'no' | undefined>();
  const aboutThisPerson = about.kind === 'this-person';
  const contact = brief.contact;
  // A touch is logged against the person on screen, so only a step about them offers to log one.
  const canLog = aboutThisPerson && contact !== null && onLog !== undefined;
  const phones =
    about.kind === 'someone-else'
      ? (brief.stakeholders.find((s) => s.contactId === about.contactId)?.phones ?? [])
      : aboutThisPerson
        ? (contact?.phones?.value ?? [])
        : [];
  const phone = phones.map((p) => ({ p, href: telHref(p) })).find((x) => x.href);
  const email = aboutThisPerson ? contact?.emails.map((e) => ({ e, href: mailtoHref(e) })).find((x) => x.href) : undefined;
  const saving = touchState?.status === 'saving';
  const controls = [];
  if (action.channel === 'email' && email) {
    controls.push(
      <a key="mailto" className={LINK_BUTTON} href={email.href}>
        {`Email ${email.e}`}
      </a>,
    );
  }
  if (action.channel === 'call' && phone) {
    controls.push(
      <a key="tel" className={LINK_BUTTON} href={phone.href}>
        {`Call ${phone.p}`}
      </a>,
    );
  }
  if (canLog && (action.channel === 'call' || action.channel === 'meeting' || action.channel === 'email')) {
    const type: ActivityType = action.channel;
    const label = { call: 'Log a call', meeting: 'Log a meeting', email: 'Log an email' }[action.channel];
    controls.push(
      <button key="log" type="button" className={controls.length === 0 ? PRIMARY_BUTTON : BUTTON} disabled={saving} onClick={() => onLog!(type)}>
        {label}
      </button>,
    );
  }
  if (canLog && action.channel === 'linkedin') {
    controls.push(
      <button key="log" type="button" className={PRIMARY_BUTTON} disabled={saving} onClick={() => onLog!('linkedin_message')}>
        Log a LinkedIn message
      </button>,
    );
  }
  if (email) {
    controls.push(
      <button
        key="copy"
        type="button"
        className={BUTTON}
        data-copy={email.e}
        onClick={() => void copy(email.e).then(() => setCopied('yes'), () => setCopied('no'))}
      >
        {/* Its name holds its visible words (WCAG 2.5.3, axe's label-content-name-mismatch) and then the address. */}
        {copied === 'yes' ? 'Copied' : copied === 'no' ? 'Could not copy' : 'Copy address'}
        <span className="sr-only">{` ${email.e}`}</span>
      </button>,
    );
  }
  // A step about someone else at the account logs its touch with them (the brief lists them as a stakeholder).
  const other = about.kind === 'someone-else' && onLog && brief.stakeholders.some((s) => s.contactId === about.contactId) ? about : undefined;
  if (other && (action.channel === 'call' || action.channel === 'meeting' || action.channel === 'email')) {
    const type: ActivityType = action.channel;
    const verb = { call: 'Log a call with', meeting: 'Log a meeting with', email: 'Log an email to' }[action.channel];
    controls.push(
      <button key="log-other" type="button" className={controls.length === 0 ? PRIMARY_BUTTON : BUTTON} disabled={saving} onClick={() => onLog!(type, { contactId: other.contactId, name: other.name })}>
        {`${verb} ${other.name}`}
      </button>,
    );
  }
  if (controls.length === 0 && about.kind === 'someone-else') {
    // No number for them and no way to open their brief from the page: their name, said above, is the lead.
    return <span className="text-[12px] text-slate-600 dark:text-slate-300">{`No phone number for ${about.name} in the CRM.`}</span>;
  }
  return <>{controls}</>;
}
