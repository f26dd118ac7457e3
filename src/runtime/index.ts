/** The composition root: where the registries' names meet (the config schema) and, later, implementations are picked. */
export * from './config/index.js';
