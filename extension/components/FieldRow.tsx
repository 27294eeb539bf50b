/**
 * A labelled `Field<T>` (value with source, age and staleness); nothing when the value is unknown,
 * so the panel stays short.
 */
import type { ReactNode } from 'react';
import type { Field } from '../../shared/brief.ts';
import { Provenance } from './Provenance.tsx';
import { Row } from './Section.tsx';

export interface FieldRowProps<T> {
  label: string;
  field: Field<T>;
  now: Date;
  /** How to show the value; strings show as they are. */
  render?: (value: T) => ReactNode;
}

/**
 * @example
 * <FieldRow label="Industry" field={account.industry} now={now} />
 */
export function FieldRow<T>({ label, field, now, render }: FieldRowProps<T>) {
  if (field.value === null) return null;
  const shown = render ? render(field.value) : String(field.value);
  return (
    <Row label={label}>
      <span data-stale={field.stale ? 'true' : undefined} className={field.stale ? 'text-slate-600 dark:text-slate-300' : undefined}>
        {shown}
      </span>
      <Provenance source={field.source} refreshedAt={field.refreshedAt} stale={field.stale} now={now} />
    </Row>
  );
}
