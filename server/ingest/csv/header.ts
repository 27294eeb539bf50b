/**
 * The header row: column names are matched case-insensitively, with spaces and hyphens read as
 * underscores (`Owner Email` is `owner_email`). A header that names an unknown column, names one
 * twice, or lacks a required one refuses the whole file: guessing would write data into the
 * wrong place.
 */
import { MAX_COLUMNS } from './guard.ts';
import { MAX_LISTED_ERRORS, type EntityImporter, type RowError } from './types.ts';

/** @example columnName(' Owner Email ') // 'owner_email' */
export const columnName = (raw: string) =>
  raw
    .trim()
    .toLowerCase()
    .replace(/[\s-]+/g, '_');

/**
 * The header's column names, or the errors (row 1) that refuse the file: one error for a header
 * wider than MAX_COLUMNS (JSON rows can have that many keys), otherwise one per column at fault,
 * at most MAX_LISTED_ERRORS of them.
 *
 * @example checkHeader(contactsImporter, ['Name', 'Emails']) // { columns: ['name', 'emails'] }
 */
export function checkHeader(importer: EntityImporter<unknown>, cells: readonly string[]): { columns: string[] } | { errors: RowError[] } {
  if (cells.length > MAX_COLUMNS) {
    return {
      errors: [{ row: 1, column: '(row)', message: `has ${cells.length} columns: an import reads at most ${MAX_COLUMNS} (${importer.entity} has ${importer.columns.length}, see docs/imports.md)` }],
    };
  }
  const errors: RowError[] = [];
  const known = new Set(importer.columns);
  const columns = cells.map(columnName);
  const seen = new Set<string>();
  for (const [index, column] of columns.entries()) {
    if (!column) errors.push({ row: 1, column: `#${index + 1}`, message: 'this column has no name' });
    else if (!known.has(column)) errors.push({ row: 1, column, message: `unknown column for ${importer.entity} (see docs/imports.md)` });
    else if (seen.has(column)) errors.push({ row: 1, column, message: 'this column appears twice' });
    seen.add(column);
  }
  for (const column of importer.required) {
    if (!seen.has(column)) errors.push({ row: 1, column, message: 'this required column is missing' });
  }
  for (const group of importer.requiredOneOf ?? []) {
    if (!group.some((c) => seen.has(c))) errors.push({ row: 1, column: group.join(' or '), message: 'one of these columns is required' });
  }
  return errors.length ? { errors: errors.slice(0, MAX_LISTED_ERRORS) } : { columns };
}
