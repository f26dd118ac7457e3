/**
 * drift_report.json: the DriftReport as a JSON document whose key order is fixed here, key by key, in the
 * order documented in docs/report-schema.md, whatever order the input object was built in. JSON has no
 * infinity or NaN, so non-finite numbers are written as the strings "Infinity", "-Infinity" and "NaN".
 * Each builder is typed as a complete mapping of its source type, so a field added to the contract fails
 * to compile here until it is placed (and documented). Optional fields are always written, with the
 * default the contract gives for an absent value, so readers see one shape.
 */
import { utf8Chunks } from './byte-chunks.js';
import { reviveNonFinite } from './charts/index.js';
import type {
  ClassPerformance, ClassScores, ColumnDrift, ColumnQuality, ConfidenceSide, DataQuality, DatasetDrift, DatasetSource, DriftReport, EffectSize, ExcludedColumn,
  HistogramData, MetricValues, ModelConfidence, ModelInfo, ModelPerformance, ModelSection, NonNumericReport, PerformanceSide, QualityIssue,
  SampleSummary, SchemaChanges,
} from '../drift/index.js';
import { PERFORMANCE_METRICS } from '../drift/names/index.js';
import { changeOf, predictionColumns } from './report-columns.js';

/** A JSON value as written to the report. */
export type JsonValue = string | number | boolean | null | readonly JsonValue[] | { readonly [key: string]: JsonValue };

/** Every key of T, each mapped to its JSON encoding. */
type JsonOf<T> = { readonly [K in keyof T]-?: JsonValue };

/** A number as JSON: finite numbers as they are, the rest as "Infinity", "-Infinity" or "NaN". */
export function jsonNumber(x: number): number | string {
  if (Number.isFinite(x)) return x;
  return Number.isNaN(x) ? 'NaN' : x > 0 ? 'Infinity' : '-Infinity';
}

function jsonNullableNumber(x: number | null): number | string | null {
  return x === null ? null : jsonNumber(x);
}

/** Numbers as JSON; the array itself when every one is finite (most are: a wide report has a million of them). */
const numbers = (xs: readonly number[]): readonly (number | string)[] => (xs.every(Number.isFinite) ? xs : xs.map(jsonNumber));

function source(s: DatasetSource): JsonOf<DatasetSource> {
  return { path: s.path, rows: s.rows };
}

function dataset(d: DatasetDrift): JsonOf<DatasetDrift> {
  return {
    columns_analyzed: d.columns_analyzed,
    drifted_columns: d.drifted_columns,
    drifted_share: jsonNumber(d.drifted_share),
    drift_share_threshold: jsonNumber(d.drift_share_threshold),
    dataset_drift: d.dataset_drift,
    severity: d.severity,
    alert: d.alert ?? d.dataset_drift,
  };
}

function effectSize(e: EffectSize): JsonOf<EffectSize> {
  return { method: e.method, value: jsonNumber(e.value), threshold: jsonNumber(e.threshold), exceeded: e.exceeded, combine: e.combine ?? 'and' };
}

function summary(s: SampleSummary): JsonValue {
  if (s.type === 'numeric') {
    const out: JsonOf<typeof s> = {
      type: s.type,
      count: s.count,
      missing: s.missing,
      missing_share: jsonNumber(s.missing_share),
      mean: jsonNullableNumber(s.mean),
      std: jsonNullableNumber(s.std),
      min: jsonNullableNumber(s.min),
      quantiles: s.quantiles === null ? null : {
        p05: jsonNumber(s.quantiles.p05),
        p25: jsonNumber(s.quantiles.p25),
        p50: jsonNumber(s.quantiles.p50),
        p75: jsonNumber(s.quantiles.p75),
        p95: jsonNumber(s.quantiles.p95),
      },
      max: jsonNullableNumber(s.max),
    };
    return out;
  }
  const out: JsonOf<typeof s> = {
    type: s.type,
    count: s.count,
    missing: s.missing,
    missing_share: jsonNumber(s.missing_share),
    unique: s.unique,
    top: s.top.map((t) => ({ value: t.value, count: t.count, share: jsonNumber(t.share) })),
  };
  return out;
}

function histogram(h: HistogramData): JsonValue {
  if (h.type === 'numeric') {
    const out: JsonOf<typeof h> = {
      type: h.type, edges: numbers(h.edges), reference: numbers(h.reference), current: numbers(h.current),
      values: h.values === undefined || h.values === null ? null : numbers(h.values),
    };
    return out;
  }
  const out: JsonOf<typeof h> = { type: h.type, categories: h.categories, reference: numbers(h.reference), current: numbers(h.current) };
  return out;
}

/** One column's result in documented key order. */
function columnToJson(c: ColumnDrift): JsonOf<ColumnDrift> {
  return {
    name: c.name,
    kind: c.kind,
    role: c.role,
    method: c.method,
    statistic: jsonNumber(c.statistic),
    p_value: jsonNullableNumber(c.p_value),
    p_value_raw: jsonNullableNumber(c.p_value_raw),
    effect_size: c.effect_size === null ? null : effectSize(c.effect_size),
    score: jsonNumber(c.score),
    threshold: jsonNumber(c.threshold),
    score_kind: c.score_kind,
    drifted: c.drifted,
    n_reference: c.n_reference,
    n_current: c.n_current,
    summary: { reference: summary(c.summary.reference), current: summary(c.summary.current) },
    new_categories: c.new_categories,
    vanished_categories: c.vanished_categories,
    histogram: histogram(c.histogram),
    reason: c.reason,
    change: changeOf(c),
  };
}

function columnQuality(q: ColumnQuality): JsonOf<ColumnQuality> {
  return {
    name: q.name,
    missing_share_reference: jsonNumber(q.missing_share_reference),
    missing_share_current: jsonNumber(q.missing_share_current),
    missing_share_change: jsonNumber(q.missing_share_change),
    out_of_range_share: jsonNullableNumber(q.out_of_range_share),
    new_categories: q.new_categories,
    constant_reference: q.constant_reference,
    constant_current: q.constant_current,
    non_numeric_reference: nonNumeric(q.non_numeric_reference),
    non_numeric_current: nonNumeric(q.non_numeric_current),
  };
}

function nonNumeric(n: NonNumericReport | null): JsonOf<NonNumericReport> | null {
  return n === null ? null : { count: n.count, first_value: n.first_value, first_line: n.first_line, first_row: n.first_row };
}

function issue(i: QualityIssue): JsonOf<QualityIssue> {
  return { column: i.column, kind: i.kind, message: i.message };
}

function quality(q: DataQuality): JsonOf<DataQuality> {
  return { columns: q.columns.map(columnQuality), issues: q.issues.map(issue) };
}

function schema(s: SchemaChanges): JsonOf<SchemaChanges> {
  return {
    missing_in_current: [...s.missing_in_current],
    extra_in_current: [...s.extra_in_current],
    type_changes: s.type_changes.map((t) => ({ name: t.name, reference: t.reference, current: t.current })),
  };
}

function excluded(e: ExcludedColumn): JsonOf<ExcludedColumn> {
  return { name: e.name, reason: e.reason };
}

function modelInfo(m: ModelInfo): JsonOf<ModelInfo> {
  return { path: m.path, format: m.format, algorithm: m.algorithm, task: m.task, classes: m.classes === null ? null : [...m.classes] };
}

function confidenceSide(c: ConfidenceSide): JsonOf<ConfidenceSide> {
  return { rows: c.rows, mean: jsonNumber(c.mean), low_confidence_share: jsonNumber(c.low_confidence_share) };
}

function confidence(c: ModelConfidence): JsonOf<ModelConfidence> {
  return {
    low_confidence_threshold: jsonNumber(c.low_confidence_threshold),
    reference: confidenceSide(c.reference),
    current: confidenceSide(c.current),
    mean_change: jsonNumber(c.mean_change),
    low_confidence_share_change: jsonNumber(c.low_confidence_share_change),
    drift: columnToJson(c.drift),
  };
}

/** Metrics in the order of PERFORMANCE_METRICS, whatever order they were computed in. */
function metricValues(m: MetricValues): { [key: string]: JsonValue } {
  const out: { [key: string]: JsonValue } = {};
  for (const k of PERFORMANCE_METRICS) if (k in m) out[k] = jsonNullableNumber(m[k] ?? null);
  return out;
}

function performanceSide(p: PerformanceSide): JsonOf<PerformanceSide> {
  return { n_samples: p.n_samples, metrics: metricValues(p.metrics) };
}

function classScores(s: ClassScores): JsonOf<ClassScores> {
  return { precision: jsonNumber(s.precision), recall: jsonNumber(s.recall), f1: jsonNumber(s.f1), support: s.support };
}

function classPerformance(c: ClassPerformance): JsonOf<ClassPerformance> {
  return { class: c.class, reference: classScores(c.reference), current: classScores(c.current) };
}

function performance(p: ModelPerformance): JsonOf<ModelPerformance> {
  return {
    label: p.label,
    positive_class: p.positive_class,
    reference: performanceSide(p.reference),
    current: performanceSide(p.current),
    change: metricValues(p.change),
    // Absent in a report from before 1.3: written as null, like a regressor's.
    per_class: p.per_class === undefined || p.per_class === null ? null : p.per_class.map(classPerformance),
    metric: p.metric,
    max_drop: jsonNumber(p.max_drop),
    drop: jsonNullableNumber(p.drop),
    alert: p.alert,
  };
}

function modelSection(m: ModelSection): JsonOf<ModelSection> {
  return {
    model: modelInfo(m.model),
    prediction_drift: columnToJson(m.prediction_drift),
    confidence: m.confidence === null ? null : confidence(m.confidence),
    performance: m.performance === null ? null : performance(m.performance),
    performance_alert: m.performance_alert,
    notes: [...m.notes],
  };
}

/** The whole report as one JSON value in documented key order (what renderJsonChunks writes, in pieces). */
export function reportToJson(r: DriftReport): JsonOf<DriftReport> {
  return {
    schema_version: r.schema_version,
    driftwatch_version: r.driftwatch_version,
    generated_at: r.generated_at,
    preset: r.preset,
    correction: r.correction,
    reference: source(r.reference),
    current: source(r.current),
    dataset: dataset(r.dataset),
    columns: r.columns.map(columnToJson),
    target_drift: r.target_drift === null ? null : columnToJson(r.target_drift),
    prediction_drift: r.prediction_drift === null ? null : columnToJson(r.prediction_drift),
    prediction_columns: predictionColumns(r).map(columnToJson),
    quality: quality(r.quality),
    schema: schema(r.schema),
    excluded: r.excluded.map(excluded),
    notes: [...r.notes],
    warnings: [...(r.warnings ?? [])],
    model: r.model === undefined || r.model === null ? null : modelSection(r.model),
  };
}

/** drift_report.json content: stable key order, 2-space indent, trailing newline. */
export function renderJson(report: DriftReport): string {
  return [...renderJsonChunks(report)].join('');
}

/**
 * One of the report's lists that grow with the width of the data (a file 100,000 columns wide has 100,000
 * columns, 100,000 quality rows and up to as many issues): its length, its elements encoded a slice at a
 * time, and how deep in the report its elements sit.
 */
interface WideList {
  readonly length: number;
  readonly encode: (start: number, end: number) => JsonValue[];
  /** Arrays and objects around an element: 2 for `columns` (its elements are indented 4 spaces). */
  readonly depth: number;
}

function wideList<T>(items: readonly T[], toJson: (item: T) => JsonValue, depth: number): WideList {
  return { length: items.length, encode: (start, end) => items.slice(start, end).map((item) => toJson(item)), depth };
}

/**
 * renderJson's text as UTF-8 in chunks of about a megabyte, for a writer: never one string (a report of
 * 100,000 columns is 285 MB of JSON).
 */
export function renderJsonBytes(report: DriftReport): Generator<Uint8Array> {
  return utf8Chunks(renderJsonChunks(report));
}

/** Stands in for wide list `i` while the rest of the report is stringified (a string no data makes). */
const slot = (i: number): string => `\u0000driftwatch-list-${i}\u0000`;

/**
 * A wide list is stringified about this many characters at a time. A longer string goes to V8's
 * large-object space once it passes 128 KB — 64K characters of a two-byte string, which any name outside
 * Latin-1 or any "→" in a change makes — and slices of a megabyte took twice as long as slices this size.
 */
const SLICE_CHARS = 24_000;

/**
 * renderJson's text in chunks (of about SLICE_CHARS, in the wide lists), byte for byte, so that a report of
 * 100,000 columns — hundreds of megabytes of JSON — is never one string nor one tree of JSON values: the
 * rest of the report is stringified with a slot in each wide list's place, and the lists a slice at a time.
 */
export function* renderJsonChunks(report: DriftReport): Generator<string> {
  const lists = [
    wideList(report.columns, columnToJson, 2),
    wideList(report.quality.columns, columnQuality, 3),
    wideList(report.quality.issues, issue, 3),
  ];
  const rest = reportToJson({ ...report, columns: [], quality: { ...report.quality, columns: [], issues: [] } });
  // A spread key that is set again keeps its place in the key order.
  const quality = rest.quality as { readonly [key: string]: JsonValue };
  const text = JSON.stringify({ ...rest, columns: slot(0), quality: { ...quality, columns: slot(1), issues: slot(2) } }, null, 2);
  let from = 0;
  for (const [i, list] of lists.entries()) {
    const marker = JSON.stringify(slot(i));
    const at = text.indexOf(marker, from);
    yield text.slice(from, at);
    yield* listChunks(list);
    from = at + marker.length;
  }
  yield `${text.slice(from)}\n`;
}

/**
 * A wide list as JSON.stringify(…, null, 2) writes it `depth` levels deep, brackets included. Each slice is
 * stringified inside `depth - 1` wrapping arrays, which indent its elements exactly as in the whole report,
 * and the wrappers' brackets are cut off: one native call per slice, where one call per element and a
 * re-indent of its every line took five times as long.
 */
function* listChunks({ length, encode, depth }: WideList): Generator<string> {
  if (length === 0) {
    yield '[]';
    return;
  }
  // The brackets of `depth` nested arrays as JSON.stringify writes them before the first element and after the last.
  let head = '';
  let tail = '';
  for (let level = 0; level < depth; level++) {
    head += level === 0 ? '[' : `\n${'  '.repeat(level)}[`;
    tail = `\n${'  '.repeat(level)}]${tail}`;
  }
  // Sized from the last slice: the elements of one list are much alike.
  let count = 16;
  for (let start = 0; start < length; ) {
    const end = Math.min(length, start + count);
    let wrapped: JsonValue = encode(start, end);
    for (let level = 1; level < depth; level++) wrapped = [wrapped];
    const json = JSON.stringify(wrapped, null, 2);
    const body = json.slice(head.length, json.length - tail.length);
    yield start === 0 ? `[${body}` : `,${body}`;
    count = Math.max(1, Math.floor((count * SLICE_CHARS) / body.length));
    start = end;
  }
  yield `\n${'  '.repeat(depth - 1)}]`;
}

/**
 * A report read back from JSON (drift_report.json, or one kept in the store) as a DriftReport: the strings
 * "NaN", "Infinity" and "-Infinity" become numbers again wherever a number belongs; data values (category
 * names, top values, class labels) stay text even when a category is called "NaN".
 */
export function reviveReport(json: unknown): DriftReport {
  return reviveNonFinite(json) as DriftReport;
}
