/**
 * The architecture is only as good as its enforcement: each planted bad import below must be caught by
 * `npm run lint` (the real eslint.config.js), and the good ones must pass.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { ESLint } from 'eslint';
import { describe, expect, it } from 'vitest';
import { layers } from '../../eslint/layers.js';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '../..');
// The folder CI keeps beside the clone, named in pieces: the planted files below read it so that lint must
// refuse them; a literal path here would itself read as a dependency on that folder.
const SHARED_DATA = ['..', 'shared', 'data', 'churn.csv'].join('/');
const eslint = new ESLint({ cwd: root });

async function messages(filePath: string, code: string): Promise<string[]> {
  const [result] = await eslint.lintText(code, { filePath: resolve(root, filePath) });
  return result!.messages.filter((m) => m.ruleId?.startsWith('driftwatch/')).map((m) => m.message);
}

const planted: ReadonlyArray<{ what: string; file: string; code: string; expect: RegExp }> = [
  { what: 'an import pointing up a layer', file: 'src/drift/planted.ts', code: "import { renderJson } from '../report/index.js';\nexport const f = renderJson;", expect: /layer 2\) must not import src\/report \(layer 3\)/ },
  { what: 'a type-only import pointing up a layer', file: 'src/data/planted.ts', code: "import type { DriftReport } from '../drift/index.js';\nexport type R = DriftReport;", expect: /must not import src\/drift/ },
  { what: 'a re-export pointing up a layer', file: 'src/stats/planted.ts', code: "export * from '../data/index.js';", expect: /must not import src\/data/ },
  { what: 'a deep import past a folder index', file: 'src/drift/planted.ts', code: "import { readCsvColumns } from '../data/csv-reader.js';\nexport const f = readCsvColumns;", expect: /through its index\.ts.*, not src\/data\/csv-reader\.ts/ },
  { what: 'a deep import into a sub-folder past its index', file: 'src/workflows/planted.ts', code: "import { trainModel } from '../models/native/train-model.js';\nexport const f = trainModel;", expect: /through its index\.ts.*, not src\/models\/native\/train-model\.ts/ },
  { what: 'a deep import from a nested folder', file: 'src/models/gbdt/planted.ts', code: "import { DriftwatchError } from '../../core/errors.js';\nexport const f = DriftwatchError;", expect: /through its index\.ts/ },
  { what: 'a dynamic import pointing up a layer', file: 'src/drift/planted.ts', code: "export const f = () => import('../report/index.js');", expect: /must not import src\/report/ },
  { what: 'a dynamic import with a computed path', file: 'src/drift/planted.ts', code: "export const f = (m: string) => import(`../${m}/index.js`);", expect: /literal path/ },
  { what: 'a worker entry in a higher layer', file: 'src/data/planted.ts', code: "export const u = new URL('../drift/index.js', import.meta.url);", expect: /must not import src\/drift/ },
  { what: 'drift importing models (same layer, not allowed)', file: 'src/drift/planted.ts', code: "import { loadModel } from '../models/index.js';\nexport const f = loadModel;", expect: /same layer 2; allowed: none/ },
  { what: 'an entry point importing another', file: 'src/cli/planted.ts', code: "import { buildApp } from '../server/index.js';\nexport const f = buildApp;", expect: /entry points never import each other/ },
  { what: 'a folder missing from the layering table', file: 'src/utilities/planted.ts', code: 'export const x = 1;', expect: /src\/utilities is not in the layering table/ },
  { what: 'a module directly under src/', file: 'src/helpers.ts', code: 'export const x = 1;', expect: /not in a folder/ },
  { what: 'an import of the package entry from inside src/', file: 'src/workflows/planted.ts', code: "import { analyzeDrift } from '../index.js';\nexport const f = analyzeDrift;", expect: /nothing inside src\/ imports src\/index\.ts/ },
  { what: 'src importing a test helper', file: 'src/data/planted.ts', code: "import { close } from '../../test/helpers/close.js';\nexport const f = close;", expect: /src\/ must not import test\// },
  { what: 'web importing the drift engine', file: 'web/src/planted.tsx', code: "import { analyzeDrift } from '../../src/drift/index.js';\nexport const f = analyzeDrift;", expect: /web\/ may import only/ },
  { what: 'a test reading the folder beside the clone', file: 'test/planted.test.ts', code: `import { readFileSync } from 'node:fs';\nexport const d = readFileSync('${SHARED_DATA}');`, expect: /must not read \.\.\/shared/ },
  { what: 'a test joining the folder beside the clone from pieces', file: 'src/models/planted.test.ts', code: "import { resolve } from 'node:path';\nexport const d = resolve('/repo', '..', 'shared', 'data');", expect: /must not read \.\.\/shared/ },
];

describe('lint: layering', () => {
  for (const p of planted) {
    it(`catches ${p.what}`, async () => {
      const found = await messages(p.file, p.code);
      expect(found.some((m) => p.expect.test(m)), `${p.file}: ${found.join(' | ') || 'no message'}`).toBe(true);
    });
  }

  it('lets good imports through: down a layer via index, an allowed same-layer import, packages, web to charts', async () => {
    expect(await messages('src/drift/planted.ts', "import { createTable } from '../data/index.js';\nimport { ksTest } from '../stats/index.js';\nimport { readFile } from 'node:fs/promises';\nexport const f = [createTable, ksTest, readFile];")).toEqual([]);
    expect(await messages('src/pipeline/planted.ts', "import * as r from '../registry/index.js';\nexport const f = r;")).toEqual([]);
    expect(await messages('src/drift/methods/planted.ts', "import { x } from '../prepare/column-pair.js';\nexport const f = x;")).toEqual([]);
    expect(await messages('web/src/planted.tsx', "import * as charts from '../../src/report/charts/index.js';\nexport const f = charts;")).toEqual([]);
    expect(await messages('src/index.ts', "export * from './drift/index.js';")).toEqual([]);
    expect(await messages('src/workflows/planted.ts', "import * as n from '../drift/names/index.js';\nexport const f = () => import('../report/write-reports.js');\nexport const g = n;")).toEqual([]);
  });

  it('lists every folder of src/ in the layering table, once', () => {
    const listed = layers.flat();
    expect(new Set(listed).size).toBe(listed.length);
    const folders = readdirSync(resolve(root, 'src'), { withFileTypes: true }).filter((d) => d.isDirectory()).map((d) => d.name);
    for (const f of folders) expect(listed, `src/${f}`).toContain(f);
  });
});

describe('folders', () => {
  it('have no import cycle between the sub-folders of a folder (e.g. src/models/native <-> src/models/formats)', () => {
    const edges = new Map<string, Set<string>>();
    const walk = (dir: string): string[] => readdirSync(dir, { withFileTypes: true }).flatMap((d) => (d.isDirectory() ? walk(resolve(dir, d.name)) : d.name.endsWith('.ts') && !d.name.endsWith('.test.ts') ? [resolve(dir, d.name)] : []));
    const folderOf = (file: string): string => dirname(file).slice(root.length + 1);
    for (const file of walk(resolve(root, 'src'))) {
      const from = folderOf(file);
      const text = readFileSync(file, 'utf8');
      for (const m of text.matchAll(/(?:from|import)\s*\(?\s*['"](\.{1,2}\/[^'"]+)['"]/g)) {
        const to = folderOf(resolve(dirname(file), m[1]!));
        // Only sibling sub-folders of one top-level folder: the layering rule covers the rest.
        if (to === from || to.split('/')[1] !== from.split('/')[1] || to.startsWith(`${from}/`) || from.startsWith(`${to}/`)) continue;
        if (!edges.has(from)) edges.set(from, new Set());
        edges.get(from)!.add(to);
      }
    }
    const state = new Map<string, 'open' | 'done'>();
    const cycles: string[] = [];
    const visit = (node: string, path: string[]): void => {
      if (state.get(node) === 'done') return;
      if (state.get(node) === 'open') {
        cycles.push([...path.slice(path.indexOf(node)), node].join(' -> '));
        return;
      }
      state.set(node, 'open');
      for (const next of edges.get(node) ?? []) visit(next, [...path, node]);
      state.set(node, 'done');
    };
    for (const node of edges.keys()) visit(node, []);
    expect(cycles).toEqual([]);
  });
});
