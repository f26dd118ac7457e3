/** Known drift injected into a table: the ground truth for `driftwatch simulate-drift`, the demo and tests. */
export * from './transforms.js';
export { simulateDrift, simulateDriftTraced, type SimulatedDrift, resampleRows, decimalPlaces, type SimulateOptions } from './simulate-drift.js';
