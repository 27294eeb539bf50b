/**
 * `npm run check:cycles`: finds import cycles in the repository's TypeScript and exits non-zero on
 * any cycle that is not on the allow-list (scripts/cycles-allowed.txt).
 *
 * Every import counts, `import type` included: a type-only import costs nothing at run time, but it
 * still says which layer knows which, and the layering (README.md, "Layers") is what this guards.
 * Dynamic `import()` counts too: a lazy bundle that imports its loader back is a cycle all the same.
 * Relative specifiers are resolved as the bundler resolution in tsconfig.json does (with or without
 * `.ts`/`.tsx`, `.js` standing for `.ts`, `index` files), and so are aliases the root tsconfig.json
 * declares in `compilerOptions.paths` (none today: an alias it does not declare would not typecheck).
 * Package imports and WXT's virtual `#imports` are outside the graph. Parsing uses TypeScript's own
 * parser, so no dependency is added.
 *
 * @example
 *   npx tsx scripts/check-cycles.ts            # prints each cycle as `a.ts -> b.ts -> a.ts`
 *   npx tsx scripts/check-cycles.ts --all      # prints allowed cycles too
 */
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import ts from 'typescript';

/**
 * Where the repository keeps its TypeScript. test/ is included: its harnesses, seeds and bench
 * helpers import one another and the source, and a loop among them breaks the same way (a helper
 * read half-initialised); test files themselves are leaves, so they cost nothing but parse time.
 */
export const SOURCE_ROOTS = ['server', 'shared', 'extension', 'scripts', 'test'];
const SOURCE_EXTENSIONS = ['.ts', '.tsx', '.mts', '.cts'];
const SKIP_DIRECTORIES = new Set(['node_modules', '.output', '.wxt', 'data', 'fixtures']);

/** A module graph: file (repository-relative, `/`-separated) → the files it imports, sorted. */
export type ImportGraph = Map<string, string[]>;

/** tsconfig's `paths`, relative to the repository root: `{ '@/*': ['extension/*'] }`. */
export type PathAliases = Record<string, readonly string[]>;

/** The module specifiers a file imports, re-exports or loads with `import()`, in source order. */
export function specifiersOf(fileName: string, sourceText: string): string[] {
  const kind = fileName.endsWith('x') ? ts.ScriptKind.TSX : ts.ScriptKind.TS;
  const source = ts.createSourceFile(fileName, sourceText, ts.ScriptTarget.Latest, false, kind);
  const found: string[] = [];
  const visit = (node: ts.Node): void => {
    if ((ts.isImportDeclaration(node) || ts.isExportDeclaration(node)) && node.moduleSpecifier && ts.isStringLiteral(node.moduleSpecifier)) {
      found.push(node.moduleSpecifier.text);
    } else if (ts.isImportEqualsDeclaration(node) && ts.isExternalModuleReference(node.moduleReference) && ts.isStringLiteral(node.moduleReference.expression)) {
      found.push(node.moduleReference.expression.text);
    } else if (ts.isCallExpression(node) && node.expression.kind === ts.SyntaxKind.ImportKeyword) {
      const [first] = node.arguments;
      if (first && ts.isStringLiteralLike(first)) found.push(first.text);
    } else if (ts.isImportTypeNode(node) && ts.isLiteralTypeNode(node.argument) && ts.isStringLiteral(node.argument.literal)) {
      found.push(node.argument.literal.text);
    }
    ts.forEachChild(node, visit);
  };
  visit(source);
  return found;
}

/**
 * The file a relative specifier names, among `files` (repository-relative paths), or null for a
 * package, `#imports`, or a specifier naming no source file (a CSS or JSON import).
 */
export function resolveSpecifier(fromFile: string, specifier: string, files: ReadonlySet<string>, aliases: PathAliases = {}): string | null {
  if (!specifier.startsWith('./') && !specifier.startsWith('../')) {
    for (const [pattern, targets] of Object.entries(aliases)) {
      const star = pattern.indexOf('*');
      const prefix = star < 0 ? pattern : pattern.slice(0, star);
      const suffix = star < 0 ? '' : pattern.slice(star + 1);
      const matches = star < 0 ? specifier === pattern : specifier.startsWith(prefix) && specifier.endsWith(suffix) && specifier.length >= prefix.length + suffix.length;
      if (!matches) continue;
      const captured = star < 0 ? '' : specifier.slice(prefix.length, specifier.length - suffix.length);
      for (const target of targets) {
        const found = resolveSpecifier('', `./${target.replace('*', captured)}`, files);
        if (found) return found;
      }
    }
    return null;
  }
  const base = path.posix.normalize(path.posix.join(path.posix.dirname(fromFile), specifier));
  const stem = base.replace(/\.(m|c)?js$/, '');
  const candidates = [
    base,
    ...SOURCE_EXTENSIONS.map((ext) => stem + ext),
    ...SOURCE_EXTENSIONS.map((ext) => `${base}/index${ext}`),
  ];
  return candidates.find((candidate) => files.has(candidate)) ?? null;
}

/** Builds the graph of `sources` (path → text); imports that leave the set are dropped. */
export function importGraph(sources: ReadonlyMap<string, string>, aliases: PathAliases = {}): ImportGraph {
  const files = new Set(sources.keys());
  const graph: ImportGraph = new Map();
  for (const [file, text] of [...sources].sort(([a], [b]) => a.localeCompare(b))) {
    const targets = new Set<string>();
    for (const specifier of specifiersOf(file, text)) {
      const target = resolveSpecifier(file, specifier, files, aliases);
      if (target) targets.add(target);
    }
    graph.set(file, [...targets].sort());
  }
  return graph;
}

/** Strongly connected components of more than one file, or of one file importing itself (Tarjan). */
function tangles(graph: ImportGraph): string[][] {
  let counter = 0;
  const index = new Map<string, number>();
  const low = new Map<string, number>();
  const stack: string[] = [];
  const onStack = new Set<string>();
  const found: string[][] = [];
  // Iterative, so a deep import chain cannot overflow the call stack.
  for (const root of graph.keys()) {
    if (index.has(root)) continue;
    const work: Array<{ node: string; next: number }> = [{ node: root, next: 0 }];
    index.set(root, counter);
    low.set(root, counter++);
    stack.push(root);
    onStack.add(root);
    while (work.length) {
      const frame = work[work.length - 1]!;
      const targets = graph.get(frame.node) ?? [];
      if (frame.next < targets.length) {
        const target = targets[frame.next++]!;
        if (!index.has(target)) {
          index.set(target, counter);
          low.set(target, counter++);
          stack.push(target);
          onStack.add(target);
          work.push({ node: target, next: 0 });
        } else if (onStack.has(target)) {
          low.set(frame.node, Math.min(low.get(frame.node)!, index.get(target)!));
        }
        continue;
      }
      work.pop();
      const parent = work[work.length - 1];
      if (parent) low.set(parent.node, Math.min(low.get(parent.node)!, low.get(frame.node)!));
      if (low.get(frame.node) === index.get(frame.node)) {
        const component: string[] = [];
        let member: string;
        do {
          member = stack.pop()!;
          onStack.delete(member);
          component.push(member);
        } while (member !== frame.node);
        const selfLoop = component.length === 1 && targets.includes(frame.node);
        if (component.length > 1 || selfLoop) found.push(component.sort());
      }
    }
  }
  return found.sort((a, b) => a[0]!.localeCompare(b[0]!));
}

/** The shortest import path from `from` to `to` inside `within`, both ends included (BFS). */
function shortestPath(graph: ImportGraph, from: string, to: string, within: ReadonlySet<string>): string[] | null {
  const cameFrom = new Map<string, string>();
  const queue = [from];
  const seen = new Set([from]);
  while (queue.length) {
    const node = queue.shift()!;
    for (const target of graph.get(node) ?? []) {
      if (!within.has(target)) continue;
      if (target === to) {
        const route = [to];
        for (let at: string | undefined = node; at !== undefined; at = cameFrom.get(at)) route.unshift(at);
        return route;
      }
      if (seen.has(target)) continue;
      seen.add(target);
      cameFrom.set(target, node);
      queue.push(target);
    }
  }
  return null;
}

/**
 * The import cycles of a graph, each as a path of files that starts and ends at the same file.
 *
 * Every edge inside a tangle of files that import one another lies on some cycle; this lists, for
 * each such edge not yet shown, the shortest cycle through it. So every import that has to be cut
 * appears in the output, without enumerating every elementary cycle (which grows exponentially).
 * Each cycle starts at its alphabetically first file, so the output is stable for an allow-list.
 *
 * @example findCycles(new Map([['a.ts', ['b.ts']], ['b.ts', ['a.ts']]])) // [['a.ts', 'b.ts', 'a.ts']]
 */
export function findCycles(graph: ImportGraph): string[][] {
  const cycles: string[][] = [];
  const seenCycles = new Set<string>();
  for (const component of tangles(graph)) {
    const members = new Set(component);
    const shown = new Set<string>();
    for (const from of component) {
      for (const to of graph.get(from) ?? []) {
        if (!members.has(to) || shown.has(`${from}\0${to}`)) continue;
        const back = from === to ? [to] : shortestPath(graph, to, from, members);
        if (!back) continue;
        const loop = [from, ...back]; // from -> to -> ... -> from
        for (let i = 0; i + 1 < loop.length; i++) shown.add(`${loop[i]}\0${loop[i + 1]}`);
        const canonical = canonicalCycle(loop);
        const key = canonical.join(' -> ');
        if (!seenCycles.has(key)) {
          seenCycles.add(key);
          cycles.push(canonical);
        }
      }
    }
  }
  return cycles;
}

/** Rotates a closed path (`[a, b, a]`) to start at its alphabetically first file. */
function canonicalCycle(loop: string[]): string[] {
  const open = loop.slice(0, -1);
  const first = open.reduce((best, file, i) => (file < open[best]! ? i : best), 0);
  const rotated = [...open.slice(first), ...open.slice(0, first)];
  return [...rotated, rotated[0]!];
}

/** A cycle as the check prints it and the allow-list names it. */
export function formatCycle(cycle: string[]): string {
  return cycle.join(' -> ');
}

/** The allow-list's cycles: one `a -> b -> a` line each; `#` starts a comment. */
export function parseAllowList(text: string): Set<string> {
  return new Set(
    text
      .split('\n')
      .map((line) => line.replace(/#.*/, '').trim())
      .filter(Boolean),
  );
}

/** Reads every source file under `roots` of `repoRoot`, keyed by repository-relative path. */
export function readSources(repoRoot: string, roots: readonly string[] = SOURCE_ROOTS): Map<string, string> {
  const sources = new Map<string, string>();
  const walk = (relative: string, deep: boolean): void => {
    const absolute = path.join(repoRoot, relative);
    if (!fs.existsSync(absolute)) return;
    for (const entry of fs.readdirSync(absolute, { withFileTypes: true })) {
      const child = path.posix.join(relative, entry.name);
      if (entry.isDirectory()) {
        if (deep && !SKIP_DIRECTORIES.has(entry.name)) walk(child, deep);
      } else if (SOURCE_EXTENSIONS.some((ext) => entry.name.endsWith(ext)) && !entry.name.endsWith('.d.ts')) {
        sources.set(child, fs.readFileSync(path.join(repoRoot, child), 'utf8'));
      }
    }
  };
  // The top level too (wxt.config.ts, the vitest configs), which may import the extension's code.
  walk('.', false);
  for (const root of roots) walk(root, true);
  return sources;
}

/** The root tsconfig.json's `paths`, made relative to the repository root. */
export function pathAliases(repoRoot: string): PathAliases {
  const { config } = ts.readConfigFile(path.join(repoRoot, 'tsconfig.json'), ts.sys.readFile);
  const options = (config as { compilerOptions?: { baseUrl?: string; paths?: Record<string, string[]> } } | undefined)?.compilerOptions;
  const base = options?.baseUrl ?? '.';
  return Object.fromEntries(Object.entries(options?.paths ?? {}).map(([alias, targets]) => [alias, targets.map((t) => path.posix.normalize(path.posix.join(base, t)))]));
}

function main(): void {
  const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
  const allowListFile = path.join(repoRoot, 'scripts/cycles-allowed.txt');
  const allowed = fs.existsSync(allowListFile) ? parseAllowList(fs.readFileSync(allowListFile, 'utf8')) : new Set<string>();
  const sources = readSources(repoRoot);
  const cycles = findCycles(importGraph(sources, pathAliases(repoRoot))).map(formatCycle);
  const refused = cycles.filter((cycle) => !allowed.has(cycle));
  const stale = [...allowed].filter((cycle) => !cycles.includes(cycle));
  const showAll = process.argv.includes('--all');
  for (const cycle of cycles) {
    if (!allowed.has(cycle)) console.log(`cycle: ${cycle}`);
    else if (showAll) console.log(`allowed: ${cycle}`);
  }
  // An allow-list line no cycle matches any more is removed, so the list only ever shrinks.
  for (const cycle of stale) console.log(`no longer a cycle, remove from scripts/cycles-allowed.txt: ${cycle}`);
  console.log(`${sources.size} files, ${cycles.length} cycles (${cycles.length - refused.length} allowed), ${refused.length} refused`);
  process.exit(refused.length || stale.length ? 1 : 0);
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) main();
