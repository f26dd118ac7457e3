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

/**
 * A folder's public entries are its index.ts and its sub-folders' index.ts files. A few light modules are entries
 * of their own so that a caller on the start-up path (the CLI registering its commands, `--help`) or loading lazily
 * (`await import(…)`) does not pay for the whole folder: the report renderers pull in ECharts and resvg, and
 * models/index loads every learner. They are listed here.
 */
export const lazyEntries = {
  // What bin/driftwatch.js runs before loading the CLI, to start the reader's worker early.
  kernels: ['module-worker.ts'],
  data: ['header-width.ts', 'read-worker-prestart.ts'],
  workflows: ['analyze/read-plan.ts'],
  report: ['json.ts', 'terminal.ts', 'write-reports.ts'],
  models: ['native/params.ts'],
  // isRegression for the train and evaluate commands, which register at every start-up.
  metrics: ['evaluation.ts'],
  server: ['start-server.ts'],
  // The config file's sections: reading a config must not load the store, the queue and the mailer.
  pipeline: ['pipeline-config.ts'],
  alerts: ['config.ts'],
  monitor: ['config.ts'],
};

/**
 * The exceptions to "entry points never import each other": `driftwatch serve` (src/cli) starts the server and
 * the job worker, loading these modules lazily (`await import(…)`); nothing else of them is reachable from the CLI.
 */
export const entryBridges = {
  cli: ['src/server/start-server.ts', 'src/worker/index.ts'],
};

/** What web/ may import from src/: chart specifications and HTTP contracts, nothing else. */
export const webMayImport = ['src/report/charts/index.ts', 'src/contracts/index.ts'];
