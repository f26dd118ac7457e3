/**
 * HTTP request and response contracts, one file per resource, shared by the server (validation, serialisation,
 * OpenAPI) and the dashboard (types). Keys are snake_case, like the JSON report.
 */
export { jsonSchemaOf, type JsonSchema } from './json-schema.js';
export * from './errors.js';
export * from './system.js';
export * from './keys.js';
export * from './predictions.js';
export * from './models.js';
export * from './jobs.js';
export * from './audit.js';
export * from './reports.js';
export * from './alerts.js';
export * from './monitoring.js';
export * from './demo.js';
