/** Tree learners: histogram gradient boosting and random forest on dense typed arrays, and fast prediction. */
export { binFeatures, fitBinMapper, applyBins, type BinMapper, type BinnedMatrix, type BinOptions } from './binning.js';
export { trainGbdt, type GbdtParams, type GbdtResult } from './gbdt.js';
export type { GbdtObjective } from './gbdt-losses.js';
export { trainRandomForest, type RandomForestParams, type RandomForestResult } from './random-forest.js';
export type { ForestCriterion } from './grow-forest-tree.js';
export { compileEnsemble, type TreePredictor } from './predictor.js';
export { featureImportance } from './importance.js';
export type { TreeEnsemble, TreeNodes, TreeTask, FeatureImportance } from './types.js';
