/** The drift a `simulate-drift` run injects, one plain object per flag. */

export type DriftTransform =
  /** Covariate shift: add `amount` to every value. */
  | { readonly kind: 'shift'; readonly column: string; readonly amount: number; readonly source: string }
  /** Spread change: x -> mean + factor * (x - mean). */
  | { readonly kind: 'scale'; readonly column: string; readonly factor: number; readonly source: string }
  /** Gaussian noise with sd = factor * the column's standard deviation. */
  | { readonly kind: 'noise'; readonly column: string; readonly factor: number; readonly source: string }
  /** Prior shift: resample rows so that `value` gets `weight` times its share; the row count stays. */
  | { readonly kind: 'resample'; readonly column: string; readonly value: string; readonly weight: number; readonly source: string }
  /** Set this fraction of the rows to missing. */
  | { readonly kind: 'missing'; readonly column: string; readonly fraction: number; readonly source: string };

export type TransformKind = DriftTransform['kind'];

/**
 * The order transforms apply in, whatever the order of the flags: rows are chosen first, then values
 * move, then values vanish. Shift and scale (about the mean) commute, so their order does not matter.
 */
export const TRANSFORM_ORDER: readonly TransformKind[] = ['resample', 'shift', 'scale', 'noise', 'missing'];
