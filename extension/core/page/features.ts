/**
 * The features a site's panel bundle runs: each feature file registers itself when the bundle
 * imports it (refined-github's `features.add`), so adding a feature is one new file and one import
 * in its site's bundle, not an edit to a list elsewhere.
 */
import type { Feature, SiteId } from './contract.ts';

const registered: Feature<never>[] = [];

export const features = {
  /**
   * Registers `feature`; a second feature with the same id is a mistake caught at load.
   *
   * @example features.add(panelFeature(linkedinProfilePanel))
   */
  add<Context>(feature: Feature<Context>): void {
    if (registered.some((known) => known.id === feature.id)) throw new Error(`feature ${feature.id} is registered twice`);
    registered.push(feature as unknown as Feature<never>);
  },
  /** The features of `site`, in the order they registered. */
  of<Context>(site: SiteId): Feature<Context>[] {
    return registered.filter((feature) => feature.site === site) as unknown as Feature<Context>[];
  },
};
