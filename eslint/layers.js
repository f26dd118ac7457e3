/**
 * The layering of src/ (docs/architecture.md explains it): a folder may import folders of lower layers, and,
 * within its own layer, only the folders listed for it in `sameLayer`. Every folder under src/ must be listed.
 * The entry layer's folders never import each other; nothing imports the entry layer, web/ or test/.
 */
export const layers = [
  ['core', 'contracts', 'kernels', 'stats'],
  ['data', 'metrics'],
  ['drift', 'models'],
  ['report'],
  ['store', 'queue'],
  ['workflows', 'registry', 'pipeline', 'monitor', 'alerts'],
  ['runtime'],
  ['server', 'worker', 'cli'],
];

/** Same-layer imports that are allowed (importer -> imported). Anything not here is refused. */
export const sameLayer = {
  contracts: ['core'],
  kernels: ['core'],
  stats: ['core', 'kernels'],
  metrics: ['data'],
  queue: ['store'],
  registry: ['workflows'],
  pipeline: ['workflows', 'registry', 'alerts'],
  monitor: ['workflows', 'registry', 'alerts', 'pipeline'],
  alerts: [],
  workflows: [],
};

/** What web/ may import from src/: chart specifications and HTTP contracts, nothing else. */
export const webMayImport = ['src/report/charts/index.ts', 'src/contracts/index.ts'];
