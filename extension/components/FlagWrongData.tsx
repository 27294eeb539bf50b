/**
 * "Flag wrong data": pick a field, say what is wrong, optionally suggest the right value.
 * The caller sends the flag to the review queue; nothing here changes CRM data.
 */
import { useId, useState, type FormEvent } from 'react';
import type { Brief } from '../../shared/brief.ts';
import type { FlagEntity } from '../../shared/flag.ts';
import { BUTTON, INPUT, PRIMARY_BUTTON } from './buttons.ts';
import { useDisclosure } from './disclosure.ts';
import { SendStatus, type SendState } from './SendStatus.tsx';

/** A field a rep can flag (names as in shared/flag.ts FLAG_FIELDS), with what the panel showed for it. */
export interface FlaggableField {
  entity: FlagEntity;
  entityId: string;
  field: string;
  label: string;
  current: string;
}

/** What the rep reported. */
export interface WrongDataReport {
  entity: FlaggableField['entity'];
  entityId: string;
  field: string;
  problem: string;
  suggestedValue?: string;
}

function shown(value: unknown): string {
  if (value === null || value === undefined) return '(empty)';
  if (Array.isArray(value)) return value.map((v) => (typeof v === 'object' && v && 'company' in v ? String(v.company) : String(v))).join(', ');
  return String(value);
}

/**
 * The fields of a brief a rep can flag, in panel order.
 *
 * @example
 * flaggableFields(brief).map((f) => f.label) // ['Title', 'In role since', …, 'Industry', …]
 */
export function flaggableFields(brief: Brief): FlaggableField[] {
  const out: FlaggableField[] = [];
  const { contact, account } = brief;
  if (contact) {
    const c = (field: string, label: string, value: unknown) => out.push({ entity: 'contact', entityId: contact.id, field, label, current: shown(value) });
    c('name', 'Name', contact.name);
    c('title', 'Title', contact.title.value);
    c('tenureStart', 'In role since', contact.tenureStart.value);
    c('seniority', 'Seniority', contact.seniority.value);
    c('department', 'Department', contact.department.value);
    c('location', 'Location', contact.location.value);
    c('pastEmployers', 'Past employers', contact.pastEmployers.value);
    c('emails', 'Email', contact.emails);
  }
  if (account) {
    const a = (field: string, label: string, value: unknown) => out.push({ entity: 'account', entityId: account.id, field, label, current: shown(value) });
    a('name', 'Account name', account.name);
    a('domains', 'Website', account.domains);
    a('industry', 'Industry', account.industry.value);
    a('employees', 'Employees', account.employees.value);
    a('revenue', 'Revenue', account.revenue.value);
    a('funding', 'Funding', account.funding.value);
    a('location', 'HQ', account.location.value);
    a('description', 'About', account.description.value);
    a('technologies', 'Technologies', account.technologies.map((t) => t.name));
  }
  for (const deal of brief.openDeals) {
    out.push({ entity: 'deal', entityId: deal.id, field: 'amount', label: `Deal amount: ${deal.name}`, current: shown(deal.amount) });
    out.push({ entity: 'deal', entityId: deal.id, field: 'stage', label: `Deal stage: ${deal.name}`, current: deal.stage });
  }
  return out;
}

export interface FlagWrongDataProps {
  fields: FlaggableField[];
  onFlag: (report: WrongDataReport) => void;
  /** Where the last flag stands: sending, sent, or failed with why. */
  status?: SendState | undefined;
}

/**
 * @example
 * <FlagWrongData fields={flaggableFields(brief)} onFlag={(report) => sendFlag(report)} />
 */
export function FlagWrongData({ fields, onFlag, status }: FlagWrongDataProps) {
  const { open, toggle, buttonProps, regionProps } = useDisclosure(false);
  const [index, setIndex] = useState(0);
  const [problem, setProblem] = useState('');
  const [suggested, setSuggested] = useState('');
  const ids = { field: useId(), problem: useId(), suggested: useId() };
  const chosen = fields[index];
  if (fields.length === 0) return null;

  const submit = (event: FormEvent) => {
    event.preventDefault();
    if (!chosen || !problem.trim()) return;
    const report: WrongDataReport = { entity: chosen.entity, entityId: chosen.entityId, field: chosen.field, problem: problem.trim() };
    if (suggested.trim()) report.suggestedValue = suggested.trim();
    onFlag(report);
    setProblem('');
    setSuggested('');
    toggle();
  };

  return (
    <div data-control="flag-wrong-data">
      <button {...buttonProps} className={BUTTON}>
        {open ? 'Cancel' : 'Flag wrong data'}
      </button>
      {status ? (
        <span className="ml-[6px]">
          <SendStatus state={status} />
        </span>
      ) : null}
      {/* Its fields only while open (what the rep typed is kept in state): a closed form costs the panel's first paint nothing. */}
      <form {...regionProps} onSubmit={submit} className="mt-[6px] flex flex-col gap-[4px]">
        {open ? (
          <>
        <label htmlFor={ids.field} className="text-slate-600 dark:text-slate-300">
          Field
        </label>
        <select id={ids.field} className={INPUT} value={index} onChange={(e) => setIndex(Number(e.target.value))}>
          {fields.map((f, i) => (
            <option key={`${f.entity}-${f.entityId}-${f.field}`} value={i}>
              {`${f.label}: ${f.current}`.slice(0, 80)}
            </option>
          ))}
        </select>
        <label htmlFor={ids.problem} className="text-slate-600 dark:text-slate-300">
          What is wrong?
        </label>
        <textarea id={ids.problem} className={INPUT} rows={2} required maxLength={1000} value={problem} onChange={(e) => setProblem(e.target.value)} />
        <label htmlFor={ids.suggested} className="text-slate-600 dark:text-slate-300">
          Right value (optional)
        </label>
        <input id={ids.suggested} className={INPUT} maxLength={500} value={suggested} onChange={(e) => setSuggested(e.target.value)} />
        <div>
          <button type="submit" className={PRIMARY_BUTTON} disabled={!problem.trim() || status?.status === 'sending'}>
            Send flag
          </button>
        </div>
          </>
        ) : null}
      </form>
    </div>
  );
}
