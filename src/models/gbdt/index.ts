/** Histogram gradient boosting: losses, split search, tree growth on WebAssembly kernels over two threads. */
export { trainGbdt, type GbdtParams, type GbdtResult } from './gbdt.js';
export type { GbdtObjective } from './gbdt-losses.js';
