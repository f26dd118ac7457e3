/** Reads and validates a YAML config file; relative paths in it resolve against its folder. */
import { readFile } from 'node:fs/promises';
import { dirname, isAbsolute, resolve } from 'node:path';
import { isMap, isScalar, LineCounter, parseDocument, type Document } from 'yaml';
import { DriftwatchError } from '../errors.js';
import { formatIssue } from './format-issue.js';
import { configSchema, type DriftwatchConfig } from './schema.js';

export interface LoadedConfig {
  /** The file as named by the user (used in messages). */
  readonly file: string;
  /** The folder relative paths were resolved against. */
  readonly baseDir: string;
  /** The validated settings with `reference`, `current` and `output.dir` made absolute. */
  readonly config: DriftwatchConfig;
}

/**
 * Loads `file` (resolved against `cwd`). Throws DriftwatchError: FILE_NOT_FOUND / FILE_UNREADABLE, or
 * CONFIG_INVALID naming the file, the line, the key path and the allowed values.
 */
export async function loadConfig(file: string, cwd: string = process.cwd()): Promise<LoadedConfig> {
  const absolute = resolve(cwd, file);
  let text: string;
  try {
    text = await readFile(absolute, 'utf8');
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    if (code === 'ENOENT') throw new DriftwatchError('FILE_NOT_FOUND', 'config file not found', { file }, { cause: e });
    if (code === 'EISDIR') throw new DriftwatchError('FILE_UNREADABLE', 'is a folder, not a config file', { file }, { cause: e });
    throw new DriftwatchError('FILE_UNREADABLE', `cannot read the config file (${code ?? String(e)})`, { file }, { cause: e });
  }
  const baseDir = dirname(absolute);
  return { file, baseDir, config: parseConfig(text, file, baseDir) };
}

/** Validates config text (pure apart from path resolution). `file` is only used in messages. */
export function parseConfig(text: string, file: string, baseDir: string): DriftwatchConfig {
  const lineCounter = new LineCounter();
  const doc = parseDocument(text, { lineCounter, prettyErrors: false, uniqueKeys: true });
  const yamlError = doc.errors[0];
  if (yamlError !== undefined) {
    const line = lineCounter.linePos(yamlError.pos[0]).line;
    const first = yamlError.message.split('\n')[0]!.replace(/ at line \d+, column \d+:?$/, '');
    throw new DriftwatchError('CONFIG_INVALID', `not valid YAML: ${first}`, { file, line });
  }
  const raw: unknown = doc.toJS() ?? {};
  const parsed = configSchema.safeParse(raw);
  if (!parsed.success) {
    const texts = parsed.error.issues.map((i) => {
      const t = formatIssue(i, raw, configSchema);
      return { ...t, line: lineOf(doc, lineCounter, t.valuePath, t.unknownKey) };
    });
    // Report the problem nearest the top of the file: it is the one a person reads first.
    texts.sort((a, b) => (a.line ?? Infinity) - (b.line ?? Infinity));
    const t = texts[0]!;
    const where = t.path === '' ? '' : `${t.path}: `;
    throw new DriftwatchError('CONFIG_INVALID', `${where}${t.message}`, { file, field: t.path, ...(t.line !== undefined ? { line: t.line } : {}) });
  }
  return resolvePaths(parsed.data, baseDir);
}

function resolvePaths(c: DriftwatchConfig, baseDir: string): DriftwatchConfig {
  const abs = (p: string): string => (isAbsolute(p) ? p : resolve(baseDir, p));
  return {
    ...c,
    ...(c.reference !== undefined ? { reference: abs(c.reference) } : {}),
    ...(c.current !== undefined ? { current: abs(c.current) } : {}),
    ...(c.output !== undefined ? { output: { ...c.output, ...(c.output.dir !== undefined ? { dir: abs(c.output.dir) } : {}) } } : {}),
  };
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
