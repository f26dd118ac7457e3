/** Parses `COL=+2`, `COL=1.5`, `COL=VALUE:weight` flag values into transforms. */
import { DriftwatchError } from '../../core/index.js';
import type { DriftTransform, TransformKind } from '../../data/simulate/index.js';

const NUMBER = /^[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?$/;

/** Parses one flag value for `kind` (`--shift` etc.). Column names may contain spaces and `=`: the last `=` splits. */
export function parseTransform(kind: TransformKind, raw: string): DriftTransform {
  const flag = `--${kind}`;
  const source = `${flag} ${raw}`;
  const eq = raw.lastIndexOf('=');
  const column = eq > 0 ? raw.slice(0, eq).trim() : '';
  const arg = eq > 0 ? raw.slice(eq + 1).trim() : '';
  if (column === '' || arg === '') throw usage(flag, raw, `expected COLUMN=${ARG_SHAPE[kind]}`);
  if (kind === 'resample') {
    const colon = arg.lastIndexOf(':');
    const value = colon > 0 ? arg.slice(0, colon) : '';
    const weightText = colon > 0 ? arg.slice(colon + 1).trim() : '';
    const weight = NUMBER.test(weightText) ? Number(weightText) : NaN;
    if (value === '' || !(weight > 0) || !Number.isFinite(weight)) throw usage(flag, raw, `expected COLUMN=VALUE:WEIGHT with a positive weight`);
    return { kind, column, value, weight, source };
  }
  const x = NUMBER.test(arg) ? Number(arg) : NaN;
  if (!Number.isFinite(x)) throw usage(flag, raw, `expected COLUMN=${ARG_SHAPE[kind]}`);
  switch (kind) {
    case 'shift':
      return { kind, column, amount: x, source };
    case 'scale':
      if (x < 0) throw usage(flag, raw, 'the factor must not be negative');
      return { kind, column, factor: x, source };
    case 'noise':
      if (x < 0) throw usage(flag, raw, 'the factor must not be negative');
      return { kind, column, factor: x, source };
    case 'missing':
      if (x < 0 || x > 1) throw usage(flag, raw, 'the fraction must be between 0 and 1');
      return { kind, column, fraction: x, source };
  }
}

const ARG_SHAPE: Record<TransformKind, string> = {
  shift: 'AMOUNT (e.g. income=+2000)',
  scale: 'FACTOR (e.g. tenure=1.5)',
  noise: 'FACTOR (e.g. tenure=0.3)',
  resample: 'VALUE:WEIGHT (e.g. churn=Yes:2)',
  missing: 'FRACTION (e.g. total_charges=0.2)',
};

function usage(flag: string, raw: string, what: string): DriftwatchError {
  return new DriftwatchError('USAGE', `${flag} "${raw}": ${what}`, { field: flag });
}
