/** The model registry: versions, lineage, baselines, aliases and their history, promotion and rollback. */
export { createRegistry, productionStack, type Registry, type RegisterModelInput, type ModelVersion, type RegisteredModelView, type Actor, type RegistryModelFormat } from './registry.js';
export { parseModelRef, formatModelRef, assertModelName, assertAliasName, PRODUCTION, CHALLENGER, type ModelRef } from './refs.js';
export { VERSION_STATES, canTransition, assertTransition, isVersionState, type VersionState } from './states.js';
export { prepareDataset, readDatasetArtifact, type DatasetSource, type PreparedDataset } from './datasets.js';
