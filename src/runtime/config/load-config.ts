/** Reads and validates Driftwatch's YAML config file; relative paths in it resolve against its folder. */
import { dirname, isAbsolute, resolve } from 'node:path';
import { parseYamlConfig, readConfigText, yamlKeyLines } from '../../core/config/index.js';
import { configSchema, type DriftwatchConfig } from './schema.js';

export interface LoadedConfig {
  /** The file as named by the user (used in messages). */
  readonly file: string;
  /** The folder relative paths were resolved against. */
  readonly baseDir: string;
  /** The validated settings with `reference`, `current` and `output.dir` made absolute. */
  readonly config: DriftwatchConfig;
  /** The 1-based line of every key in the file, by dotted path (`per_column.income`), for messages. */
  readonly keyLines: Readonly<Record<string, number>>;
}

/**
 * Loads `file` (resolved against `cwd`). Throws DriftwatchError: FILE_NOT_FOUND / FILE_UNREADABLE, or
 * CONFIG_INVALID naming the file, the line, the key path and the allowed values.
 */
export async function loadConfig(file: string, cwd: string = process.cwd()): Promise<LoadedConfig> {
  const { absolute, text } = await readConfigText(file, cwd);
  const baseDir = dirname(absolute);
  return { file, baseDir, config: parseConfig(text, file, baseDir), keyLines: yamlKeyLines(text) };
}

/** Validates config text (pure apart from path resolution). `file` is only used in messages. */
export function parseConfig(text: string, file: string, baseDir: string): DriftwatchConfig {
  return resolvePaths(parseYamlConfig(text, file, configSchema), baseDir);
}

function resolvePaths(c: DriftwatchConfig, baseDir: string): DriftwatchConfig {
  const abs = (p: string): string => (isAbsolute(p) ? p : resolve(baseDir, p));
  return {
    ...c,
    ...(c.reference !== undefined ? { reference: abs(c.reference) } : {}),
    ...(c.current !== undefined ? { current: abs(c.current) } : {}),
    ...(c.home !== undefined ? { home: abs(c.home) } : {}),
    ...(c.output !== undefined ? { output: { ...c.output, ...(c.output.dir !== undefined ? { dir: abs(c.output.dir) } : {}) } } : {}),
  };
}
