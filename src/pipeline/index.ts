/** The retraining pipeline: trigger policy → data → train → evaluate → gates → approval → register → promote. */
export { pipelineConfigSchema, resolvePipelineSettings, DEFAULT_FOREST_PARAMS, METRIC_NAMES, BASELINE_CHOICES, type BaselineChoice, type PipelineConfig, type PipelineSettings, type PipelineMetric } from './pipeline-config.js';
export { decideTrigger, type TriggerDecision, type TriggerObservation, type TriggerReason } from './trigger-policy.js';
export { scheduleDue, assertCron } from './schedule.js';
export { selectTrainingData, splitHoldout, concatTables, labelledRows, type DataSelection } from './select-data.js';
export { evaluateGates, gateFailure, type GateInput, type GateResult } from './gates.js';
export { trainChallenger, type TrainedModel, type TrainInput } from './trainers.js';
export {
  runPipeline, resumeJobs, decideApproval, dedupeKeyFor, PIPELINE_JOB_KIND,
  type PipelineRequest, type PipelineDeps, type PipelineOutcome, type PipelineDecision, type ApprovalQuestion, type ApprovalEvidence,
} from './run-pipeline.js';
export { retrainLogCsv, writeRetrainLog, saveProductionModel, RETRAIN_LOG_COLUMNS } from './retraining-files.js';
