/**
 * What every tree learner shares: the ensemble layout (types.ts), quantile binning of the features, feature
 * importance, and the compiled predictor. The learners themselves are in ../gbdt and ../forest.
 */
export { binFeatures, binThreshold, fitBinMapper, applyBins, type BinMapper, type BinnedMatrix, type BinOptions } from './binning.js';
export { sampleIndices } from './sampling.js';
export { sigmoid } from './post-transform.js';
export { compileEnsemble, type TreePredictor } from './predictor.js';
export { featureImportance } from './importance.js';
export type { TreeEnsemble, TreeNodes, TreeTask, FeatureImportance } from './types.js';
