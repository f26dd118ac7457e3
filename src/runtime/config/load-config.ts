/**
 * Reads and validates a YAML config file, in Driftwatch's format or ML Drift Monitor's (told apart by their
 * keys, see drift-monitor-config.ts); relative paths in it resolve against its folder.
 */
import { dirname, isAbsolute, resolve } from 'node:path';
import { parse as parseYaml } from 'yaml';
import { parseYamlConfig, readConfigText, yamlKeyLines } from '../../core/config/index.js';
import { DriftwatchError } from '../../core/index.js';
import { detectConfigFormat, driftMonitorSchema, fromDriftMonitor, type ConfigFormat } from './drift-monitor-config.js';
import { configSchema, type DriftwatchConfig } from './schema.js';

export interface LoadedConfig {
  /** The file as named by the user (used in messages). */
  readonly file: string;
  /** The folder relative paths were resolved against. */
  readonly baseDir: string;
  /** The validated settings with `reference`, `current`, `model`, `output.dir` and retraining paths made absolute. */
  readonly config: DriftwatchConfig;
  /** The 1-based line of every key in the file, by dotted path (`per_column.income`), for messages. */
  readonly keyLines: Readonly<Record<string, number>>;
  /** The format the file was written in. */
  readonly format: ConfigFormat;
  /** What was read differently from the file's own tool (ML Drift Monitor's format), for people. */
  readonly notes: readonly string[];
}

/**
 * Loads `file` (resolved against `cwd`). Throws DriftwatchError: FILE_NOT_FOUND / FILE_UNREADABLE, or
 * CONFIG_INVALID naming the file, the line, the key path and the allowed values.
 */
export async function loadConfig(file: string, cwd: string = process.cwd()): Promise<LoadedConfig> {
  const { absolute, text } = await readConfigText(file, cwd);
  const baseDir = dirname(absolute);
  return { file, baseDir, ...parseConfigFile(text, file, baseDir), keyLines: yamlKeyLines(text) };
}

/** Validates config text in either format (pure apart from path resolution). `file` is only used in messages. */
export function parseConfigFile(text: string, file: string, baseDir: string): Pick<LoadedConfig, 'config' | 'format' | 'notes'> {
  let doc: unknown;
  try {
    doc = parseYaml(text);
  } catch {
    doc = undefined; // parseYamlConfig reports the YAML error with its line
  }
  let format: ConfigFormat;
  try {
    format = detectConfigFormat(doc, file);
  } catch (e) {
    throw e instanceof DriftwatchError && e.field !== undefined ? withLine(e, text) : e;
  }
  if (format === 'driftwatch') return { config: resolvePaths(parseYamlConfig(text, file, configSchema), baseDir), format, notes: [] };
  const mapped = fromDriftMonitor(parseYamlConfig(text, file, driftMonitorSchema), file);
  return { config: resolvePaths(mapped.config, baseDir), format, notes: mapped.notes };
}

/** Validates config text in either format and returns the settings. `file` is only used in messages. */
export function parseConfig(text: string, file: string, baseDir: string): DriftwatchConfig {
  return parseConfigFile(text, file, baseDir).config;
}

/** The error with the line of the key it names (`a` or `a.b`). */
function withLine(e: DriftwatchError, text: string): DriftwatchError {
  const line = yamlKeyLines(text)[e.field!];
  return line === undefined ? e : new DriftwatchError(e.code, e.message, { ...(e.file !== undefined ? { file: e.file } : {}), field: e.field!, line });
}

function resolvePaths(c: DriftwatchConfig, baseDir: string): DriftwatchConfig {
  const abs = (p: string): string => (isAbsolute(p) ? p : resolve(baseDir, p));
  return {
    ...c,
    ...(c.reference !== undefined ? { reference: abs(c.reference) } : {}),
    ...(c.current !== undefined ? { current: abs(c.current) } : {}),
    ...(c.model !== undefined ? { model: abs(c.model) } : {}),
    ...(c.home !== undefined ? { home: abs(c.home) } : {}),
    ...(c.output !== undefined ? { output: { ...c.output, ...(c.output.dir !== undefined ? { dir: abs(c.output.dir) } : {}) } } : {}),
    ...(c.retraining !== undefined
      ? {
          retraining: {
            ...c.retraining,
            ...(c.retraining.save_path !== undefined ? { save_path: abs(c.retraining.save_path) } : {}),
            ...(c.retraining.log_path !== undefined ? { log_path: abs(c.retraining.log_path) } : {}),
          },
        }
      : {}),
  };
}
