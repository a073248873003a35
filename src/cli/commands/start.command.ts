// `start`: the hub as a long-running process, until SIGINT/SIGTERM.
import { loadConfig } from '../../config/config.ts';
import { createLogger } from '../../platform/logger.ts';
import { Shutdown, type ShutdownReport } from '../../platform/shutdown.ts';
import type { CliCommand } from '../command-registry.ts';
import { describeHub, startHub } from '../start-hub.ts';

const start: CliCommand = {
  name: 'start',
  summary: 'run the hub (HTTP API, jobs) with the configuration from the environment',
  async run(_args, io) {
    const config = loadConfig(io.env, { cwd: io.cwd });
    const logger = createLogger({ level: config.logLevel });
    // Signals are handled from before the first component starts, so none is left behind by a
    // Ctrl-C during start (the local Redis runs in its own process group and would outlive us).
    const shutdown = new Shutdown({ logger, stepTimeoutMs: 10_000 });
    const stopped = new Promise<ShutdownReport>((resolve) => shutdown.handleSignals(resolve));
    const hub = await startHub(config, { logger, shutdown });
    logger.info({ http: hub.httpUrl, legacy: hub.legacy.origin }, 'hub started');
    io.out(describeHub(config, hub));
    return (await stopped).clean ? 0 : 1;
  },
};

export default start;
