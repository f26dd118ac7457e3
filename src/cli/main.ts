/** CLI entry: parses argv and dispatches to one file per command. Returns the process exit code. */
import { Command, CommanderError } from 'commander';
import { EXIT } from '../core/index.js';
import { DRIFTWATCH_VERSION } from '../core/index.js';
import type { CommandContext } from './command-context.js';
import { commanderMessage, reportFailure, UsageError } from './errors.js';
import { processIo, type CliIo } from './io.js';

type CommandFactory = (ctx: CommandContext) => Command;

/**
 * The commands, in help order, each loaded on demand: a command's module pulls in its workflow (training
 * pulls in the model and metrics code), and loading every command's modules cost each `driftwatch
 * analyze` tens of milliseconds of start-up.
 */
const COMMANDS: Readonly<Record<string, () => Promise<CommandFactory>>> = {
  analyze: async () => (await import('./commands/analyze.js')).createAnalyzeCommand,
  'simulate-drift': async () => (await import('./commands/simulate-drift.js')).createSimulateDriftCommand,
  demo: async () => (await import('./commands/demo.js')).createDemoCommand,
  train: async () => (await import('./commands/train.js')).createTrainCommand,
  evaluate: async () => (await import('./commands/evaluate.js')).createEvaluateCommand,
  predict: async () => (await import('./commands/predict.js')).createPredictCommand,
  pipeline: async () => (await import('./commands/pipeline.js')).createPipelineCommand,
  models: async () => (await import('./commands/models.js')).createModelsCommand,
  approvals: async () => (await import('./commands/approvals.js')).createApprovalsCommand,
  jobs: async () => (await import('./commands/jobs.js')).createJobsCommand,
  audit: async () => (await import('./commands/audit.js')).createAuditCommand,
  baseline: async () => (await import('./commands/baseline.js')).createBaselineCommand,
  split: async () => (await import('./commands/split.js')).createSplitCommand,
  serve: async () => (await import('./commands/serve.js')).createServeCommand,
  keys: async () => (await import('./commands/keys.js')).createKeysCommand,
  backup: async () => (await import('./commands/backup.js')).createBackupCommand,
  restore: async () => (await import('./commands/restore.js')).createRestoreCommand,
};

/**
 * Builds the command tree (fresh each call, so in-process tests do not share state). With `only` (the
 * command the arguments name), the tree holds that command alone: it parses and behaves the same, and the
 * other commands' modules are not loaded. Help and unknown commands need the whole tree.
 */
export async function createProgram(ctx: CommandContext, only?: string): Promise<Command> {
  const names = only !== undefined && Object.hasOwn(COMMANDS, only) ? [only] : Object.keys(COMMANDS);
  const factories = await Promise.all(names.map((n) => COMMANDS[n]!()));
  const program = new Command('driftwatch')
    .description('Drift monitoring for machine-learning models: compare data, find drift, write reports.')
    .version(DRIFTWATCH_VERSION, '-V, --version', 'print the version')
    .helpOption('-h, --help', 'show help')
    .helpCommand('help [command]', 'show help for a command')
    .addHelpText('after', '\nRun `driftwatch demo` to see an analysis of a real dataset with injected drift.\nDocs: docs/cli.md');
  for (const create of factories) program.addCommand(create(ctx));
  configureTree(program, ctx.io);
  return program;
}

/** Commander settings for every command: throw instead of exiting, write to our io, report errors ourselves. */
function configureTree(cmd: Command, io: CliIo): void {
  cmd
    .exitOverride((err) => {
      throw err.exitCode === 0 || err.code === 'commander.help' ? err : new UsageError(commanderMessage(err), commandPath(cmd));
    })
    .configureOutput({
      writeOut: (s) => void io.stdout.write(s),
      writeErr: (s) => void io.stderr.write(s),
      // Errors are written once, in our own format, by reportFailure().
      outputError: () => undefined,
    })
    .showSuggestionAfterError(true)
    // A fixed width keeps --help identical on every terminal (and the golden test stable).
    .configureHelp({ helpWidth: 100 });
  if (cmd.commands.length === 0) cmd.helpOption('-h, --help', 'show help');
  for (const sub of cmd.commands) configureTree(sub, io);
}

function commandPath(cmd: Command): string {
  const names: string[] = [];
  for (let c: Command | null = cmd; c !== null; c = c.parent) names.unshift(c.name());
  return names.join(' ');
}

/**
 * Runs the CLI on `argv` (process.argv shape: node, script, args…) and returns the exit code. Never throws
 * and never calls process.exit: failures become one line on stderr and a documented exit code.
 */
export async function main(argv: readonly string[], io: CliIo = processIo()): Promise<number> {
  const ctx: CommandContext = { io, exitCode: EXIT.OK };
  try {
    const program = await createProgram(ctx, argv[2]);
    await program.parseAsync([...argv]);
    return ctx.exitCode;
  } catch (e) {
    if (e instanceof CommanderError) {
      // --help / --version: already printed. Bare `driftwatch`: help went to stderr; that is a usage error.
      return e.exitCode === 0 ? EXIT.OK : EXIT.USAGE;
    }
    return reportFailure(e, io);
  }
}
