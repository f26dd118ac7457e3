/**
 * ESLint rules that hold the architecture in place (eslint/layers.js is the table). Checked for every static
 * import and re-export, every `import()` and every `new URL('…', import.meta.url)` naming a module (workers):
 * - a file under src/ lives in a listed folder;
 * - a cross-folder import goes through the folder's index.ts, a sub-folder's index.ts or a listed lazy entry;
 * - it points to a lower layer, or to a same-layer folder listed in `sameLayer`;
 * - nothing in src/ imports src/index.ts (the package entry), test/, bench/, web/ or scripts/;
 * - web/ imports only chart specifications and contracts from src/;
 * - a dynamic import's path is a literal, so that it can be checked.
 * `no-reads-beside-clone` flags paths into ../shared in tests and benchmarks' test data.
 */
import { dirname, relative, resolve, sep } from 'node:path';
import { entryBridges, layers, lazyEntries, sameLayer, webMayImport } from './layers.js';

const layerOf = new Map(layers.flatMap((names, i) => names.map((n) => [n, i])));
const entryLayer = layers.length - 1;

function toPosix(p) {
  return p.split(sep).join('/');
}

/** The repository-relative path of a module specifier seen in `file`, or undefined for a package. */
function target(file, spec, root) {
  if (!spec.startsWith('./') && !spec.startsWith('../')) return undefined;
  const abs = resolve(dirname(file), spec).replace(/\.js$/, '.ts').replace(/\.mjs$/, '.mts');
  return toPosix(relative(root, abs));
}

function srcFolder(rel) {
  const m = /^src\/([^/]+)\//.exec(rel);
  return m ? m[1] : undefined;
}

/** src/<folder>/index.ts, src/<folder>/<sub>/index.ts, or a listed lazy entry. */
function isEntry(folder, rel) {
  const inner = rel.slice(`src/${folder}/`.length);
  return inner === 'index.ts' || /^[^/]+\/index\.ts$/.test(inner) || (lazyEntries[folder] ?? []).includes(inner);
}

function problem(fromRel, toRel) {
  const inSrc = fromRel.startsWith('src/');
  if (toRel.startsWith('..')) return undefined;
  if (inSrc && /^(test|bench|web|scripts)\//.test(toRel)) return `src/ must not import ${toRel.split('/')[0]}/ (${toRel}); move what is shared into src/`;
  if (fromRel.startsWith('web/')) {
    if (toRel.startsWith('src/') && !webMayImport.includes(toRel)) return `web/ may import only ${webMayImport.join(' and ')} from src/, not ${toRel}`;
    return undefined;
  }
  if (!inSrc || !toRel.startsWith('src/')) return undefined;
  if (toRel === 'src/index.ts') return fromRel === 'src/index.ts' ? undefined : 'nothing inside src/ imports src/index.ts (the package entry); import the folder it re-exports';
  const from = srcFolder(fromRel);
  const to = srcFolder(toRel);
  if (to === undefined) return `${toRel} is not in a folder; every module lives in a folder of src/`;
  if (fromRel === 'src/index.ts') return toRel === `src/${to}/index.ts` ? undefined : `src/index.ts re-exports folders through their index.ts, not ${toRel}`;
  if (from === undefined || from === to) return undefined;
  if (!layerOf.has(to)) return `src/${to} is not in the layering table (eslint/layers.js)`;
  if (!isEntry(to, toRel)) return `import src/${to} through its index.ts (or a sub-folder's index.ts), not ${toRel}`;
  const lf = layerOf.get(from);
  const lt = layerOf.get(to);
  if (lt > lf) return `src/${from} (layer ${lf}) must not import src/${to} (layer ${lt}): dependencies point down (docs/architecture.md)`;
  if (lt === lf) {
    if (lf === entryLayer) {
      if ((entryBridges[from] ?? []).includes(toRel)) return undefined;
      return `entry points never import each other: src/${from} must not import src/${to}`;
    }
    if (!(sameLayer[from] ?? []).includes(to)) return `src/${from} must not import src/${to} (same layer ${lf}; allowed: ${(sameLayer[from] ?? []).join(', ') || 'none'})`;
  }
  return undefined;
}

const layering = {
  meta: { type: 'problem', docs: { description: 'imports follow the layering in eslint/layers.js' }, schema: [] },
  create(context) {
    const file = context.filename;
    const root = context.cwd;
    const fromRel = toPosix(relative(root, file));
    // Unit tests beside the code test internals and use test/ helpers; they are not shipped (dist/ leaves them out).
    const checked = (fromRel.startsWith('src/') || fromRel.startsWith('web/')) && !/\.test\.tsx?$/.test(fromRel);
    if (!checked) return {};
    const check = (node, spec) => {
      const toRel = target(file, spec, root);
      if (toRel === undefined) return;
      const message = problem(fromRel, toRel);
      if (message !== undefined) context.report({ node, message });
    };
    const listeners = {
      Program(node) {
        const folder = srcFolder(fromRel);
        if (fromRel.startsWith('src/') && folder === undefined && fromRel !== 'src/index.ts') context.report({ node, message: `${fromRel} is not in a folder; every module lives in a folder of src/` });
        else if (folder !== undefined && !layerOf.has(folder)) context.report({ node, message: `src/${folder} is not in the layering table (eslint/layers.js): add it to a layer and to docs/architecture.md` });
      },
      ImportDeclaration(node) {
        check(node, node.source.value);
      },
      ExportAllDeclaration(node) {
        check(node, node.source.value);
      },
      ExportNamedDeclaration(node) {
        if (node.source) check(node, node.source.value);
      },
      ImportExpression(node) {
        if (node.source.type === 'Literal' && typeof node.source.value === 'string') check(node, node.source.value);
        else if (node.source.type === 'TemplateLiteral' && node.source.expressions.length === 0) check(node, node.source.quasis[0].value.cooked);
        else context.report({ node, message: 'a dynamic import() must name its module with a literal path, so the layering can be checked' });
      },
      NewExpression(node) {
        // new URL('./worker.js', import.meta.url): a worker's entry module is a dependency like an import.
        const [spec, base] = node.arguments;
        if (node.callee.type !== 'Identifier' || node.callee.name !== 'URL' || !spec || !base) return;
        if (spec.type !== 'Literal' || typeof spec.value !== 'string' || !/\.(js|ts|mjs)$/.test(spec.value)) return;
        if (base.type === 'MemberExpression' && base.object.type === 'MetaProperty' && base.property.name === 'url') check(node, spec.value);
      },
    };
    return listeners;
  },
};

const besideClone = /(^|[/\\])\.\.[/\\]shared([/\\]|$)/;
const noReadsBesideClone = {
  meta: { type: 'problem', docs: { description: 'tests never read beside the clone (../shared)' }, schema: [] },
  create(context) {
    const report = (node, text) => {
      if (besideClone.test(text)) context.report({ node, message: 'tests must not read ../shared: a clone has nothing beside it; copy what the test needs into the repository' });
    };
    return {
      Literal(node) {
        if (typeof node.value === 'string') report(node, node.value);
      },
      TemplateLiteral(node) {
        report(node, node.quasis.map((q) => q.value.cooked).join('${}'));
      },
      CallExpression(node) {
        // resolve(repo, '..', 'shared', …) / join(…, '..', 'shared')
        const parts = node.arguments.map((a) => (a.type === 'Literal' && typeof a.value === 'string' ? a.value : '\u0000'));
        for (let i = 0; i + 1 < parts.length; i++) if (parts[i] === '..' && /^shared([/\\]|$)/.test(parts[i + 1])) report(node, '../shared');
      },
    };
  },
};

export default { meta: { name: 'driftwatch' }, rules: { layering, 'no-reads-beside-clone': noReadsBesideClone } };
