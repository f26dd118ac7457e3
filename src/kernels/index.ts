/**
 * General compute machinery with no domain knowledge: a WebAssembly assembler, the claim-batch protocol between
 * a caller and a helper thread, workers on sibling modules, the float64 radix sort and the sorted-pair walk.
 */
export { sortFinite, sortFiniteInto, sortFloat64 } from './sort-float64.js';
export { wasmScanSortedPair, type PairScanFigures } from './sorted-pair-scan-wasm.js';
export { IdleWorkers, siblingModuleUrl, startModuleWorker } from './module-worker.js';
export { ClaimBatches, CTL_USER, CTL_WORDS, MAX_BATCH_ITEMS, helperLoopSource, stopHelper } from './claim-batch.js';
export {
  Code,
  F64,
  I32,
  I64,
  V128,
  WASM_MAX_PAGES,
  WASM_PAGE,
  sleb,
  uleb,
  wasmApi,
  wasmModule,
  type ValType,
  type WasmExports,
  type WasmFunction,
  type WasmMemory,
} from './wasm-assembler.js';
export { reserveMemory, threadKernel, type ThreadKernel } from './thread-kernel.js';
export { csvScanKernel, KINDS_AT, SHORT_TABLE_BYTES, SHORT_TABLE_ENTRIES, STOP_AT, type CsvScanKernel } from './csv-scan-wasm.js';
