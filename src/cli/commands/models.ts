/** `driftwatch models …`: the registry from the command line (list, show, register, promote, rollback, history, export). */
import { Command } from 'commander';
import { isAbsolute, resolve } from 'node:path';
import type { CommandContext } from '../command-context.js';
import { badOption } from '../errors.js';
import { actorOf, printJson, withStore } from '../store-access.js';
import type { ModelVersion } from '../../registry/index.js';

interface Common {
  readonly home?: string;
  readonly actor?: string;
  readonly json?: boolean;
  readonly reason?: string;
}

const withCommon = (cmd: Command): Command =>
  cmd.option('--home <dir>', 'data directory (default: DRIFTWATCH_HOME, ./.driftwatch)').option('--actor <name>', 'who (default: the OS user)').option('--json', 'print JSON');

export function versionJson(v: ModelVersion): Record<string, unknown> {
  return {
    name: v.name, version: v.version, aliases: v.aliases, state: v.state, state_reason: v.stateReason ?? null, metrics: v.metrics, parameters: v.parameters,
    format: v.format, created_at: v.createdAt, created_by: v.createdBy, parent_version: v.parentVersion, tags: v.tags, description: v.description,
    trained_on_dataset_version_id: v.trainedOnDatasetVersionId, reference_dataset_version_id: v.referenceDatasetVersionId, artifact_sha256: v.artifactSha256,
  };
}

export function createModelsCommand(ctx: CommandContext): Command {
  const { io } = ctx;
  const abs = (f: string) => (isAbsolute(f) ? f : resolve(io.cwd, f));
  const reg = async () => (await import('../../registry/index.js'));
  const models = new Command('models').summary('registered models: versions, aliases, promotion, rollback, history');

  models.addCommand(withCommon(new Command('list').summary('registered models and where their aliases point')).action(async (f: Common) => {
    const { createRegistry } = await reg();
    await withStore(io, f, undefined, async (store) => {
      const list = await createRegistry(store).listModels();
      if (f.json === true) return printJson(io, list.map((m) => ({ name: m.name, latest_version: m.latestVersion, aliases: Object.fromEntries(m.aliases.map((a) => [a.alias, a.version])), created_at: m.createdAt, updated_at: m.updatedAt })));
      if (list.length === 0) io.stdout.write('no registered models yet (`driftwatch models register` or `driftwatch pipeline`)\n');
      for (const m of list) io.stdout.write(`${m.name}  latest ${m.latestVersion}  ${m.aliases.map((a) => `${a.alias}=${a.version}`).join(' ')}\n`);
    });
  }));

  models.addCommand(withCommon(new Command('show').argument('<ref>', 'NAME, NAME@alias or NAME:version').summary('one version (production by default)')).action(async (ref: string, f: Common) => {
    const { createRegistry, parseModelRef } = await reg();
    await withStore(io, f, undefined, async (store) => {
      const registry = createRegistry(store);
      const parsed = parseModelRef(ref);
      if (!ref.includes('@') && !ref.includes(':') && f.json !== true) {
        for (const v of await registry.listVersions(ref)) io.stdout.write(line(v));
        return;
      }
      const v = await registry.getVersion(parsed);
      if (f.json === true) return printJson(io, versionJson(v));
      io.stdout.write(line(v));
      io.stdout.write(`  metrics: ${Object.entries(v.metrics).map(([k, x]) => `${k}=${Math.round(x * 10000) / 10000}`).join(' ')}\n`);
    });
  }));

  models.addCommand(withCommon(new Command('register').argument('<name>').summary('register a model file as the next version')
    .option('-m, --model <file>', 'the model file (native JSON, ONNX, XGBoost JSON)').option('-r, --reference <file>', 'its reference baseline').option('--alias <alias>', 'point an alias at it (production promotes)').option('--reason <text>', 'why'))
    .action(async (name: string, f: Common & { model?: string; reference?: string; alias?: string }) => {
      if (f.model === undefined) throw badOption('--model', 'missing: give the model file');
      const { createRegistry } = await reg();
      await withStore(io, f, undefined, async (store) => {
        const v = await createRegistry(store).registerModel({ name, modelFile: abs(f.model!), ...(f.reference !== undefined ? { reference: { file: abs(f.reference) } } : {}), ...(f.alias !== undefined ? { alias: f.alias } : {}), actor: actorOf(f, io), reason: f.reason ?? null });
        if (f.json === true) return printJson(io, versionJson(v));
        io.stdout.write(`registered ${name} version ${v.version}${v.aliases.length > 0 ? ` (${v.aliases.join(', ')})` : ''}\n`);
      });
    }));

  models.addCommand(withCommon(new Command('promote').argument('<name>').argument('<version>').summary('make a version production (its baseline becomes the reference)').option('--reason <text>', 'why'))
    .action(async (name: string, version: string, f: Common) => {
      const n = Number(version);
      if (!Number.isInteger(n) || n < 1) throw badOption('VERSION', `must be a version number, got "${version}"`);
      const { createRegistry } = await reg();
      await withStore(io, f, undefined, async (store) => {
        const v = await createRegistry(store).promote(name, n, { actor: actorOf(f, io), reason: f.reason ?? null });
        if (f.json === true) return printJson(io, versionJson(v));
        io.stdout.write(`${name} version ${v.version} is now in production\n`);
      });
    }));

  models.addCommand(withCommon(new Command('rollback').argument('<name>').summary('put production back to the previous version and its baseline').option('--reason <text>', 'why'))
    .action(async (name: string, f: Common) => {
      const { createRegistry } = await reg();
      await withStore(io, f, undefined, async (store) => {
        const v = await createRegistry(store).rollback(name, { actor: actorOf(f, io), reason: f.reason ?? null });
        if (f.json === true) return printJson(io, versionJson(v));
        io.stdout.write(`${name}: production rolled back to version ${v.version} (with its reference baseline)\n`);
      });
    }));

  models.addCommand(withCommon(new Command('history').argument('<name>').summary('every alias move; --at T: which version was in production then').option('--at <time>', 'an ISO 8601 time').option('--alias <alias>', 'one alias'))
    .action(async (name: string, f: Common & { at?: string; alias?: string }) => {
      const { createRegistry } = await reg();
      await withStore(io, f, undefined, async (store) => {
        const registry = createRegistry(store);
        if (f.at !== undefined) {
          if (!Number.isFinite(Date.parse(f.at))) throw badOption('--at', `must be an ISO 8601 time such as 2026-12-01T10:00Z, got "${f.at}"`);
          const v = await registry.historyAt(name, f.at, f.alias);
          if (f.json === true) return printJson(io, { name, alias: f.alias ?? 'production', at: new Date(Date.parse(f.at)).toISOString(), version: v });
          io.stdout.write(v === null ? `no version of ${name} held ${f.alias ?? 'production'} at ${f.at}\n` : `${name} version ${v} held ${f.alias ?? 'production'} at ${f.at}\n`);
          return;
        }
        const moves = await registry.history(name, f.alias);
        if (f.json === true) return printJson(io, moves);
        for (const m of moves) io.stdout.write(`${m.movedAt}  ${m.kind.padEnd(8)} ${m.alias} → ${String(m.version)} (was ${String(m.previousVersion)})  by ${m.actor}${m.reason != null ? ` — ${m.reason}` : ''}\n`);
      });
    }));

  models.addCommand(withCommon(new Command('export').argument('<ref>', 'NAME, NAME@alias or NAME:version').summary('write a version\'s model file').option('-o, --out <file>', 'where').option('--format <format>', 'native or onnx', 'native'))
    .action(async (ref: string, f: Common & { out?: string; format?: string }) => {
      if (f.out === undefined) throw badOption('--out', 'missing: give the file to write');
      if (f.format !== 'native' && f.format !== 'onnx') throw badOption('--format', `must be native or onnx, got "${String(f.format)}"`);
      const [{ createRegistry, parseModelRef }, data, models] = await Promise.all([reg(), import('../../data/index.js'), import('../../models/index.js')]);
      await withStore(io, f, undefined, async (store) => {
        const registry = createRegistry(store);
        const v = await registry.getVersion(parseModelRef(ref));
        const out = abs(f.out!);
        if (f.format === v.format || (f.format === 'native' && v.format !== 'onnx')) {
          await data.writeFileAtomic(out, await store.artifacts.get(v.artifactSha256));
        } else if (f.format === 'onnx' && v.format === 'native') {
          const { model } = await registry.loadModel({ name: v.name, version: v.version });
          await data.writeFileAtomic(out, models.nativeModelToOnnx(model as import('../../models/index.js').NativeModel));
        } else {
          throw badOption('--format', `version ${v.version} is ${v.format}; it can only be exported as such`);
        }
        io.stdout.write(`wrote ${v.name} version ${v.version} (${f.format}) to ${f.out}\n`);
      });
    }));
  return models;
}

function line(v: ModelVersion): string {
  return `${v.name}:${v.version}  ${v.state}${v.aliases.length > 0 ? ` [${v.aliases.join(', ')}]` : ''}  ${v.createdAt}  by ${v.createdBy}${v.stateReason ? ` — ${v.stateReason}` : ''}\n`;
}
