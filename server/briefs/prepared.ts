/**
 * Compile-once queries. Kysely builds and compiles a query on every call, which costs more than
 * SQLite takes to answer a point lookup; the brief runs on every profile view, so its queries
 * are built once per database with named placeholders and only their parameters change.
 *
 * A placeholder is a sentinel string the builder passes where a value goes; after compiling,
 * the sentinel's positions in `parameters` are remembered and filled on each run. Constants
 * written into the builder (limits, fixed keys) stay as compiled.
 *
 * @example
 * const contactName = prepared<'team' | 'id', { name: string }>((db, p) =>
 *   db.selectFrom('contacts').select('name').where('team_id', '=', p('team')).where('id', '=', p('id')));
 * const rows = await contactName(openedDb, { team: teamId, id: contactId });
 */
import type { CompiledQuery, Compilable } from 'kysely';
import type { DB, Dialect, OpenedDatabase } from '../db/connect.ts';
import { executeCompiled } from '../db/execute.ts';

const SENTINEL = '\u0000param:';

export type PreparedQuery<P extends string, R> = (db: OpenedDatabase, params: Readonly<Record<P, string>>) => Promise<R[]>;

export function prepared<P extends string, R>(
  build: (db: DB, param: (name: P) => string, dialect: Dialect) => Compilable<unknown>,
): PreparedQuery<P, R> {
  const compiledFor = new WeakMap<DB, { query: CompiledQuery; slots: (P | null)[] }>();
  return async (db, params) => {
    let compiled = compiledFor.get(db.kysely);
    if (!compiled) {
      const query = build(db.kysely, (name) => `${SENTINEL}${name}`, db.dialect).compile();
      const slots = query.parameters.map((v) => (typeof v === 'string' && v.startsWith(SENTINEL) ? (v.slice(SENTINEL.length) as P) : null));
      compiled = { query, slots };
      compiledFor.set(db.kysely, compiled);
    }
    const { query, slots } = compiled;
    const parameters = query.parameters.map((value, i) => {
      const slot = slots[i];
      if (slot === null || slot === undefined) return value;
      const given = params[slot];
      if (given === undefined) throw new Error(`prepared query: no value for ${slot}`);
      return given;
    });
    return executeCompiled<R>(db.kysely, { ...query, parameters } as CompiledQuery<R>);
  };
}
