/**
 * Class labels for training and evaluation. Labels are read as strings (a numeric 0/1 column gives
 * classes "0" and "1"), so a model's classes print the way the user's data spells them.
 *
 * Binary positive class, in order of precedence: the one the user names; else, when the two labels are
 * 1/0, true/false or yes/no (any case), the 1/true/yes one; else the second label in sorted order.
 * Binary classes are ordered [negative, positive], so probability column 1 is the positive class.
 */
import { DriftwatchError } from '../../core/index.js';
import { MISSING_CODE, type Column } from '../../data/table/index.js';
import { compareCategories } from './feature-encoder.js';

export interface EncodedLabels {
  /** Class index per row; -1 where the label is missing. */
  readonly y: Int32Array;
  readonly classes: readonly string[];
  /** Binary only: the positive class (classes[1]). */
  readonly positiveClass: string | null;
}

const POSITIVE = new Set(['1', 'true', 'yes', 'y', 't']);

/** The label of every row as a string, or null when missing. */
export function labelStrings(col: Column): (string | null)[] {
  if (col.storage === 'categorical') return Array.from(col.codes, (c) => (c === MISSING_CODE ? null : col.dictionary[c]!));
  return Array.from(col.values, (v) => (Number.isNaN(v) ? null : String(v)));
}

export interface EncodeLabelsOptions {
  readonly positiveClass?: string;
  /** Fixes the classes and their order (e.g. from a saved model). */
  readonly classes?: readonly string[];
}

/** Picks the classes of a label column and encodes it. */
export function encodeLabels(col: Column, options: EncodeLabelsOptions = {}): EncodedLabels {
  return encodeLabelStrings(labelStrings(col), col.name, options);
}

/** `encodeLabels` on labels already read as strings (`labelStrings`); `column` names them in errors. */
export function encodeLabelStrings(labels: readonly (string | null)[], column: string, options: EncodeLabelsOptions = {}): EncodedLabels {
  let classes: string[];
  let positiveClass: string | null = null;
  if (options.classes) {
    classes = [...options.classes];
    positiveClass = classes.length === 2 ? classes[1]! : null;
  } else {
    classes = [...new Set(labels.filter((l): l is string => l !== null))].sort(compareCategories);
    if (classes.length < 2) {
      throw new DriftwatchError('INVALID_ARGUMENT', `label column "${column}" has ${classes.length === 0 ? 'no values' : `only one class ("${classes[0]}")`}; a classifier needs at least two`, { field: column });
    }
    if (classes.length === 2) {
      positiveClass = choosePositive(classes, options.positiveClass, column);
      classes = [classes.find((c) => c !== positiveClass)!, positiveClass];
    } else if (options.positiveClass !== undefined) {
      throw new DriftwatchError('USAGE', `--positive-class applies to binary labels; "${column}" has ${classes.length} classes`, { field: 'positive-class' });
    }
  }
  const index = new Map(classes.map((c, i) => [c, i]));
  const y = new Int32Array(labels.length);
  labels.forEach((l, i) => {
    y[i] = l === null ? -1 : (index.get(l) ?? -1);
  });
  return { y, classes, positiveClass };
}

function choosePositive(classes: readonly string[], requested: string | undefined, column: string): string {
  if (requested !== undefined) {
    if (!classes.includes(requested)) {
      throw new DriftwatchError('USAGE', `--positive-class "${requested}" is not a label of "${column}" (labels: ${classes.join(', ')})`, { field: 'positive-class' });
    }
    return requested;
  }
  const lower = classes.map((c) => c.toLowerCase());
  const pos = lower.findIndex((c) => POSITIVE.has(c));
  if (pos >= 0 && lower.filter((c) => POSITIVE.has(c)).length === 1) return classes[pos]!;
  return classes[1]!;
}
