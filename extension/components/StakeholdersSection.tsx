/**
 * The other people on the account: buying role, when we last touched them, and a call action for their numbers.
 */
import type { Stakeholder } from '../../shared/brief.ts';
import { ROLE_LABELS, formatAge, humanize } from './format.ts';
import { telHref } from './safe-href.ts';
import { Section, type Fold } from './Section.tsx';

/**
 * @example
 * <StakeholdersSection stakeholders={brief.stakeholders} now={now} />
 */
export function StakeholdersSection({ stakeholders, now, fold }: { stakeholders: Stakeholder[]; now: Date; fold?: Fold }) {
  const roles = [...new Set(stakeholders.map((s) => s.role).filter((r): r is NonNullable<typeof r> => r !== null && r !== 'other'))];
  return (
    <Section title="Stakeholders" count={stakeholders.length} summary={roles.map((r) => ROLE_LABELS[r]).join(', ')} {...fold}>
      {stakeholders.length === 0 ? (
        <p className="m-0 text-slate-500 dark:text-slate-400">No other contacts on this account.</p>
      ) : (
        <ul className="m-0 list-none p-0">
          {stakeholders.map((s) => (
            <li key={s.contactId} className="py-[1px]">
              <span className="font-semibold">{s.name}</span>
              {s.title ? <span className="text-slate-600 dark:text-slate-300">{` · ${s.title}`}</span> : null}
              {s.role ? <span className="ml-[4px] rounded-[3px] bg-slate-100 dark:bg-slate-800 px-[4px] text-[11px]">{ROLE_LABELS[s.role]}</span> : null}
              <span className="block text-[11px] text-slate-500 dark:text-slate-400">
                {s.lastTouch
                  ? `Last touch: ${humanize(s.lastTouch.type)} · ${formatAge(s.lastTouch.at, now) ?? s.lastTouch.at}`
                  : 'Never touched'}
              </span>
              {(s.phones ?? []).map((phone) => {
                const href = telHref(phone);
                return href ? (
                  <a key={phone} className="mr-[6px] text-[11px] text-sky-700 dark:text-sky-300 underline" href={href} aria-label={`Call ${s.name} on ${phone}`}>
                    {phone}
                  </a>
                ) : (
                  <span key={phone} className="mr-[6px] text-[11px]">
                    {phone}
                  </span>
                );
              })}
            </li>
          ))}
        </ul>
      )}
    </Section>
  );
}
