/**
 * The LinkedIn profile panel: on a profile (and the pages beneath it), who this member is in the
 * CRM. Everything it does is the generic panel runner's (core/page/panel-runner.ts: cache then
 * server, not in CRM, touches, corrections, the connection, drift); this file says what LinkedIn
 * gives it: the member read from the page (sites/linkedin/extract-profile.ts), the refs sent (the
 * profile URL, with the name, headline and company once the top card shows them), LinkedIn's
 * touches and their natural key (member, kind, minute).
 */
import { LINKEDIN_TOUCHES } from '../components/LogTouch.tsx';
import type { PanelFeatureSpec } from '../core/page/contract.ts';
import { features } from '../core/page/features.ts';
import { extractProfile, profileDrift, toIdentityRef, type LinkedInProfile } from '../sites/linkedin/extract-profile.ts';
import { topCardKeepClear } from '../sites/linkedin/keep-clear.ts';
import { canonicalProfileUrl, isProfile, isProfileSubpage, isServedPage } from '../sites/linkedin/routes.ts';
import { linkedin } from '../sites/linkedin/site.ts';
import { touchKey } from './linkedin-touch.ts';
import { panelFeature } from './panel-feature.tsx';

/** The member on screen, and whether the page is beneath the profile (no top card there, only its title). */
type Member = LinkedInProfile & { subpage: boolean };

export const linkedinProfilePanel: PanelFeatureSpec<Member> = {
  id: 'linkedin-profile-panel',
  site: linkedin,
  include: [isServedPage],
  ui: 'signalhouse-linkedin-panel',
  pageKind: (url) => (isProfile(url) ? 'profile' : 'profile-subpage'),
  extract(doc, url) {
    const profile = extractProfile(doc, url);
    return profile ? { ...profile, subpage: isProfileSubpage(url) } : null;
  },
  // A layout reader found the name; on a subpage (no top card) the title is as good as it gets.
  settled: (member) => member.layout !== 'url' && (member.layout !== 'title' || member.subpage),
  // The slug alone finds the cached brief and is the surest match when the CRM has the URL.
  urlRefs: (member) => [{ kind: 'linkedin', profileUrl: member.profileUrl }],
  refs: (member) => [toIdentityRef(member)],
  aliasRef: (member) => toIdentityRef(member),
  facts: (member) => ({ name: member.name, company: member.currentCompany }),
  urlFacts: (member) => [canonicalProfileUrl(member.slug).replace(/^https:\/\/www\./, '')],
  drift: (member) => (member.subpage ? [] : profileDrift(member)),
  touches: LINKEDIN_TOUCHES,
  touchKey: (member, type, minute) => touchKey(member.slug, type, minute),
  keepClear: topCardKeepClear,
};

features.add(panelFeature(linkedinProfilePanel));
