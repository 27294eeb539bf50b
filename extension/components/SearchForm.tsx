/**
 * A small "search the CRM" form: the query goes to the caller, results come back as suggestions.
 */
import { useId, useState, type FormEvent } from 'react';
import { BUTTON, INPUT } from './buttons.ts';

/**
 * @example
 * <SearchForm initialQuery="Jane Doe" onSearch={(q) => search(q)} />
 */
export function SearchForm({ initialQuery = '', onSearch }: { initialQuery?: string; onSearch: (query: string) => void }) {
  const [query, setQuery] = useState(initialQuery);
  const id = useId();
  const submit = (event: FormEvent) => {
    event.preventDefault();
    const trimmed = query.trim();
    if (trimmed) onSearch(trimmed);
  };
  return (
    <form role="search" onSubmit={submit} className="flex items-center gap-[6px]">
      <label htmlFor={id} className="sr-only">
        Search CRM contacts
      </label>
      <input id={id} type="search" className={INPUT} value={query} placeholder="Search CRM contacts" onChange={(e) => setQuery(e.target.value)} />
      <button type="submit" className={BUTTON}>
        Search
      </button>
    </form>
  );
}
