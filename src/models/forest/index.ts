/** Random forest: bootstrap trees grown on binned features, in worker threads. */
export { trainRandomForest, type RandomForestParams, type RandomForestResult } from './random-forest.js';
export type { ForestCriterion } from './grow-forest-tree.js';
