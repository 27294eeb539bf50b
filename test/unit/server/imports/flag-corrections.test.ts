/**
 * `keepingFlagCorrections`: which imported values would undo an admin's correction from a flag
 * (the CRM sending back exactly the value the correction replaced) and are held back, with what
 * derives from them; every other value goes through. The end-to-end case (flag accepted, import
 * again, brief) is in test/unit/server/flags/flags.test.ts.
 */
import { describe, expect, it } from 'vitest';
import { keepingFlagCorrections } from '../../../../server/ingest/csv/provenance.ts';

const corrected = (fields: Record<string, string | null>) =>
  JSON.stringify(Object.fromEntries(Object.entries(fields).map(([f, replaced]) => [f, { source: 'flag', refreshedAt: '2026-11-23T09:01:00.000Z', replaced }])));

describe('keepingFlagCorrections', () => {
  it('holds back the replaced value, numbers compared as written, and a name with its key', () => {
    const sources = corrected({ employees: '2000', name: 'Acme Inc' });
    const { values, kept } = keepingFlagCorrections({ employees: 2000, name: 'Acme Inc', name_key: 'acme inc', industry: 'Software' }, sources, { name: ['name_key'] });
    expect(kept.sort()).toEqual(['employees', 'name']);
    expect(values).toEqual({ employees: undefined, name: undefined, name_key: undefined, industry: 'Software' });
  });

  it('lets through a new value, a field no flag corrected, an import-set field, and an empty cell', () => {
    const sources = JSON.stringify({
      ...JSON.parse(corrected({ title: 'VP Eng', location: null })),
      industry: { source: 'import:accounts', refreshedAt: '2026-11-01T00:00:00.000Z' },
    });
    const input = { title: 'CTO', location: 'Oslo', industry: 'Software', seniority: undefined };
    expect(keepingFlagCorrections(input, sources)).toEqual({ values: input, kept: [] });
    expect(keepingFlagCorrections(input, 'not json')).toEqual({ values: input, kept: [] });
  });
});
