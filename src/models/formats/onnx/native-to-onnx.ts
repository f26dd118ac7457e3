import { exportOnnx, type ExportEstimator } from './onnx-export.js';
import type { NativeModel } from '../../native/native-model.js';

/** A native model as ONNX bytes: the same predictions from any ONNX runtime (see onnx-export.ts). */
export function nativeModelToOnnx(model: NativeModel): Uint8Array {
  const est = model.estimator;
  let estimator: ExportEstimator;
  switch (est.type) {
    case 'gbdt':
    case 'random_forest':
      estimator = { kind: 'trees', ensemble: est.ensemble };
      break;
    case 'logistic_regression':
      estimator = { kind: 'logistic', coef: est.coef, intercept: est.intercept, nClasses: est.n_classes };
      break;
    case 'linear_regression':
      estimator = { kind: 'linear', coef: est.coef, intercept: est.intercept };
      break;
  }
  return exportOnnx({ encoder: model.encoder, estimator, classes: model.signature.classes, name: model.card.algorithm, signature: model.signature });
}
