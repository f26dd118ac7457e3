/**
 * Reading a YAML config file and validating it against a schema the caller composes (the runtime layer
 * knows the registries a config names; core does not). Errors name the file, the line, the key path and
 * the allowed values.
 */
import { readFile } from 'node:fs/promises';
import { resolve } from 'node:path';
import { isMap, isScalar, LineCounter, parseDocument, type Document } from 'yaml';
import type { z } from 'zod';
import { DriftwatchError } from '../errors.js';
import { formatIssue } from './format-issue.js';

/**
 * Reads `file` (resolved against `cwd`). Throws DriftwatchError FILE_NOT_FOUND / FILE_UNREADABLE naming
 * the file as given.
 */
export async function readConfigText(file: string, cwd: string): Promise<{ readonly absolute: string; readonly text: string }> {
  const absolute = resolve(cwd, file);
  try {
    return { absolute, text: await readFile(absolute, 'utf8') };
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    if (code === 'ENOENT') throw new DriftwatchError('FILE_NOT_FOUND', 'config file not found', { file }, { cause: e });
    if (code === 'EISDIR') throw new DriftwatchError('FILE_UNREADABLE', 'is a folder, not a config file', { file }, { cause: e });
    throw new DriftwatchError('FILE_UNREADABLE', `cannot read the config file (${code ?? String(e)})`, { file }, { cause: e });
  }
}

/** Parses YAML text and validates it with `schema`: CONFIG_INVALID otherwise. `file` is only used in messages. */
export function parseYamlConfig<S extends z.ZodType>(text: string, file: string, schema: S): z.output<S> {
  const lineCounter = new LineCounter();
  const doc = parseDocument(text, { lineCounter, prettyErrors: false, uniqueKeys: true });
  const yamlError = doc.errors[0];
  if (yamlError !== undefined) {
    const line = lineCounter.linePos(yamlError.pos[0]).line;
    const first = yamlError.message.split('\n')[0]!.replace(/ at line \d+, column \d+:?$/, '');
    throw new DriftwatchError('CONFIG_INVALID', `not valid YAML: ${first}`, { file, line });
  }
  const raw: unknown = doc.toJS() ?? {};
  const parsed = schema.safeParse(raw);
  if (!parsed.success) {
    const texts = parsed.error.issues.map((i) => {
      const t = formatIssue(i, raw, schema);
      return { ...t, line: lineOf(doc, lineCounter, t.valuePath, t.unknownKey) };
    });
    // Report the problem nearest the top of the file: it is the one a person reads first.
    texts.sort((a, b) => (a.line ?? Infinity) - (b.line ?? Infinity));
    const t = texts[0]!;
    const where = t.path === '' ? '' : `${t.path}: `;
    throw new DriftwatchError('CONFIG_INVALID', `${where}${t.message}`, { file, field: t.path, ...(t.line !== undefined ? { line: t.line } : {}) });
  }
  return parsed.data;
}

/** 1-based line of the node at `path` (or of the key `key` inside it), when the document has one. */
function lineOf(doc: Document, counter: LineCounter, path: readonly PropertyKey[], key?: string): number | undefined {
  const node = path.length === 0 ? doc.contents : doc.getIn(path.map((k) => (typeof k === 'number' ? k : String(k))), true);
  let offset: number | undefined;
  if (key !== undefined && isMap(node)) {
    const pair = node.items.find((p) => isScalar(p.key) && String(p.key.value) === key);
    if (pair !== undefined && isScalar(pair.key)) offset = pair.key.range?.[0];
  }
  if (offset === undefined && node !== null && typeof node === 'object' && 'range' in node) {
    offset = (node as { range?: [number, number, number] | null }).range?.[0];
  }
  return offset === undefined ? undefined : counter.linePos(offset).line;
}

/**
 * The 1-based line of every key in YAML text, by dotted path (`per_column.income`): lets a later error about
 * a setting (one only the data can reveal) point at its line. Empty for text that is not a YAML mapping.
 */
export function yamlKeyLines(text: string): Record<string, number> {
  const lineCounter = new LineCounter();
  const doc = parseDocument(text, { lineCounter, prettyErrors: false });
  const out: Record<string, number> = {};
  collectKeyLines(doc.contents, '', lineCounter, out);
  return out;
}

function collectKeyLines(node: unknown, prefix: string, counter: LineCounter, out: Record<string, number>): void {
  if (!isMap(node)) return;
  for (const pair of node.items) {
    if (!isScalar(pair.key)) continue;
    const path = `${prefix}${String(pair.key.value)}`;
    const offset = pair.key.range?.[0];
    if (offset !== undefined) out[path] = counter.linePos(offset).line;
    collectKeyLines(pair.value, `${path}.`, counter, out);
  }
}
