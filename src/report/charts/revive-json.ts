/**
 * JSON has no NaN or infinity, so the JSON report writes them as the strings "NaN", "Infinity" and
 * "-Infinity". Reading a report back (the server's stored reports, the dashboard) turns them into numbers
 * everywhere a number belongs, and leaves data values (category names, top values, class labels) alone even
 * when a category happens to be called "NaN". Here, beside the chart specifications, because the dashboard may
 * import only those of src/.
 */
export const NON_FINITE: Readonly<Record<string, number>> = { NaN: Number.NaN, Infinity: Number.POSITIVE_INFINITY, '-Infinity': Number.NEGATIVE_INFINITY };

/** Keys whose values are data (names, categories, labels, messages), never numbers written as text. */
const DATA_KEYS = new Set([
  'name', 'categories', 'new_categories', 'vanished_categories', 'first_value', 'classes', 'positive_class', 'label', 'path',
  'column', 'message', 'notes', 'warnings', 'reason', 'change', 'kind', 'role', 'method', 'preset', 'correction',
  'missing_in_current', 'extra_in_current',
]);

/** The parsed JSON report with its non-finite numbers restored. */
export function reviveNonFinite(json: unknown): unknown {
  return revive(json, undefined, undefined);
}

function revive(value: unknown, key: string | undefined, parentKey: string | undefined): unknown {
  if (typeof value === 'string') {
    if (key !== undefined && DATA_KEYS.has(key)) return value;
    // A top-value entry's `value` is a category; an effect size's `value` is a number.
    if (key === 'value' && parentKey === 'top') return value;
    return value in NON_FINITE ? NON_FINITE[value] : value;
  }
  if (Array.isArray(value)) {
    // Arrays of data (categories, class lists) keep their strings; arrays of numbers get theirs revived.
    if (key !== undefined && DATA_KEYS.has(key)) return value;
    return value.map((v) => revive(v, undefined, key));
  }
  if (typeof value === 'object' && value !== null) {
    const out: Record<string, unknown> = {};
    // An array element has no key of its own: its fields see the array's key (`top`) as their parent.
    for (const [k, v] of Object.entries(value)) out[k] = revive(v, k, key ?? parentKey);
    return out;
  }
  return value;
}
