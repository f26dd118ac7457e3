/** analyzeDriftParallel: analyzeDrift with the columns spread over worker threads. */
export { analyzeDriftParallel, type ParallelOptions } from './analyze-parallel.js';
