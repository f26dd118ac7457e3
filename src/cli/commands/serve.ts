/**
 * `driftwatch serve`: the monitoring service. Opens the runtime (store, registry, production models), starts
 * the HTTP API, and on SIGTERM/SIGINT shuts down gracefully: stop accepting, finish in-flight requests,
 * commit the logged predictions, close the store. JSON logs go to stdout; the URL is printed on stderr.
 */
import type { DemoTraffic } from '../demo/demo-traffic.js';
import { Command } from 'commander';
import type { CommandContext } from '../command-context.js';
import { parseChoice, parseNumber } from '../parse-values.js';
import { actorOf } from '../store-access.js';
import type { Logger, Runtime } from '../../runtime/index.js';

interface ServeFlags {
  readonly config?: string;
  readonly port?: string;
  readonly host?: string;
  readonly role: string;
  readonly demo?: boolean;
  readonly home?: string;
}

const ROLES = ['all', 'api', 'worker'] as const;

/** The job worker on the runtime's queue and handlers; none when there is no job kind to run yet. */
async function startJobWorker(runtime: Runtime, logger: Logger): Promise<{ stop(): Promise<void> } | undefined> {
  if (Object.keys(runtime.jobHandlers).length === 0) {
    logger.info({ queue: runtime.queue.backend }, 'no job kinds are wired into this build yet: the worker does not start');
    return undefined;
  }
  const { startWorker } = await import('../../worker/index.js');
  return startWorker({ queue: runtime.queue, handlers: runtime.jobHandlers, logger });
}

export function createServeCommand(ctx: CommandContext): Command {
  return new Command('serve')
    .summary('run the monitoring service (HTTP API, prediction logging)')
    .description(
      'Serve the production version of each registered model over HTTP, log predictions and ingested rows for monitoring, ' +
        'and take late labels. Without API keys it listens on 127.0.0.1 only. Stops gracefully on SIGTERM or Ctrl-C.',
    )
    .option('-c, --config <file>', 'driftwatch.yaml (server:, default_model:, home:)')
    .option('-p, --port <n>', 'port to listen on (default 8050; 0 picks a free one)')
    .option('--host <address>', 'address to listen on (default 127.0.0.1; another needs API keys)')
    .option('--role <role>', `what this process runs: ${ROLES.join(', ')}`, 'all')
    .option('--demo', 'train, register and serve the churn demo model first (if not there yet)')
    .option('--home <dir>', 'data directory (default: DRIFTWATCH_HOME, the config, ./.driftwatch)')
    .action(async (flags: ServeFlags) => {
      const { io } = ctx;
      const role = parseChoice('--role', flags.role, ROLES);
      const [{ loadConfig, createRuntime, createLogger }, { resolveHome }] = await Promise.all([import('../../runtime/index.js'), import('../../store/index.js')]);
      const loaded = flags.config !== undefined ? await loadConfig(flags.config, io.cwd) : null;
      const loadedConfig = loaded?.config ?? {};
      // The demo checks every 10 s on the last 2,000 rows (20 s of its traffic, most of them labelled by then), so drift shows within a minute.
      // The demo asks before training (the seed tools' order), so a retraining request waits for a person as
      // soon as drift is found, whatever the challenger would have scored.
      const config = flags.demo === true
        ? {
          ...loadedConfig,
          monitor: { interval_s: 10, window: { kind: 'count' as const, size: 2000 }, ...loadedConfig.monitor },
          pipeline: { ...loadedConfig.pipeline, approval: { where: 'before_training' as const, ...loadedConfig.pipeline?.approval } },
        }
        : loadedConfig;
      const port = flags.port !== undefined ? parseNumber('--port', flags.port, { min: 0, max: 65535, integer: true, describe: 'a port number from 0 to 65535' }) : (config.server?.port ?? 8050);
      const host = flags.host ?? config.server?.host ?? '127.0.0.1';
      const home = resolveHome({ flag: flags.home, env: io.env, config: config.home, cwd: io.cwd });
      const logger = createLogger();
      const runtime = await createRuntime({ config, home, env: io.env, role, logger });
      let server: { url: string; keyless: boolean; close(): Promise<void> } | undefined;
      let worker: { stop(): Promise<void> } | undefined;
      let schedule: { stop(): Promise<void> } | undefined;
      let traffic: DemoTraffic | undefined;
      try {
        if (flags.demo === true) {
          const { ensureDemoModel } = await import('../demo/serve-demo.js');
          io.stderr.write('driftwatch: preparing the demo model (churn)…\n');
          const demo = await ensureDemoModel(runtime.registry, actorOf({}, io));
          io.stderr.write(`driftwatch: demo model churn version ${demo.version} ${demo.trained ? 'trained and promoted' : 'already in production'}\n`);
        }
        if (role !== 'api') {
          worker = await startJobWorker(runtime, logger);
          // Scheduled drift checks run where the worker runs (one schedule per deployment: run one worker role).
          schedule = runtime.monitor.startSchedule();
        }
        if (role !== 'worker') {
          const { startServer } = await import('../../server/start-server.js');
          const demoController = flags.demo === true ? (await import('../demo/demo-control.js')).createDemoController(runtime, () => traffic) : undefined;
          server = await startServer(runtime, { host, port, demo: flags.demo === true, ...(demoController !== undefined ? { demoController } : {}) });
        }
      } catch (e) {
        await schedule?.stop();
        await worker?.stop();
        await runtime.close();
        throw e;
      }
      if (flags.demo === true && server !== undefined) {
        const { startDemoTraffic } = await import('../demo/demo-traffic.js');
        traffic = await startDemoTraffic({ url: server.url, onError: (e) => logger.warn({ err: e }, 'demo traffic: a request failed') });
        io.stderr.write('driftwatch: demo traffic started: predictions now, their labels 5 s later, drift growing over a minute; checks every 10 s\n');
      }
      if (server !== undefined) {
        io.stderr.write(`driftwatch: serving on ${server.url} (${runtime.store.backend} store at ${runtime.store.location}, ${runtime.queue.backend} job queue)${server.keyless ? '; no API keys, so loopback only and every local caller is admin' : ''}\n`);
        // Said at start-up: an API alone leaves retraining jobs waiting until some worker runs them.
        if (role === 'api') io.stderr.write('driftwatch: --role api runs no jobs and no scheduled checks: run a --role worker process on the same store and job queue\n');
        io.stderr.write(`driftwatch: dashboard at ${server.url}/ and API docs at ${server.url}/docs; stop with Ctrl-C or SIGTERM\n`);
      } else {
        io.stderr.write(`driftwatch: worker running on the ${runtime.queue.backend} job queue (${runtime.store.backend} store), with the scheduled checks; no HTTP (--role worker listens on no port); stop with Ctrl-C or SIGTERM\n`);
      }
      const signal = await new Promise<NodeJS.Signals>((resolve) => {
        const on = (s: NodeJS.Signals) => {
          process.off('SIGTERM', on);
          process.off('SIGINT', on);
          resolve(s);
        };
        process.on('SIGTERM', on);
        process.on('SIGINT', on);
      });
      io.stderr.write(`driftwatch: ${signal}: finishing in-flight requests and jobs, then closing the store…\n`);
      // The API stops first (no new requests, so no new jobs), then the worker finishes its job step.
      await traffic?.stop();
      if (server !== undefined) await server.close();
      await schedule?.stop();
      await worker?.stop();
      await runtime.close();
      logger.info({ signal }, 'Driftwatch stopped');
      logger.flush();
      io.stderr.write('driftwatch: stopped\n');
    });
}
