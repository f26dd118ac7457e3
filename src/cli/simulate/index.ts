/** Flag parsing for `driftwatch simulate-drift`; the transforms themselves are src/data/simulate's. */
export * from './parse-transform.js';
