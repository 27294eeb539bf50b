/**
 * PostgreSQL cannot store a NUL character (U+0000) in text or JSON, and on SQLite text functions
 * stop at it: a JSON body whose strings carry one (`"\u0000"`) is refused as a client's mistake
 * (422 naming the field) before any route sees it, rather than failing in the database with a 500.
 */

/**
 * The path of the first string (or object key) holding a NUL, or null when there is none.
 * Walks with its own stack, so a deeply nested body cannot overflow the call stack.
 *
 * @example nulPath({ events: [{ topic: 'ok' }, { topic: 'a\u0000b' }] }) // ['events', 1, 'topic']
 */
export function nulPath(value: unknown): PropertyKey[] | null {
  const stack: Array<{ value: unknown; path: PropertyKey[] }> = [{ value, path: [] }];
  while (stack.length) {
    const { value: current, path } = stack.pop()!;
    if (typeof current === 'string') {
      if (current.includes('\0')) return path;
    } else if (Array.isArray(current)) {
      for (let i = current.length - 1; i >= 0; i -= 1) stack.push({ value: current[i], path: [...path, i] });
    } else if (current !== null && typeof current === 'object') {
      const entries = Object.entries(current);
      for (let i = entries.length - 1; i >= 0; i -= 1) {
        const [key, child] = entries[i]!;
        if (key.includes('\0')) return [...path, key];
        stack.push({ value: child, path: [...path, key] });
      }
    }
  }
  return null;
}

export const NUL_IN_JSON = 'contains a NUL character (\\u0000), which cannot be stored';
