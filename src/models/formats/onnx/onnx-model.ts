/**
 * Any ONNX model as a Driftwatch `Model`, run by onnxruntime-node on the CPU.
 *
 * The signature is read from the graph:
 * - inputs: either one float/double tensor [N, F] (features by position, or by `featureNames`), or one
 *   [N] / [N, 1] tensor per column, matched to table columns by name;
 * - outputs: a classifier has a label tensor [N] and probabilities, either a float tensor [N, K] or
 *   ONNX-ML's sequence of maps (ZipMap, as skl2onnx writes by default). onnxruntime-node cannot return
 *   sequences, so a ZipMap at the end of the graph is cut off at load time and its input tensor — the
 *   same probabilities, in class-label order — becomes the output. A regressor has one float output.
 * - classes: the ZipMap's or classifier node's `classlabels_*` attribute, else 0..K-1.
 * Anything else is refused with an error that says what was found.
 */
import ort from 'onnxruntime-node';
import { DRIFTWATCH_VERSION } from '../../../core/index.js';
import { DriftwatchError } from '../../../core/index.js';
import type { Table } from '../../../data/table/index.js';
import { cardWithoutTrainingFacts, type InputBinding, type InputColumn, type Model, type ModelSignature, type PredictionResult, type Task } from '../../model.js';
import { encode, requireColumns } from '../../preprocess/feature-encoder.js';
import { bindPositional, checkFeatureNames, rawNumericSpec } from '../imported-inputs.js';
import { predictionFrom } from '../../predictions.js';
import { MODEL_FILES_ARE } from '../describe-non-model.js';
import { readSignatureMetadata, type RecordedSignature } from './onnx-metadata.js';
import { decodeOnnx, encodeOnnx, type OnnxModelObject } from './onnx-proto.js';

export interface OnnxModelOptions {
  /** Names the file in error messages. */
  readonly source?: string;
  /** The label column (else the one the file's metadata records), never an input. */
  readonly label?: string;
  /** Table columns for a single [N, F] input, in order (ignored when the graph has one input per column). */
  readonly featureNames?: readonly string[];
}

interface GraphNode {
  op_type?: string;
  input?: string[];
  output?: string[];
  attribute?: { name?: string; ints?: number[]; strings?: Uint8Array[] }[];
}
interface ValueInfo {
  name?: string;
  type?: { tensor_type?: { elem_type?: number; shape?: { dim?: { dim_value?: number; dim_param?: string }[] } }; sequence_type?: unknown; map_type?: unknown };
}
interface Graph {
  node?: GraphNode[];
  input?: ValueInfo[];
  output?: ValueInfo[];
  initializer?: { name?: string }[];
}

const ELEM = { FLOAT: 1, INT64: 7, STRING: 8, DOUBLE: 11, INT32: 6 } as const;

export async function loadOnnxModel(bytes: Uint8Array, options: OnnxModelOptions = {}): Promise<Model> {
  const source = options.source ?? 'model.onnx';
  const fail = (message: string): never => {
    throw new DriftwatchError('MODEL_UNSUPPORTED', message, { file: source });
  };
  let decoded: OnnxModelObject;
  try {
    decoded = decodeOnnx(bytes);
  } catch (e) {
    throw new DriftwatchError('MODEL_INVALID', `a binary file that is not a readable ONNX model (${(e as Error).message}). ${MODEL_FILES_ARE}`, { file: source });
  }
  const graph = decoded['graph'] as Graph | undefined;
  if (!graph || !graph.node || graph.node.length === 0) return fail('the ONNX file has no graph');

  const recorded = readSignatureMetadata(decoded['metadata_props'], source);
  let classLabels = classLabelsOf(graph) ?? recorded.classes?.slice() ?? null;
  const zipmapped = cutZipMap(graph);
  if (zipmapped.labels) classLabels = zipmapped.labels;

  let session: ort.InferenceSession;
  try {
    session = await ort.InferenceSession.create(zipmapped.changed ? encodeOnnx(decoded) : bytes);
  } catch (e) {
    throw new DriftwatchError('MODEL_UNSUPPORTED', `onnxruntime could not load the model: ${(e as Error).message.split('\n')[0]}`, { file: source });
  }

  const initializers = new Set((graph.initializer ?? []).map((i) => i.name));
  const inputs = (graph.input ?? []).filter((i) => !initializers.has(i.name));
  const tensorOutputs = (graph.output ?? []).filter((o) => o.type?.tensor_type);
  if (tensorOutputs.length !== (graph.output ?? []).length) {
    fail(`outputs ${(graph.output ?? []).filter((o) => !o.type?.tensor_type).map((o) => `"${o.name}"`).join(', ')} are not tensors and do not come from a ZipMap; Driftwatch reads tensor outputs and ZipMap probabilities`);
  }

  const labelOut = tensorOutputs.find((o) => rank(o) === 1 && [ELEM.INT64, ELEM.STRING, ELEM.INT32].includes(elemType(o) as 7)) ?? null;
  const floatOuts = tensorOutputs.filter((o) => elemType(o) === ELEM.FLOAT || elemType(o) === ELEM.DOUBLE);
  const probOut = labelOut ? (floatOuts.find((o) => rank(o) === 2) ?? null) : null;
  let task: Task;
  let classes: string[] | null = null;
  if (labelOut && probOut) {
    const k = dimValue(probOut, 1) ?? classLabels?.length ?? null;
    if (k === null) fail(`cannot tell the number of classes from output "${probOut.name}"`);
    classes = classLabels ?? Array.from({ length: k! }, (_, i) => String(i));
    task = classes.length === 2 ? 'binary' : 'multiclass';
  } else if (floatOuts.length >= 1 && !labelOut) {
    task = 'regression';
  } else {
    return fail(
      `cannot map the outputs (${tensorOutputs.map((o) => `${o.name}: rank ${rank(o)} type ${elemType(o)}`).join('; ')}) to labels and probabilities or to a regression value`,
    );
  }
  // The tensor a prediction is read from: a regressor's value, a classifier's probabilities.
  const resultName = (task === 'regression' ? floatOuts[0]! : probOut!).name!;

  const single = inputs.length === 1 && rank(inputs[0]!) === 2 && (dimValue(inputs[0]!, 1) ?? 0) !== 1;
  for (const input of inputs) {
    const t = elemType(input);
    if (![ELEM.FLOAT, ELEM.DOUBLE, ELEM.INT64, ELEM.STRING, ELEM.INT32].includes(t as 1)) fail(`input "${input.name}" has element type ${t}, which Driftwatch cannot feed`);
  }
  if (single && elemType(inputs[0]!) !== ELEM.FLOAT && elemType(inputs[0]!) !== ELEM.DOUBLE) {
    fail(`input "${inputs[0]!.name}" is a ${elemType(inputs[0]!)}-typed matrix; only float and double matrices are supported`);
  }
  const width = single ? dimValue(inputs[0]!, 1) : null;
  const model = single ? `the ONNX model (one input "${inputs[0]!.name}" of ${width ?? 'F'} features)` : 'the ONNX model';
  const featureNames = single ? checkFeatureNames(options.featureNames, width, model) : null;
  const named = recordedInputs(recorded, single ? width : null, single ? null : inputs.map((i) => i.name!), source);
  checkRecorded(recorded, task, classes, source);
  const label = options.label ?? recorded.label;

  const signature: ModelSignature = {
    task,
    inputs: single
      ? (featureNames ?? named?.map((i) => i.name) ?? Array.from({ length: width ?? 0 }, (_, i) => `f${i}`)).map((name) => ({ name, kind: 'numeric' as const }))
      : inputs.map((i) => named?.find((r) => r.name === i.name) ?? { name: i.name!, kind: elemType(i) === ELEM.STRING ? ('categorical' as const) : ('numeric' as const) }),
    classes,
    positiveClass: task === 'binary' ? (recorded.positiveClass ?? classes![1]!) : null,
    label,
  };
  const inputNames = inputs.map((i) => i.name!);
  const bindInputs = (table: Table): InputBinding => {
    if (single) return bindPositional(table, { width, names: named?.map((i) => i.name) ?? null, label, featureNames, model });
    requireColumns(inputNames, table);
    return { columns: inputNames, by: 'name', unused: table.names.filter((n) => !inputNames.includes(n)) };
  };
  const card = cardWithoutTrainingFacts({ algorithm: `onnx (${[...new Set(graph.node.map((n) => n.op_type))].join(', ')})`, parameters: { producer: String(decoded['producer_name'] ?? ''), ir_version: Number(decoded['ir_version'] ?? 0) }, format_version: `onnx-ir-${Number(decoded['ir_version'] ?? 0)}`, source: 'onnx' }, DRIFTWATCH_VERSION);

  const feedsFor = (table: Table): Record<string, ort.Tensor> => {
    if (single) {
      const input = inputs[0]!;
      const { X, n, d } = encode(rawNumericSpec(bindInputs(table).columns), table);
      const data = elemType(input) === ELEM.DOUBLE ? X : Float32Array.from(X);
      return { [input.name!]: new ort.Tensor(elemType(input) === ELEM.DOUBLE ? 'float64' : 'float32', data, [n, d]) };
    }
    const feeds: Record<string, ort.Tensor> = {};
    for (const input of inputs) {
      const name = input.name!;
      const shape = rank(input) === 2 ? [table.rowCount, 1] : [table.rowCount];
      const t = elemType(input);
      if (t === ELEM.STRING) {
        const col = table.column(name);
        if (!col) throw new DriftwatchError('COLUMN_NOT_FOUND', `the model needs column "${name}", not in the data (it has: ${table.names.join(', ')})`, { field: name });
        const values = col.storage === 'categorical' ? Array.from(col.codes, (c) => (c < 0 ? '' : col.dictionary[c]!)) : Array.from(col.values, (v) => (Number.isNaN(v) ? '' : String(v)));
        feeds[name] = new ort.Tensor('string', values, shape);
        continue;
      }
      const { X } = encode(rawNumericSpec([name]), table);
      feeds[name] =
        t === ELEM.DOUBLE
          ? new ort.Tensor('float64', X, shape)
          : t === ELEM.FLOAT
            ? new ort.Tensor('float32', Float32Array.from(X), shape)
            : t === ELEM.INT32
              ? new ort.Tensor('int32', Int32Array.from(X), shape)
              : new ort.Tensor('int64', BigInt64Array.from(X, (v) => BigInt(Math.round(Number.isFinite(v) ? v : 0))), shape);
    }
    return feeds;
  };

  return {
    signature,
    card,
    bindInputs,
    async predict(table: Table): Promise<PredictionResult> {
      const out = await session.run(feedsFor(table));
      return predictionFrom(Float64Array.from(out[resultName]!.data as Float32Array), classes);
    },
  };
}

/**
 * The inputs the metadata records, when they agree with the graph: as many as a single matrix's width, or
 * the same names as the graph's inputs. A file whose metadata contradicts its graph is refused.
 */
function recordedInputs(recorded: RecordedSignature, width: number | null, graphInputs: readonly string[] | null, source: string): readonly InputColumn[] | null {
  const inputs = recorded.inputs;
  if (inputs === null) return null;
  const names = inputs.map((i) => i.name);
  const agrees = graphInputs !== null ? names.length === graphInputs.length && graphInputs.every((n) => names.includes(n)) : width === null || names.length === width;
  if (!agrees) {
    throw new DriftwatchError('MODEL_INVALID', `ONNX metadata "driftwatch.inputs" (${names.join(', ')}) does not match the graph's inputs (${graphInputs?.join(', ') ?? `${width} features`})`, { file: source, field: 'metadata_props.driftwatch.inputs' });
  }
  return inputs;
}

/** The recorded task, classes and positive class must be the graph's. */
function checkRecorded(recorded: RecordedSignature, task: Task, classes: readonly string[] | null, source: string): void {
  const fail = (key: string, what: string): never => {
    throw new DriftwatchError('MODEL_INVALID', `ONNX metadata "${key}": ${what}`, { file: source, field: `metadata_props.${key}` });
  };
  if (recorded.task !== null && recorded.task !== task) fail('driftwatch.task', `says ${recorded.task}, but the graph's outputs are those of a ${task} model`);
  if (recorded.classes !== null && classes !== null && recorded.classes.join('\u0000') !== classes.join('\u0000')) fail('driftwatch.classes', `${recorded.classes.join(', ')} differ from the graph's classes ${classes.join(', ')}`);
  if (recorded.positiveClass !== null && !(classes ?? []).includes(recorded.positiveClass)) fail('driftwatch.positive_class', `"${recorded.positiveClass}" is not one of the classes`);
}

/** Class labels from the first classifier node that names them (skl2onnx and our exporter do). */
function classLabelsOf(graph: Graph): string[] | null {
  for (const node of graph.node ?? []) {
    const labels = nodeClassLabels(node);
    if (labels) return labels;
  }
  return null;
}

/** A classifier's or ZipMap's `classlabels_int64s` / `classlabels_strings` attribute as strings, else null. */
function nodeClassLabels(node: GraphNode): string[] | null {
  for (const a of node.attribute ?? []) {
    if (a.name === 'classlabels_int64s' && a.ints?.length) return a.ints.map(String);
    if (a.name === 'classlabels_strings' && a.strings?.length) return a.strings.map((s) => new TextDecoder().decode(s));
  }
  return null;
}

/** Removes a terminal ZipMap, exposing its input tensor as the graph output. */
function cutZipMap(graph: Graph): { changed: boolean; labels: string[] | null } {
  const outputs = graph.output ?? [];
  let labels: string[] | null = null;
  let changed = false;
  for (const zip of (graph.node ?? []).filter((n) => n.op_type === 'ZipMap')) {
    const outIndex = outputs.findIndex((o) => o.name === zip.output?.[0]);
    if (outIndex < 0) continue;
    const tensorName = zip.input![0]!;
    labels = nodeClassLabels(zip) ?? labels;
    outputs[outIndex] = { name: tensorName, type: { tensor_type: { elem_type: ELEM.FLOAT, shape: { dim: [{ dim_param: 'N' }, labels ? { dim_value: labels.length } : { dim_param: 'K' }] } } } };
    graph.node = graph.node!.filter((n) => n !== zip);
    changed = true;
  }
  return { changed, labels };
}

function elemType(v: ValueInfo): number {
  return v.type?.tensor_type?.elem_type ?? 0;
}
function rank(v: ValueInfo): number {
  return v.type?.tensor_type?.shape?.dim?.length ?? -1;
}
function dimValue(v: ValueInfo, axis: number): number | null {
  const d = v.type?.tensor_type?.shape?.dim?.[axis];
  return d?.dim_value ? Number(d.dim_value) : null;
}
