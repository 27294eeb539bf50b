/**
 * The import-cycle check (scripts/check-cycles.ts) on small graphs written in memory and on a
 * temporary folder run as `npm run check:cycles` runs it on the repository.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { spawnSync } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import { findCycles, formatCycle, importGraph, parseAllowList, readSources, specifiersOf } from '../../../scripts/check-cycles.ts';

const cyclesOf = (sources: Record<string, string>) => findCycles(importGraph(new Map(Object.entries(sources)))).map(formatCycle);

describe('the import-cycle check', () => {
  it('finds no cycle in a graph that only imports downwards', () => {
    expect(
      cyclesOf({
        'server/routes/a.ts': "import { b } from '../briefs/b.ts';",
        'server/briefs/b.ts': "import { c } from '../intel/c';\nimport type { D } from '../db/index';",
        'server/intel/c.ts': "import { z } from 'zod';\nimport { x } from '#imports';",
        'server/db/index.ts': 'export type D = 1;',
      }),
    ).toEqual([]);
  });

  it('prints a two-file cycle as a path of files, starting at the alphabetically first', () => {
    expect(
      cyclesOf({
        'server/intel/settings.ts': "import { SETTINGS } from '../admin/settings.ts';",
        'server/admin/settings.ts': "import { validateOverrides } from '../intel/settings.ts';",
      }),
    ).toEqual(['server/admin/settings.ts -> server/intel/settings.ts -> server/admin/settings.ts']);
  });

  it('counts type-only imports, re-exports, dynamic imports and index files as edges', () => {
    expect(
      cyclesOf({
        'db/connect.ts': "export { x } from './migrations';",
        'db/migrations/index.ts': "const m = () => import('./0001.ts');",
        'db/migrations/0001.ts': "import type { Dialect } from '../connect.js';",
      }),
    ).toEqual(['db/connect.ts -> db/migrations/index.ts -> db/migrations/0001.ts -> db/connect.ts']);
  });

  it('resolves .tsx files and ignores imports that name no source file', () => {
    expect(
      cyclesOf({
        'ext/Panel.tsx': "import './panel.css';\nimport { format } from './format';",
        'ext/format.ts': "import { Panel } from './Panel';",
      }),
    ).toEqual(['ext/Panel.tsx -> ext/format.ts -> ext/Panel.tsx']);
  });

  it("resolves an alias the tsconfig declares, and leaves out one it does not", () => {
    const sources = new Map(Object.entries({
      'extension/core/api.ts': "import { Panel } from '@/components/Panel';",
      'extension/components/Panel.tsx': "import { api } from '~/core/api.ts';",
    }));
    expect(findCycles(importGraph(sources, { '@/*': ['extension/*'] }))).toEqual([]);
    expect(findCycles(importGraph(sources, { '@/*': ['extension/*'], '~/*': ['extension/*'] })).map(formatCycle)).toEqual([
      'extension/components/Panel.tsx -> extension/core/api.ts -> extension/components/Panel.tsx',
    ]);
  });

  it('shows every import inside a tangle on some printed cycle, once', () => {
    // a -> b -> c -> a, and c -> b: two loops sharing b -> c.
    const cycles = cyclesOf({
      'a.ts': "import './b.ts';",
      'b.ts': "import './c.ts';",
      'c.ts': "import './a.ts';\nimport './b.ts';",
    });
    expect(cycles).toEqual(['a.ts -> b.ts -> c.ts -> a.ts', 'b.ts -> c.ts -> b.ts']);
  });

  it('finds a file importing itself', () => {
    expect(cyclesOf({ 'self.ts': "export * from './self.ts';" })).toEqual(['self.ts -> self.ts']);
  });

  it('reads only the specifiers, not strings that look like imports', () => {
    expect(specifiersOf('x.ts', "const s = \"import './y.ts'\"; // import './z.ts'\nimport { a } from './a.ts';")).toEqual(['./a.ts']);
  });

  it('reads an allow-list of cycles with comments', () => {
    expect([...parseAllowList('# until platform merges\na.ts -> b.ts -> a.ts  # why\n\n')]).toEqual(['a.ts -> b.ts -> a.ts']);
  });

  it('exits non-zero and names the cycle on a folder that has one, zero once it is cut', () => {
    const root = fs.mkdtempSync(path.join(os.tmpdir(), 'sh-cycles-'));
    try {
      fs.mkdirSync(path.join(root, 'scripts'));
      fs.mkdirSync(path.join(root, 'server/db/migrations'), { recursive: true });
      fs.copyFileSync(path.resolve('scripts/check-cycles.ts'), path.join(root, 'scripts/check-cycles.ts'));
      fs.symlinkSync(path.resolve('node_modules'), path.join(root, 'node_modules'));
      fs.writeFileSync(path.join(root, 'server/db/connect.ts'), "import { init } from './migrations/0001_init.ts';\nexport type Dialect = 'sqlite';");
      fs.writeFileSync(path.join(root, 'server/db/migrations/0001_init.ts'), "import type { Dialect } from '../connect.ts';\nexport const init = 1;");
      expect(readSources(root).size).toBe(3);
      const run = () => spawnSync(process.execPath, ['--import', 'tsx', 'scripts/check-cycles.ts'], { cwd: root, encoding: 'utf8' });
      const tangled = run();
      expect(tangled.stdout).toContain('cycle: server/db/connect.ts -> server/db/migrations/0001_init.ts -> server/db/connect.ts');
      expect(tangled.status).toBe(1);
      // An allow-listed cycle passes; the entry must go once the cycle is cut.
      const allowList = path.join(root, 'scripts/cycles-allowed.txt');
      fs.writeFileSync(allowList, '# until the db layer is cut\nserver/db/connect.ts -> server/db/migrations/0001_init.ts -> server/db/connect.ts\n');
      expect(run().status).toBe(0);
      // Move the type down a layer, as the server did.
      fs.writeFileSync(path.join(root, 'server/db/schema.ts'), "export type Dialect = 'sqlite';");
      fs.writeFileSync(path.join(root, 'server/db/migrations/0001_init.ts'), "import type { Dialect } from '../schema.ts';\nexport const init = 1;");
      const stale = run();
      expect(stale.stdout).toContain('no longer a cycle, remove from scripts/cycles-allowed.txt: server/db/connect.ts ->');
      expect(stale.status).toBe(1);
      fs.rmSync(allowList);
      const cut = run();
      expect(cut.stdout).toContain('0 cycles');
      expect(cut.status).toBe(0);
    } finally {
      fs.rmSync(root, { recursive: true, force: true });
    }
  });

});
