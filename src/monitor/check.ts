/**
 * One check of one model: its production version's window of logged rows against that version's
 * reference baseline, through the drift engine and (when the model can run on the window) the model
 * section: prediction drift, confidence, realised performance on the rows whose labels arrived.
 */
import type { Table } from '../data/table/index.js';
import { analyzeDrift, type DriftReport } from '../drift/index.js';
import type { LoadedModel, ModelFormat } from '../models/index.js';
import type { ModelVersion, Registry } from '../registry/index.js';
import { buildModelSection } from '../workflows/index.js';
import type { Clock } from '../core/index.js';
import type { PredictionWindow } from '../store/index.js';
import type { Baseline } from './baselines.js';
import { windowTable } from './window-table.js';

/** Target drift is judged only on this many labelled rows or more: a few early labels say nothing. */
export const MIN_LABELLED_FOR_TARGET = 30;

const FORMAT: Readonly<Record<string, ModelFormat>> = { native: 'native', onnx: 'onnx', xgboost: 'xgboost-json' };

export interface AnalysedWindow {
  readonly report: DriftReport;
  readonly current: Table;
  readonly labelled: number;
}

export interface AnalyseInput {
  readonly model: string;
  readonly version: ModelVersion;
  readonly baseline: Baseline;
  readonly window: PredictionWindow;
  readonly windowName: string;
  readonly redacted: ReadonlySet<string>;
  readonly clock: Clock;
  readonly registry: Registry;
  /** Loaded models by artifact, kept across checks. */
  readonly models: Map<string, Promise<LoadedModel>>;
}

export async function analyseWindow(input: AnalyseInput): Promise<AnalysedWindow> {
  const { version, baseline, window } = input;
  const label = version.signature.label;
  const labelled = window.label.reduce((n, l) => n + (l === null ? 0 : 1), 0);
  const current = windowTable(window, { reference: baseline.compared, label, minLabelled: MIN_LABELLED_FOR_TARGET });
  const referencePath = `${baseline.datasetVersion.dataset} v${baseline.datasetVersion.version}`;
  const target = label !== null && current.column(label) !== undefined ? label : undefined;
  const report = analyzeDrift(baseline.compared, current, {
    ...(target !== undefined ? { target } : {}),
    // Without enough labels the label column is left out of the comparison, not reported as vanished.
    ...(label !== null && target === undefined && baseline.compared.column(label) !== undefined ? { drop: [label] } : {}),
    referencePreparation: baseline.preparation,
    referencePath,
    currentPath: input.windowName,
    clock: input.clock,
  });
  const notes = [...report.notes];
  let model: DriftReport['model'];
  const inputs = version.signature.inputs.map((i) => i.name);
  const hidden = inputs.filter((n) => input.redacted.has(n));
  if (hidden.length > 0) {
    notes.push(`No model section: the model reads ${hidden.join(', ')}, which ${hidden.length === 1 ? 'is' : 'are'} redacted (hashed) in the logged rows.`);
  } else {
    try {
      const loaded = await loadedModel(input);
      // The model runs on the raw reference and on the window shaped like it (with every label that arrived).
      const raw = windowTable(window, { reference: baseline.table, label, minLabelled: 1 });
      model = await buildModelSection(loaded, baseline.table, raw, {
        ...(label !== null ? { label } : {}),
        analyze: { clock: input.clock },
        names: { reference: referencePath, current: input.windowName, model: `${input.model} v${version.version}` },
      });
    } catch (e) {
      notes.push(`No model section: ${(e as Error).message}`);
    }
  }
  return { report: { ...report, notes, ...(model !== undefined ? { model } : {}) }, current, labelled };
}

function loadedModel(input: AnalyseInput): Promise<LoadedModel> {
  const key = input.version.artifactSha256;
  let p = input.models.get(key);
  if (p === undefined) {
    p = input.registry.loadModel({ name: input.model, version: input.version.version }).then(({ version, model }) => ({ model, format: FORMAT[version.format] ?? 'native' }));
    p.catch(() => input.models.delete(key));
    input.models.set(key, p);
    // A handful of versions at most: old ones are not checked again after a promotion.
    while (input.models.size > 8) input.models.delete(input.models.keys().next().value!);
  }
  return p;
}
