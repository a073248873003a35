// `start`: the hub as a long-running process, until SIGINT/SIGTERM.
import { loadConfig } from '../../config/config.ts';
import { createLogger } from '../../platform/logger.ts';
import type { CliCommand } from '../command-registry.ts';
import { describeHub, startHub } from '../start-hub.ts';

const start: CliCommand = {
  name: 'start',
  summary: 'run the hub (HTTP API, jobs) with the configuration from the environment',
  async run(_args, io) {
    const config = loadConfig(io.env, { cwd: io.cwd });
    const logger = createLogger({ level: config.logLevel });
    const hub = await startHub(config, { logger });
    logger.info({ http: hub.httpUrl, legacy: hub.legacy.origin }, 'hub started');
    io.out(describeHub(config, hub));
    const report = await new Promise<{ clean: boolean }>((resolve) => hub.shutdown.handleSignals(resolve));
    return report.clean ? 0 : 1;
  },
};

export default start;
