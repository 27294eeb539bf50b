/**
 * Request and answer schemas of the server's routes are written once, in shared/: the extension's
 * messages and client use the very schemas the routes validate with (issue 10, "Layers").
 */
import { describe, expect, it } from 'vitest';
import * as api from '../../../extension/core/background/api.ts';
import * as protocol from '../../../extension/core/protocol.ts';
import { ActivitiesAnswer } from '../../../shared/activity.ts';
import { AliasAnswer, AliasRequest, AliasView } from '../../../shared/alias.ts';
import { SignalStateAnswer } from '../../../shared/digest.ts';
import { ResolveAnswer, ResolveRequest } from '../../../shared/match.ts';
import { HealthAnswer, MeAnswer } from '../../../shared/server-info.ts';

describe('schemas the extension and the server share', () => {
  it('refuses in the extension a correction linking a domain to a contact, as the server does', () => {
    const correction = { ref: { kind: 'domain', domain: 'acme.com' }, contactId: 'ct_1' };
    const sent = protocol.RecordAliasPayload.safeParse(correction);
    expect(sent.success).toBe(false);
    expect(sent.error?.issues[0]).toMatchObject({ path: ['contactId'], message: 'a domain identifies a company: give accountId' });
    expect(protocol.RecordAliasPayload.safeParse({ ref: { kind: 'domain', domain: 'acme.com' }, accountId: 'ac_1' }).success).toBe(true);
  });

  it('reads every server answer and sends every body with the schema the route itself uses', () => {
    expect(protocol.ResolveRefsPayload).toBe(ResolveRequest);
    expect(protocol.ResolveAnswer).toBe(ResolveAnswer);
    expect(protocol.RecordAliasPayload).toBe(AliasRequest);
    expect(protocol.RecordAliasAnswer).toBe(AliasAnswer);
    expect(protocol.AliasView).toBe(AliasView);
    expect(protocol.SignalStateAnswer).toBe(SignalStateAnswer);
    expect(api.HealthAnswer).toBe(HealthAnswer);
    expect(api.MeAnswer).toBe(MeAnswer);
    expect(api.ActivitiesAnswer).toBe(ActivitiesAnswer);
  });
});
