/**
 * What one batch will write to one table: rows to insert and, for rows that already existed, the
 * columns that changed. Rows are edited in memory while the batch is decided (a later row of the
 * same batch sees an earlier one's effect), then written in a few statements at the end.
 *
 * @example
 * const changes = new BatchChanges<AccountRow>();
 * changes.created(row);            // inserted at flush
 * changes.changed(existing, ['tier']); // `update … set tier` at flush
 * await changes.flush(insertRows, updateRow);
 */
export class BatchChanges<R extends { id: string }> {
  private readonly inserts = new Map<string, R>();
  private readonly updates = new Map<string, { row: R; fields: Set<string> }>();

  created(row: R): void {
    this.inserts.set(row.id, row);
  }

  /** Records changed columns of an existing row; a row created in this batch is inserted whole anyway. */
  changed(row: R, fields: readonly string[]): void {
    if (fields.length === 0 || this.inserts.has(row.id)) return;
    const entry = this.updates.get(row.id) ?? { row, fields: new Set<string>() };
    for (const field of fields) entry.fields.add(field);
    this.updates.set(row.id, entry);
  }

  async flush(insert: (rows: R[]) => Promise<unknown>, update: (row: R, set: Partial<R>) => Promise<unknown>): Promise<void> {
    if (this.inserts.size) await insert([...this.inserts.values()]);
    for (const { row, fields } of this.updates.values()) {
      const set: Partial<R> = {};
      for (const field of fields) (set as Record<string, unknown>)[field] = (row as Record<string, unknown>)[field];
      await update(row, set);
    }
  }
}
