/**
 * The people of a thread (or an event), one line each, as the server answered them in one request:
 * a CRM contact with their title, buying role and account, or "Not in CRM" with the people the
 * server suggests they might be. Presentational; every CRM and page string renders as text.
 */
import type { PersonAnswer } from '../core/page/several-people.ts';

const ROLE_WORDS: Record<string, string> = {
  decision_maker: 'decision maker',
  champion: 'champion',
  influencer: 'influencer',
  blocker: 'blocker',
  user: 'user',
  other: 'other role',
};

function who(answer: PersonAnswer): string {
  const ref = answer.ref;
  if (ref.kind === 'email') return ref.name ? `${ref.name} <${ref.address}>` : ref.address;
  return 'name' in ref && typeof ref.name === 'string' ? ref.name : '';
}

/**
 * @example <PeopleList people={state.people} />
 */
export function PeopleList({ people }: { people: readonly PersonAnswer[] }) {
  return (
    <div className="flex flex-col gap-[4px]">
      <p className="m-0 text-[12px] font-semibold uppercase tracking-wide text-slate-600 dark:text-slate-300">{`People on this thread (${people.length})`}</p>
      <ul className="m-0 flex list-none flex-col gap-[4px] p-0" aria-label="People on this thread">
        {people.map((answer, i) => {
          const contact = answer.brief?.contact;
          const account = answer.brief?.account;
          if (contact) {
            const role = contact.buyingRole ? ROLE_WORDS[contact.buyingRole] : undefined;
            const title = contact.title.value ?? undefined;
            const parts = [title, role, account ? `at ${account.name}` : undefined].filter(Boolean);
            return (
              <li key={i} data-person="contact" className="m-0">
                <span className="font-semibold">{contact.name}</span>
                {parts.length ? <span className="text-slate-600 dark:text-slate-300">{` · ${parts.join(' · ')}`}</span> : null}
              </li>
            );
          }
          if (account) {
            return (
              <li key={i} data-person="account-only" className="m-0">
                <span className="font-semibold">{who(answer)}</span>
                <span className="text-slate-600 dark:text-slate-300">{` · not a contact yet · at ${account.name}`}</span>
              </li>
            );
          }
          return (
            <li key={i} data-person="not-in-crm" className="m-0">
              <span className="font-semibold">{who(answer)}</span>
              <span className="text-slate-600 dark:text-slate-300"> · Not in CRM</span>
              {answer.suggestions.length > 0 ? (
                <span className="block text-[12px] text-slate-600 dark:text-slate-300">
                  {`Could be: ${answer.suggestions
                    .slice(0, 3)
                    .map((s) => [s.name, s.title, s.accountName ? `at ${s.accountName}` : undefined].filter(Boolean).join(', '))
                    .join('; ')}`}
                </span>
              ) : null}
            </li>
          );
        })}
      </ul>
    </div>
  );
}
