/**
 * Query strings and path params arrive as text. Bodies are validated without type coercion (a JSON `"5"` is not
 * the number 5, and `[1]` is not 1), so the query and params are converted here, before validation, from
 * the route's own JSON Schema: a property declared number/integer/boolean (or an array of them) gets its
 * text converted when it reads as one; anything else is left for the validator to refuse, naming the field.
 */
type Schema = Readonly<Record<string, unknown>>;

function typesOf(s: Schema | undefined): string[] {
  if (s === undefined) return [];
  const t = s['type'];
  if (typeof t === 'string') return [t];
  if (Array.isArray(t)) return t.filter((x): x is string => typeof x === 'string');
  const any = (s['anyOf'] ?? s['oneOf']) as Schema[] | undefined;
  return Array.isArray(any) ? any.flatMap(typesOf) : [];
}

function convert(text: string, types: readonly string[]): unknown {
  if ((types.includes('number') || types.includes('integer')) && /^[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?$/.test(text.trim())) return Number(text);
  if (types.includes('boolean') && (text === 'true' || text === 'false')) return text === 'true';
  if (types.includes('null') && text === 'null') return null;
  return text;
}

export function coerceTextFields(schema: unknown, values: unknown): void {
  if (schema === null || typeof schema !== 'object' || values === null || typeof values !== 'object') return;
  const props = (schema as Schema)['properties'] as Record<string, Schema> | undefined;
  if (props === undefined) return;
  const target = values as Record<string, unknown>;
  for (const [key, prop] of Object.entries(props)) {
    const v = target[key];
    if (v === undefined) continue;
    const types = typesOf(prop);
    if (typeof v === 'string') {
      if (types.includes('array')) {
        const items = typesOf(prop['items'] as Schema | undefined);
        target[key] = [convert(v, items)];
      } else target[key] = convert(v, types);
    } else if (Array.isArray(v) && types.includes('array')) {
      const items = typesOf(prop['items'] as Schema | undefined);
      target[key] = v.map((x: unknown) => (typeof x === 'string' ? convert(x, items) : x));
    }
  }
}
