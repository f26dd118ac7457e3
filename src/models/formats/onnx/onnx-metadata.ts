/**
 * What Driftwatch writes into an ONNX file's `metadata_props` besides the graph — the label column, the
 * task, the classes and positive class, the input columns with their kinds and training categories — and
 * reads back on import, so an exported model evaluates and predicts like the native one it came from
 * (the graph alone knows none of the label, the positive class or the categories seen in training).
 * Other producers' files have none of these keys; each one is optional on import.
 */
import { DriftwatchError } from '../../../core/index.js';
import type { InputColumn, ModelSignature, Task } from '../../model.js';

const KEY = {
  task: 'driftwatch.task',
  classes: 'driftwatch.classes',
  positiveClass: 'driftwatch.positive_class',
  label: 'driftwatch.label',
  inputs: 'driftwatch.inputs',
} as const;

export interface MetadataEntry {
  readonly key: string;
  readonly value: string;
}

/** The metadata_props entries for a model with this signature. */
export function signatureMetadata(sig: Pick<ModelSignature, 'task' | 'classes' | 'positiveClass' | 'label' | 'inputs'>): MetadataEntry[] {
  return [
    { key: KEY.task, value: sig.task },
    { key: KEY.classes, value: JSON.stringify(sig.classes) },
    ...(sig.positiveClass !== null ? [{ key: KEY.positiveClass, value: sig.positiveClass }] : []),
    ...(sig.label !== null ? [{ key: KEY.label, value: sig.label }] : []),
    { key: KEY.inputs, value: JSON.stringify(sig.inputs.map((i) => (i.kind === 'categorical' ? { name: i.name, kind: i.kind, categories: i.categories ?? [] } : { name: i.name, kind: i.kind }))) },
  ];
}

/** What a file's metadata says, each part null when absent. */
export interface RecordedSignature {
  readonly task: Task | null;
  readonly classes: readonly string[] | null;
  readonly positiveClass: string | null;
  readonly label: string | null;
  readonly inputs: readonly InputColumn[] | null;
}

/** Reads the Driftwatch keys of a decoded model's metadata_props; a key present but malformed is MODEL_INVALID. */
export function readSignatureMetadata(props: unknown, source: string): RecordedSignature {
  const entries = new Map<string, string>();
  for (const p of Array.isArray(props) ? (props as { key?: unknown; value?: unknown }[]) : []) {
    if (typeof p.key === 'string' && typeof p.value === 'string') entries.set(p.key, p.value);
  }
  const fail = (key: string, what: string): never => {
    throw new DriftwatchError('MODEL_INVALID', `ONNX metadata "${key}": ${what}`, { file: source, field: `metadata_props.${key}` });
  };
  const json = (key: string): unknown => {
    const text = entries.get(key);
    if (text === undefined) return undefined;
    try {
      return JSON.parse(text) as unknown;
    } catch {
      return fail(key, 'not valid JSON');
    }
  };
  const task = entries.get(KEY.task) ?? null;
  if (task !== null && task !== 'binary' && task !== 'multiclass' && task !== 'regression') fail(KEY.task, `"${task}" is not binary, multiclass or regression`);
  const classes = json(KEY.classes) ?? null;
  if (classes !== null && !(Array.isArray(classes) && classes.every((c) => typeof c === 'string'))) fail(KEY.classes, 'expected a list of class labels');
  const inputs = json(KEY.inputs) ?? null;
  if (inputs !== null && !(Array.isArray(inputs) && inputs.every(isInputColumn))) fail(KEY.inputs, 'expected a list of {name, kind, categories?}');
  return {
    task: task as Task | null,
    classes: classes as string[] | null,
    positiveClass: entries.get(KEY.positiveClass) ?? null,
    label: entries.get(KEY.label) ?? null,
    inputs: inputs as InputColumn[] | null,
  };
}

function isInputColumn(v: unknown): v is InputColumn {
  if (typeof v !== 'object' || v === null) return false;
  const o = v as Record<string, unknown>;
  if (typeof o['name'] !== 'string') return false;
  if (o['kind'] === 'numeric') return true;
  return o['kind'] === 'categorical' && Array.isArray(o['categories']) && o['categories'].every((c) => typeof c === 'string');
}
