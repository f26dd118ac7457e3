/** The columnar Table, readers, schema inference and column roles. */
export * from './table.js';
export * from './read-table.js';
