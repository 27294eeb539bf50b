/**
 * A Map kept on this isolated world's `globalThis` under a registered symbol. The every-page
 * script and a site's panel bundle are separate bundles, each with its own copy of every module,
 * so module state is not shared between them; this is. The page's own scripts run in another
 * world and never see it.
 *
 * @example const shelf = worldMap<BundleName, unknown>('signalhouse.lazy-bundles');
 */
export function worldMap<K, V>(name: string): Map<K, V> {
  const key = Symbol.for(name);
  const global = globalThis as unknown as Record<symbol, Map<K, V> | undefined>;
  return (global[key] ??= new Map<K, V>());
}
