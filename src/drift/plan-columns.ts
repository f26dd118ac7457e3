/**
 * Which columns are compared and as what: roles (feature, target, prediction), kind overrides, exclusions
 * with reasons, schema changes between the two tables, and the reconciliation of a column whose kind
 * differs between them.
 */
import { DriftwatchError } from '../core/index.js';
import {
  compareSchemas,
  inferKind,
  isMostlyNumeric,
  MISSING_CODE,
  readAsNumbers,
  toCategorical,
  toNumeric,
  withKind,
  type Column,
  type ColumnKind,
  type NonNumericValues,
  type Table,
} from '../data/index.js';
import type { AnalysisKind } from './methods/types.js';
import type { NormalizedOptions } from './normalize-options.js';
import type { ColumnRole, ExcludedColumn, SchemaChanges } from './types.js';

export interface PlannedColumn {
  readonly name: string;
  readonly role: ColumnRole;
  readonly analysis: AnalysisKind;
  /** The kind reported (boolean stays boolean though it is analysed as categorical). */
  readonly reportKind: ColumnKind;
  /** Both sides in the storage the analysis needs. */
  readonly ref: Column;
  readonly cur: Column;
  /** Values of a numeric column that are not numbers (left out like missing values), per side; null: none. */
  readonly nonNumeric?: { readonly reference: NonNumericValues | null; readonly current: NonNumericValues | null };
}

export interface ColumnPlan {
  readonly columns: readonly PlannedColumn[];
  readonly excluded: readonly ExcludedColumn[];
  readonly schema: SchemaChanges;
  readonly notes: readonly string[];
}

const EXCLUDED_KIND_REASON: Partial<Record<ColumnKind, string>> = {
  id: 'identifier-like (kind id): every row has its own value, so its distribution says nothing about drift',
  datetime: 'datetime: time moves on between samples by construction; compare time windows instead',
  text: 'free text: not comparable as a distribution of values',
};

/** Kinds analysed as a distribution, and as what. */
function analysisOf(kind: ColumnKind): AnalysisKind | null {
  if (kind === 'numeric') return 'numeric';
  if (kind === 'categorical' || kind === 'boolean') return 'categorical';
  return null;
}

export function planColumns(reference: Table, current: Table, o: NormalizedOptions): ColumnPlan {
  const excluded: ExcludedColumn[] = [];
  const notes: string[] = [];
  const columns: PlannedColumn[] = [];
  /** Columns read as numbers on both sides though one side was stored as text (type changes they are not). */
  const readAsNumeric = new Set<string>();
  /** Columns with no value on one side: no evidence of a kind there, so no type change either. */
  const noEvidence = new Set<string>();
  const refNames = new Set(reference.names);

  for (const refColumn of reference.columns) {
    const name = refColumn.name;
    const role: ColumnRole = name === o.target ? 'target' : o.predictions.includes(name) ? 'prediction' : 'feature';
    if (o.drop.has(name)) {
      excluded.push({ name, reason: 'dropped (option drop)' });
      continue;
    }
    if (o.ids.has(name)) {
      excluded.push({ name, reason: 'identifier (option id)' });
      continue;
    }
    if (name === o.timestamp) {
      excluded.push({ name, reason: 'timestamp (option timestamp)' });
      continue;
    }
    const curColumn = current.column(name);
    if (curColumn === undefined) {
      excluded.push({ name, reason: role === 'feature' ? 'missing in current' : `${role} column missing in current` });
      if (role !== 'feature') notes.push(`The ${role} column "${name}" is not in the current data, so there is no ${role} drift section.`);
      continue;
    }
    const override = o.columnKinds[name];
    const refCol = override !== undefined ? withKind(refColumn, override) : refColumn;
    const curCol = override !== undefined ? withKind(curColumn, override) : curColumn;
    let planned: PlannedColumn | null;
    if (override !== undefined) planned = reconcile(name, role, refCol, curCol, excluded, notes);
    else {
      const read = readByReference(refCol, curCol);
      if (read.numeric) readAsNumeric.add(name);
      if (read.noEvidence) noEvidence.add(name);
      planned = reconcile(name, role, read.ref, read.cur, excluded, notes);
      if (planned !== null && (read.nonNumeric.reference !== null || read.nonNumeric.current !== null)) planned = { ...planned, nonNumeric: read.nonNumeric };
    }
    if (planned !== null) columns.push(planned);
  }
  for (const name of current.names) {
    if (!refNames.has(name) && !o.drop.has(name)) excluded.push({ name, reason: 'not in the reference' });
  }
  const schema = compareSchemas(reference, current);
  return {
    columns,
    excluded,
    notes,
    // A kind override makes both sides one kind: that is not a change of the data.
    schema: {
      ...schema,
      type_changes: schema.type_changes.filter((t) => o.columnKinds[t.name] === undefined && !readAsNumeric.has(t.name) && !noEvidence.has(t.name)),
    },
  };
}

/**
 * Both sides as one analysis kind, or null (with the reason recorded) when they cannot be compared. Runs
 * after readByReference, so a numeric reference has already made current numeric; what is left is a text
 * reference against numeric current (or kinds forced by the user): when every category of the categorical
 * side reads as a number both are numeric; otherwise both are read as categories, numbers by their shortest
 * text. Any other mismatch (datetime, text, id on one side) is excluded.
 */
function reconcile(name: string, role: ColumnRole, ref: Column, cur: Column, excluded: ExcludedColumn[], notes: string[]): PlannedColumn | null {
  const a = analysisOf(ref.kind);
  const b = analysisOf(cur.kind);
  if (a === null || b === null) {
    const reason = ref.kind === cur.kind ? EXCLUDED_KIND_REASON[ref.kind]! : `type mismatch that cannot be reconciled: ${ref.kind} in reference, ${cur.kind} in current`;
    excluded.push({ name, reason });
    return null;
  }
  const reportKind: ColumnKind = ref.kind === cur.kind ? ref.kind : a === b ? 'categorical' : ref.kind;
  if (a === b) {
    return a === 'numeric'
      ? { name, role, analysis: 'numeric', reportKind, ref: toNumeric(ref), cur: toNumeric(cur) }
      : { name, role, analysis: 'categorical', reportKind, ref: toCategorical(ref), cur: toCategorical(cur) };
  }
  const refNumbers = tryNumeric(ref);
  const curNumbers = refNumbers === null ? null : tryNumeric(cur);
  if (refNumbers !== null && curNumbers !== null) {
    notes.push(`Column "${name}" is ${ref.kind} in reference and ${cur.kind} in current; all its values read as numbers, so it is compared as numeric.`);
    return { name, role, analysis: 'numeric', reportKind: 'numeric', ref: refNumbers, cur: curNumbers };
  }
  notes.push(`Column "${name}" is ${ref.kind} in reference and ${cur.kind} in current; it is compared as categorical (numbers as their text).`);
  return { name, role, analysis: 'categorical', reportKind: 'categorical', ref: toCategorical(ref), cur: toCategorical(cur) };
}

function tryNumeric(c: Column): Column | null {
  if (c.storage === 'numeric') return c;
  try {
    return toNumeric(c, undefined, 'numeric');
  } catch (e) {
    if (e instanceof DriftwatchError && e.code === 'PARSE_ERROR') return null;
    throw e;
  }
}

/** Kinds a reader gives text columns; such a column may still be numbers but for a few values. */
const TEXT_KINDS: ReadonlySet<ColumnKind> = new Set<ColumnKind>(['categorical', 'id', 'text']);

interface ReadByReference {
  readonly ref: Column;
  readonly cur: Column;
  /** Both sides are now numbers, at least one read from text. */
  readonly numeric: boolean;
  /** One side has no values at all. */
  readonly noEvidence: boolean;
  readonly nonNumeric: { readonly reference: NonNumericValues | null; readonly current: NonNumericValues | null };
}

/**
 * The column as the reference gives it. A text column that is numbers but for a few values
 * (MOSTLY_NUMERIC_SHARE) is numeric, its other values counted; when the reference is numeric, current is
 * read as numbers whatever it holds, its other values counted too — a stray "oops" or "1_000" never turns
 * a numeric comparison into hundreds of categories. A side with no values says nothing about the kind and
 * takes the other side's, so the column is reported as all missing rather than as a type change.
 */
function readByReference(ref: Column, cur: Column): ReadByReference {
  let nonNumericRef: NonNumericValues | null = null;
  let nonNumericCur: NonNumericValues | null = null;
  const refEmpty = !hasValues(ref);
  const curEmpty = !hasValues(cur);
  if (refEmpty !== curEmpty) {
    const [r, c] = refEmpty ? [emptyLike(ref, cur), cur] : [ref, emptyLike(cur, ref)];
    return { ref: r, cur: c, numeric: false, noEvidence: true, nonNumeric: { reference: null, current: null } };
  }
  let readRef = ref;
  let fromText = false;
  if (ref.storage === 'categorical' && TEXT_KINDS.has(ref.kind) && isMostlyNumeric(ref)) {
    const read = readAsNumbers(ref);
    readRef = { ...read.column, kind: inferKind(read.column) };
    nonNumericRef = read.nonNumeric;
    fromText = true;
  }
  let readCur = cur;
  let curMostlyNumeric = true;
  if (readRef.storage === 'numeric' && (readRef.kind === 'numeric' || readRef.kind === 'id') && cur.storage === 'categorical' && TEXT_KINDS.has(cur.kind)) {
    curMostlyNumeric = isMostlyNumeric(cur);
    // An identifier column stays one (and is left out as such) whatever current holds.
    const read = readAsNumbers(cur, readRef.kind);
    readCur = read.column;
    nonNumericCur = read.nonNumeric;
    fromText = true;
  } else if (fromText && cur.storage === 'numeric' && cur.kind === 'id') {
    // The reference read as numbers decides; current's own inference (all distinct integers: 'id') does not.
    readCur = { ...cur, kind: readRef.kind };
  }
  return {
    ref: readRef,
    cur: readCur,
    numeric: fromText && curMostlyNumeric && readCur.storage === 'numeric',
    noEvidence: false,
    nonNumeric: { reference: nonNumericRef, current: nonNumericCur },
  };
}

function hasValues(c: Column): boolean {
  if (c.storage === 'numeric') return c.values.some((v) => !Number.isNaN(v));
  return c.codes.some((code) => code !== MISSING_CODE);
}

/** A column of `column`'s length with no values, in `like`'s storage and kind. */
function emptyLike(column: Column, like: Column): Column {
  const n = column.storage === 'numeric' ? column.values.length : column.codes.length;
  return like.storage === 'numeric'
    ? { storage: 'numeric', name: column.name, kind: like.kind, values: new Float64Array(n).fill(NaN) }
    : { storage: 'categorical', name: column.name, kind: like.kind, codes: new Int32Array(n).fill(MISSING_CODE), dictionary: [] };
}
