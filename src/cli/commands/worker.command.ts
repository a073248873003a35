// `worker`: a job worker process on the shared Redis (src/jobs/worker-command.ts says how).
import { runWorkerCommand } from '../../jobs/worker-command.ts';
import type { CliCommand } from '../command-registry.ts';

const worker: CliCommand = {
  name: 'worker',
  summary: 'run job workers on the shared Redis (REDIS_URL) until SIGINT/SIGTERM',
  run: runWorkerCommand,
};

export default worker;
