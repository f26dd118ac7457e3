/** Driftwatch's own version, recorded in reports and model files. Kept in step with package.json by a test. */
export const DRIFTWATCH_VERSION = '0.1.0';
