/** analyzeDriftParallel: analyzeDrift with the columns spread over worker threads. */
export { analyzeDriftParallel, prestartAnalysisWorkers, WarmWorkers, type ParallelOptions } from './analyze-parallel.js';
