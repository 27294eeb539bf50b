/**
 * The background's selector-drift reports: one row per site, page kind, selector, version and day,
 * counted; only names that pass the shared schema are kept (nothing else could leave the machine);
 * sent in requests of at most 50, each the exact shape shared/drift.ts accepts; a failed send keeps
 * them unsent, a count that grew after a send sends only the difference; old rows are dropped.
 */
import { describe, expect, it } from 'vitest';
import { DriftReportsRequest } from '../../../../shared/drift.ts';
import type { Api } from '../../../../extension/core/background/api.ts';
import { createDriftPort, DRIFT_STORAGE_KEY, type DriftStorage } from '../../../../extension/core/background/drift-reports.ts';
import { createHandlers, dispatch } from '../../../../extension/core/background/handlers.ts';
import type { Connection } from '../../../../extension/core/background/connection.ts';

function memoryStorage(): DriftStorage & { data: Record<string, unknown> } {
  const data: Record<string, unknown> = {};
  return {
    data,
    get: async (key) => (key in data ? { [key]: structuredClone(data[key]) } : {}),
    set: async (items) => void Object.assign(data, structuredClone(items)),
  };
}

/** An api whose drift endpoint records each request and answers as told. */
function driftApi(answers: boolean[] = []) {
  const requests: unknown[] = [];
  const api = {
    driftReports: async (request: unknown) => {
      requests.push(request);
      return answers.shift() === false ? { ok: false as const, error: { kind: 'offline' as const, message: 'down' } } : { ok: true as const, value: null };
    },
  } as unknown as Api;
  return { api, requests };
}

const at = (iso: string) => () => new Date(iso);

describe('drift reports', () => {
  it('counts the same selector on the same day as one report, and another day as another', async () => {
    const storage = memoryStorage();
    let now = '2026-12-04T10:00:00Z';
    const drift = createDriftPort({ storage, version: '0.1.0', now: () => new Date(now) });
    await drift.record({ site: 'linkedin', pageKind: 'profile', selectors: ['linkedin.profile.name'] });
    await drift.record({ site: 'linkedin', pageKind: 'profile', selectors: ['linkedin.profile.name'] });
    now = '2026-12-05T08:00:00Z';
    await drift.record({ site: 'linkedin', pageKind: 'profile', selectors: ['linkedin.profile.name'] });
    const listed = await drift.list();
    expect(listed.ok && listed.value.reports).toEqual([
      { site: 'linkedin', pageKind: 'profile', selector: 'linkedin.profile.name', extensionVersion: '0.1.0', day: '2026-12-05', count: 1, sent: false },
      { site: 'linkedin', pageKind: 'profile', selector: 'linkedin.profile.name', extensionVersion: '0.1.0', day: '2026-12-04', count: 2, sent: false },
    ]);
  });

  it('keeps no name the shared schema refuses (page text cannot slip in as a selector name)', async () => {
    const storage = memoryStorage();
    const drift = createDriftPort({ storage, version: '0.1.0', now: at('2026-12-04T10:00:00Z') });
    await drift.record({ site: 'linkedin', pageKind: 'profile', selectors: ['Daniel Ortega Lind', 'linkedin.profile.name'] });
    expect((storage.data[DRIFT_STORAGE_KEY] as unknown[]).length).toBe(1);
  });

  it('refuses a message whose names are not drift names, before keeping anything', async () => {
    const storage = memoryStorage();
    const drift = createDriftPort({ storage, version: '0.1.0', now: at('2026-12-04T10:00:00Z') });
    const handlers = createHandlers({ connection: { api: async () => ({ ok: false }) } as unknown as Connection, drift, now: at('2026-12-04T10:00:00Z') });
    const answer = await dispatch(handlers, 'reportDrift', { site: 'linkedin', pageKind: 'profile', selectors: ['<h1>Jane Doe</h1>'] }, { url: 'https://www.linkedin.com/in/x/' }, 'chrome-extension://id/');
    expect(answer.ok).toBe(false);
    expect(storage.data[DRIFT_STORAGE_KEY]).toBeUndefined();
  });

  it('sends what the server lacks in requests of at most 50, each as shared/drift.ts accepts it', async () => {
    const storage = memoryStorage();
    const drift = createDriftPort({ storage, version: '0.1.0', now: at('2026-12-04T10:00:00Z') });
    for (let i = 0; i < 60; i++) await drift.record({ site: 'linkedin', pageKind: 'profile', selectors: [`linkedin.part-${i}`] });
    const { api, requests } = driftApi();
    await drift.flush(api);
    expect(requests.map((r) => (r as { reports: unknown[] }).reports.length)).toEqual([50, 10]);
    for (const request of requests) expect(DriftReportsRequest.safeParse(request).success).toBe(true);
    const listed = await drift.list();
    expect(listed.ok && listed.value.reports.every((r) => r.sent)).toBe(true);
    // Nothing new: nothing sent.
    await drift.flush(api);
    expect(requests).toHaveLength(2);
  });

  it('keeps reports unsent when the server is away, and sends only the growth after a send', async () => {
    const storage = memoryStorage();
    const drift = createDriftPort({ storage, version: '0.1.0', now: at('2026-12-04T10:00:00Z') });
    await drift.record({ site: 'linkedin', pageKind: 'profile', selectors: ['linkedin.profile.name'] });
    const { api, requests } = driftApi([false, true, true]);
    await drift.flush(api);
    let listed = await drift.list();
    expect(listed.ok && listed.value.reports[0]!.sent).toBe(false);
    await drift.flush(api);
    await drift.record({ site: 'linkedin', pageKind: 'profile', selectors: ['linkedin.profile.name'] });
    await drift.record({ site: 'linkedin', pageKind: 'profile', selectors: ['linkedin.profile.name'] });
    await drift.flush(api);
    expect(requests.map((r) => (r as { reports: Array<{ count: number }> }).reports[0]!.count)).toEqual([1, 1, 2]);
    listed = await drift.list();
    expect(listed.ok && listed.value.reports[0]).toMatchObject({ count: 3, sent: true });
  });

  it('drops reports older than 30 days', async () => {
    const storage = memoryStorage();
    let now = '2026-11-01T10:00:00Z';
    const drift = createDriftPort({ storage, version: '0.1.0', now: () => new Date(now) });
    await drift.record({ site: 'linkedin', pageKind: 'profile', selectors: ['linkedin.profile.name'] });
    now = '2026-12-04T10:00:00Z';
    await drift.record({ site: 'linkedin', pageKind: 'profile', selectors: ['linkedin.profile.headline'] });
    const listed = await drift.list();
    expect(listed.ok && listed.value.reports.map((r) => r.selector)).toEqual(['linkedin.profile.headline']);
  });
});
