/** CLI entry: parses argv and dispatches to one file per command. Returns the process exit code. */
import { Command, CommanderError } from 'commander';
import { EXIT } from '../core/index.js';
import { DRIFTWATCH_VERSION } from '../core/index.js';
import type { CommandContext } from './command-context.js';
import { createAnalyzeCommand } from './commands/analyze.js';
import { createDemoCommand } from './commands/demo.js';
import { createSimulateDriftCommand } from './commands/simulate-drift.js';
import { createTrainCommand } from './commands/train.js';
import { createEvaluateCommand } from './commands/evaluate.js';
import { createPredictCommand } from './commands/predict.js';
import { createPipelineCommand } from './commands/pipeline.js';
import { createModelsCommand } from './commands/models.js';
import { createApprovalsCommand } from './commands/approvals.js';
import { createJobsCommand } from './commands/jobs.js';
import { createAuditCommand } from './commands/audit.js';
import { createBaselineCommand } from './commands/baseline.js';
import { createSplitCommand } from './commands/split.js';
import { commanderMessage, reportFailure, UsageError } from './errors.js';
import { processIo, type CliIo } from './io.js';

/** Builds the command tree (fresh each call, so in-process tests do not share state). */
export function createProgram(ctx: CommandContext): Command {
  const program = new Command('driftwatch')
    .description('Drift monitoring for machine-learning models: compare data, find drift, write reports.')
    .version(DRIFTWATCH_VERSION, '-V, --version', 'print the version')
    .helpOption('-h, --help', 'show help')
    .helpCommand('help [command]', 'show help for a command')
    .addHelpText('after', '\nRun `driftwatch demo` to see an analysis of a real dataset with injected drift.\nDocs: docs/cli.md');
  program.addCommand(createAnalyzeCommand(ctx));
  program.addCommand(createSimulateDriftCommand(ctx));
  program.addCommand(createDemoCommand(ctx));
  program.addCommand(createTrainCommand(ctx));
  program.addCommand(createEvaluateCommand(ctx));
  program.addCommand(createPredictCommand(ctx));
  program.addCommand(createPipelineCommand(ctx));
  program.addCommand(createModelsCommand(ctx));
  program.addCommand(createApprovalsCommand(ctx));
  program.addCommand(createJobsCommand(ctx));
  program.addCommand(createAuditCommand(ctx));
  program.addCommand(createBaselineCommand(ctx));
  program.addCommand(createSplitCommand(ctx));
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
    const program = createProgram(ctx);
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
