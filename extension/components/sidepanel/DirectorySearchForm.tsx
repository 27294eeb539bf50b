/**
 * The side panel's search box: accounts and contacts by name, domain, email or LinkedIn URL.
 */
import { useId, useState, type FormEvent } from 'react';
import { BUTTON, INPUT } from '../buttons.ts';

/**
 * @example
 * <DirectorySearchForm busy={false} onSearch={(q) => search(q)} />
 */
export function DirectorySearchForm({ busy, onSearch }: { busy: boolean; onSearch: (query: string) => void }) {
  const [query, setQuery] = useState('');
  const id = useId();
  const submit = (event: FormEvent) => {
    event.preventDefault();
    const trimmed = query.trim();
    if (trimmed) onSearch(trimmed);
  };
  return (
    <form role="search" onSubmit={submit} className="flex items-center gap-[6px]" aria-busy={busy}>
      <label htmlFor={id} className="sr-only">
        Search accounts and contacts
      </label>
      <input
        id={id}
        type="search"
        className={INPUT}
        value={query}
        maxLength={200}
        placeholder="Name, domain, email or LinkedIn URL"
        onChange={(e) => setQuery(e.target.value)}
      />
      <button type="submit" className={BUTTON} disabled={busy}>
        Search
      </button>
    </form>
  );
}
