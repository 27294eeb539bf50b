/**
 * The mail policy the Gmail panel applies (core/background/mail-policy.ts): the admin's list from
 * the server, kept for when it is away, joined with the rep's own personal entries, which are
 * never sent anywhere.
 */
import { describe, expect, it } from 'vitest';
import type { Api } from '../../../../extension/core/background/api.ts';
import { createMailPolicyPort, MAIL_POLICY_FRESH_MS, MAIL_POLICY_RECHECK_MS, type MailPolicyStorage } from '../../../../extension/core/background/mail-policy.ts';

function memoryStorage(): MailPolicyStorage & { data: Record<string, unknown> } {
  const data: Record<string, unknown> = {};
  return { data, get: async (key) => (key in data ? { [key]: data[key] } : {}), set: async (items) => void Object.assign(data, items) };
}

const serverSays = (neverLog: string[], bodies: boolean) => ({ mailPolicy: async () => ({ ok: true, value: { neverLog, bodies } }) }) as unknown as Api;
const serverAway = { mailPolicy: async () => ({ ok: false, error: { kind: 'offline', message: 'offline' } }) } as unknown as Api;

describe('the mail policy the Gmail panel applies', () => {
  it('joins the admin\'s list with the rep\'s personal entries, and keeps the admin\'s for when the server is away', async () => {
    const storage = memoryStorage();
    const port = createMailPolicyPort({ storage });
    await port.addPersonal('Family.Example', null);
    expect(await port.get(serverSays(['quinn-advisory.example'], false))).toEqual({ ok: true, value: { neverLog: ['quinn-advisory.example', 'family.example'], bodies: false, personal: ['family.example'] } });
    expect(await port.get(serverAway)).toEqual({ ok: true, value: { neverLog: ['quinn-advisory.example', 'family.example'], bodies: false, personal: ['family.example'] } });
  });

  it('with nothing from the server yet, lists only the rep’s own entries and leaves bodies to the ledger’s check', async () => {
    const port = createMailPolicyPort({ storage: memoryStorage() });
    expect(await port.get(null)).toEqual({ ok: true, value: { neverLog: [], bodies: true, personal: [] } });
  });

  it('applies the admin\'s list as read for five minutes without waiting for the server, then waits for it', async () => {
    const storage = memoryStorage();
    let clock = Date.parse('2026-12-05T09:00:00Z');
    const port = createMailPolicyPort({ storage, now: () => new Date(clock) });
    let answering = true;
    const list = ['quinn-advisory.example'];
    const server = {
      // Once it stops answering, a thread that waited for it would never get its policy.
      mailPolicy: () => (answering ? Promise.resolve({ ok: true, value: { neverLog: [...list], bodies: true } }) : new Promise(() => undefined)),
    } as unknown as Api;
    await port.get(server);
    answering = false;
    list.push('family.example');
    clock += MAIL_POLICY_FRESH_MS - 1;
    expect(await port.get(server)).toMatchObject({ ok: true, value: { neverLog: ['quinn-advisory.example'] } });
    answering = true;
    clock += 1;
    expect(await port.get(server)).toMatchObject({ ok: true, value: { neverLog: ['quinn-advisory.example', 'family.example'] } });
  });

  it('reads the list again behind a thread that applied a copy older than 30 s: the admin\'s change holds from the next thread', async () => {
    const storage = memoryStorage();
    let clock = Date.parse('2026-12-05T09:00:00Z');
    const port = createMailPolicyPort({ storage, now: () => new Date(clock) });
    let asked = 0;
    let list = ['quinn-advisory.example'];
    const server = { mailPolicy: async () => (asked++, { ok: true, value: { neverLog: list, bodies: true } }) } as unknown as Api;
    await port.get(server);
    list = ['quinn-advisory.example', 'family.example'];
    clock += MAIL_POLICY_RECHECK_MS - 1;
    expect(await port.get(server)).toMatchObject({ ok: true, value: { neverLog: ['quinn-advisory.example'] } });
    expect(asked).toBe(1);
    clock += 1;
    // This thread applies the copy without waiting, and the copy is read again behind it.
    expect(await port.get(server)).toMatchObject({ ok: true, value: { neverLog: ['quinn-advisory.example'] } });
    await new Promise((resolve) => setTimeout(resolve, 0));
    expect(asked).toBe(2);
    expect(await port.get(server)).toMatchObject({ ok: true, value: { neverLog: ['quinn-advisory.example', 'family.example'] } });
    expect(asked).toBe(2);
  });

  it('adds a personal address once, and not one its listed domain already covers', async () => {
    const storage = memoryStorage();
    const port = createMailPolicyPort({ storage });
    await port.addPersonal('home.example', null);
    await port.addPersonal('mum@home.example', null);
    await port.addPersonal('home.example', null);
    expect(storage.data.personalNeverLog).toEqual(['home.example']);
  });
});
