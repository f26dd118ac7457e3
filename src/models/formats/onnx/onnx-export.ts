/**
 * Writes a native Driftwatch model as a self-contained ONNX file that any ONNX runtime can serve.
 *
 * The graph takes one input per raw column, named as the column ([N, 1] float for numeric, [N, 1] string
 * for categorical), and carries the preprocessing the model was trained with in ai.onnx.ml operators:
 * Imputer and Scaler for numeric columns, LabelEncoder (ordinal: unseen or empty -> NaN, i.e. missing) or
 * OneHotEncoder (one-hot: unseen -> all zeros) for categorical ones, then Concat into the feature matrix.
 * The estimator follows: TreeEnsembleClassifier/Regressor for trees, LinearClassifier/LinearRegressor for
 * linear models. Classifiers output `label` [N] (string class labels) and `probabilities` [N, K] as a
 * plain tensor (no ZipMap), in the model's class order.
 *
 * ONNX tree ensembles compare float32 inputs with float32 thresholds, and ONNX Runtime sums float32
 * leaf values, so exported probabilities agree with the native model to about 1e-7 except for a value
 * lying between a double threshold and its float32 rounding.
 */
import { DRIFTWATCH_VERSION } from '../../../core/index.js';
import type { ModelSignature } from '../../model.js';
import type { EncoderSpec } from '../../preprocess/feature-encoder.js';
import type { TreeEnsemble } from '../../trees/index.js';
import { signatureMetadata } from './onnx-metadata.js';
import { encodeOnnx } from './onnx-proto.js';

export type ExportEstimator =
  | { readonly kind: 'trees'; readonly ensemble: TreeEnsemble }
  | {
      readonly kind: 'logistic';
      /** Row-major rows x d (rows = 1 for two classes: class 1's weights, like scikit-learn). */
      readonly coef: ArrayLike<number>;
      readonly intercept: ArrayLike<number>;
      readonly nClasses: number;
    }
  | { readonly kind: 'linear'; readonly coef: ArrayLike<number>; readonly intercept: number };

export interface ExportInput {
  readonly encoder: EncoderSpec;
  readonly estimator: ExportEstimator;
  /** Class labels in output order (classifiers). */
  readonly classes: readonly string[] | null;
  /** Stored in the file's metadata. */
  readonly name?: string;
  /** The native model's signature: its label, task, positive class and inputs go into metadata_props, read back on import. */
  readonly signature?: Pick<ModelSignature, 'task' | 'classes' | 'positiveClass' | 'label' | 'inputs'>;
}

const FLOAT = 1;
const STRING = 8;

type Attr = Record<string, unknown>;
type Node = { op_type: string; domain: string; input: string[]; output: string[]; name: string; attribute: Attr[] };

const enc = new TextEncoder();

function attr(name: string, value: number | string | readonly number[] | readonly string[], kind?: 'int' | 'float'): Attr {
  if (typeof value === 'string') return { name, type: 'STRING', s: enc.encode(value) };
  if (typeof value === 'number') return kind === 'int' ? { name, type: 'INT', i: value } : { name, type: 'FLOAT', f: value };
  if (value.length > 0 && typeof value[0] === 'string') return { name, type: 'STRINGS', strings: (value as readonly string[]).map((s) => enc.encode(s)) };
  return kind === 'int' ? { name, type: 'INTS', ints: [...(value as readonly number[])] } : { name, type: 'FLOATS', floats: [...(value as readonly number[])] };
}

function tensorInfo(name: string, elemType: number, dims: (number | string)[]) {
  return {
    name,
    type: { tensor_type: { elem_type: elemType, shape: { dim: dims.map((d) => (typeof d === 'number' ? { dim_value: d } : { dim_param: d })) } } },
  };
}

/** Builds the ONNX bytes. */
export function exportOnnx(model: ExportInput): Uint8Array {
  const nodes: Node[] = [];
  let counter = 0;
  const node = (op_type: string, domain: string, input: string[], output: string[], attribute: Attr[]): void => {
    nodes.push({ op_type, domain, input, output, name: `${op_type}_${counter++}`, attribute });
  };
  const inputs = model.encoder.columns.map((c) => tensorInfo(c.name, c.kind === 'numeric' ? FLOAT : STRING, ['N', 1]));
  const parts: string[] = [];
  model.encoder.columns.forEach((c, i) => {
    let current = c.name;
    if (c.kind === 'numeric') {
      if (c.impute !== null) {
        const out = `imputed_${i}`;
        node('Imputer', 'ai.onnx.ml', [current], [out], [attr('imputed_value_floats', [c.impute]), attr('replaced_value_float', NaN)]);
        current = out;
      }
      if (c.scale !== null) {
        const out = `scaled_${i}`;
        node('Scaler', 'ai.onnx.ml', [current], [out], [attr('offset', [c.scale.mean]), attr('scale', [1 / c.scale.std])]);
        current = out;
      }
    } else if (c.encoding === 'ordinal') {
      const out = `ordinal_${i}`;
      node('LabelEncoder', 'ai.onnx.ml', [current], [out], [
        attr('keys_strings', c.categories.length > 0 ? c.categories : ['\u0000']),
        attr('values_floats', c.categories.length > 0 ? c.categories.map((_, k) => k) : [NaN]),
        attr('default_float', NaN),
      ]);
      current = out;
    } else {
      const hot = `onehot3d_${i}`;
      const out = `onehot_${i}`;
      node('OneHotEncoder', 'ai.onnx.ml', [current], [hot], [attr('cats_strings', c.categories), attr('zeros', 1, 'int')]);
      node('Flatten', '', [hot], [out], [attr('axis', 1, 'int')]);
      current = out;
    }
    parts.push(current);
  });
  node('Concat', '', parts, ['features'], [attr('axis', 1, 'int')]);

  const outputs = estimatorNodes(model, node);
  const graph = {
    name: model.name ?? 'driftwatch_model',
    node: nodes,
    input: inputs,
    output: outputs,
  };
  return encodeOnnx({
    ir_version: 8,
    producer_name: 'driftwatch',
    producer_version: DRIFTWATCH_VERSION,
    opset_import: [
      { domain: '', version: 13 },
      { domain: 'ai.onnx.ml', version: 2 },
    ],
    metadata_props: model.signature !== undefined ? signatureMetadata(model.signature) : [{ key: 'driftwatch.classes', value: JSON.stringify(model.classes) }],
    graph,
  });
}

function estimatorNodes(model: ExportInput, node: (op: string, domain: string, i: string[], o: string[], a: Attr[]) => void) {
  const est = model.estimator;
  const classes = model.classes;
  const classifierOutputs = (k: number) => [tensorInfo('label', STRING, ['N']), tensorInfo('probabilities', FLOAT, ['N', k])];
  if (est.kind === 'linear') {
    node('LinearRegressor', 'ai.onnx.ml', ['features'], ['variable'], [attr('coefficients', Array.from(est.coef)), attr('intercepts', [est.intercept])]);
    return [tensorInfo('variable', FLOAT, ['N', 1])];
  }
  if (est.kind === 'logistic') {
    const K = est.nClasses;
    // Two classes: rows for class 0 (negated) and class 1, each through the logistic, so the outputs are
    // [1 - p, p] exactly as scikit-learn's converter writes it.
    const coef = K === 2 ? [...Array.from(est.coef, (w) => -w), ...Array.from(est.coef)] : Array.from(est.coef);
    const intercepts = K === 2 ? [-est.intercept[0]!, est.intercept[0]!] : Array.from(est.intercept);
    node('LinearClassifier', 'ai.onnx.ml', ['features'], ['label', 'probabilities'], [
      attr('coefficients', coef),
      attr('intercepts', intercepts),
      attr('classlabels_strings', classes!),
      attr('multi_class', K === 2 ? 0 : 1, 'int'),
      attr('post_transform', K === 2 ? 'LOGISTIC' : 'SOFTMAX'),
    ]);
    return classifierOutputs(K);
  }
  const e = est.ensemble;
  const treeIds: number[] = [];
  const nodeIds: number[] = [];
  const featureIds: number[] = [];
  const values: number[] = [];
  const modes: string[] = [];
  const trueIds: number[] = [];
  const falseIds: number[] = [];
  const missingTrue: number[] = [];
  const leafTree: number[] = [];
  const leafNode: number[] = [];
  const leafOut: number[] = [];
  const leafWeight: number[] = [];
  const scale = e.aggregation === 'mean' ? 1 / e.trees.length : 1;
  e.trees.forEach((t, ti) => {
    for (let i = 0; i < t.feature.length; i++) {
      const leaf = t.feature[i]! < 0;
      treeIds.push(ti);
      nodeIds.push(i);
      featureIds.push(leaf ? 0 : t.feature[i]!);
      values.push(leaf ? 0 : t.threshold[i]!);
      modes.push(leaf ? 'LEAF' : 'BRANCH_LEQ');
      trueIds.push(leaf ? 0 : t.left[i]!);
      falseIds.push(leaf ? 0 : t.right[i]!);
      missingTrue.push(leaf ? 0 : t.missingLeft[i]!);
      if (!leaf) continue;
      for (let k = 0; k < e.valueDim; k++) {
        leafTree.push(ti);
        leafNode.push(i);
        leafOut.push(e.valueDim === 1 ? e.treeOutput[ti]! : k);
        leafWeight.push(t.value[i * e.valueDim + k]! * scale);
      }
    }
  });
  const treeAttrs = [
    attr('nodes_treeids', treeIds, 'int'),
    attr('nodes_nodeids', nodeIds, 'int'),
    attr('nodes_featureids', featureIds, 'int'),
    attr('nodes_values', values),
    attr('nodes_modes', modes),
    attr('nodes_truenodeids', trueIds, 'int'),
    attr('nodes_falsenodeids', falseIds, 'int'),
    attr('nodes_missing_value_tracks_true', missingTrue, 'int'),
  ];
  if (e.task === 'regression') {
    node('TreeEnsembleRegressor', 'ai.onnx.ml', ['features'], ['variable'], [
      ...treeAttrs,
      attr('target_treeids', leafTree, 'int'),
      attr('target_nodeids', leafNode, 'int'),
      attr('target_ids', leafOut, 'int'),
      attr('target_weights', leafWeight),
      attr('n_targets', 1, 'int'),
      attr('base_values', e.baseScore),
      attr('aggregate_function', 'SUM'),
      attr('post_transform', 'NONE'),
    ]);
    return [tensorInfo('variable', FLOAT, ['N', 1])];
  }
  const K = classes!.length;
  node('TreeEnsembleClassifier', 'ai.onnx.ml', ['features'], ['label', 'probabilities'], [
    ...treeAttrs,
    attr('class_treeids', leafTree, 'int'),
    attr('class_nodeids', leafNode, 'int'),
    attr('class_ids', leafOut, 'int'),
    attr('class_weights', leafWeight),
    attr('classlabels_strings', classes!),
    // A binary GBDT has one raw score (class 1's log-odds); ONNX Runtime then returns [1 - p, p].
    ...(e.baseScore.some((b) => b !== 0) ? [attr('base_values', e.baseScore)] : []),
    attr('post_transform', e.postTransform === 'sigmoid' ? 'LOGISTIC' : e.postTransform === 'softmax' ? 'SOFTMAX' : 'NONE'),
  ]);
  return classifierOutputs(K);
}
