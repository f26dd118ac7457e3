/** Known drift injected into a table, for `driftwatch simulate-drift` and the demo. */
export * from './transforms.js';
export * from './parse-transform.js';
export { simulateDrift, resampleRows, decimalPlaces, type SimulateOptions } from './simulate-drift.js';
