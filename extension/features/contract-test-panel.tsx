/**
 * The contract-test site's panel: proves the site contract end to end with a feature that lives
 * on an element (each person card gets its own panel run, which ends when the card goes) and
 * sends an email ref. Built into test builds only (its site is test-only).
 */
import type { PanelFeatureSpec } from '../core/page/contract.ts';
import { features } from '../core/page/features.ts';
import { extractPerson, personDrift, type TestPerson } from '../sites/contract-test/extract.ts';
import { isPersonPage } from '../sites/contract-test/routes.ts';
import { PERSON_CARD } from '../sites/contract-test/selectors.ts';
import { contractTest } from '../sites/contract-test/site.ts';
import { panelFeature } from './panel-feature.tsx';

const spec: PanelFeatureSpec<TestPerson> = {
  id: 'contract-test-panel',
  site: contractTest,
  include: [isPersonPage],
  elements: PERSON_CARD,
  ui: 'signalhouse-contract-test-panel',
  pageKind: () => 'person',
  extract: (_doc, url, card) => extractPerson(card, url),
  settled: (person) => person.name !== undefined && person.email !== undefined,
  settleMs: 1_000,
  // The URL names a page, not a person the CRM knows.
  urlRefs: () => [],
  refs: (person) => (person.email ? [{ kind: 'email', address: person.email, ...(person.name ? { name: person.name } : {}) }] : person.name ? [{ kind: 'name', name: person.name }] : []),
  aliasRef: (person) => ({ kind: 'email', address: person.email ?? `${person.id}@contract-test.signalhouse.invalid` }),
  facts: (person) => ({ name: person.name }),
  urlFacts: (person) => [`contract-test.signalhouse.invalid/people/${person.id}`],
  drift: (person) => personDrift(person),
  touches: [{ type: 'note', label: 'Note' }],
  touchKey: (person, type, minute) => `contract-test:${person.id}:${type}:${minute.toISOString()}`,
};

features.add(panelFeature(spec));
