/**
 * The operations every entry point runs — the CLI, the server and the worker call these, never each other:
 * analyse two inputs, train a model, evaluate models, predict. Typed options in, typed results out; no
 * printing, no exit codes; progress and cancellation through callbacks and an AbortSignal.
 */
export * from './io/index.js';
export * from './model-io/index.js';
export * from './analyze/index.js';
export * from './train/index.js';
export * from './evaluate/index.js';
export * from './predict/index.js';
export * from './analyze-model/index.js';
