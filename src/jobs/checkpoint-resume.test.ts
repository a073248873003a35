// A worker process (the real `worker` command) is SIGKILLed in the middle of a checkpointed job;
// another worker's stalled check hands the job on, and it resumes from its last checkpoint: every
// step's side effect happens exactly once and the job completes once.

import { spawn } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { Redis } from 'ioredis';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { InMemoryAlertSink } from './alerts.ts';
import { BullmqJobDriver } from './bullmq.driver.ts';
import { JobRegistry } from './job-definition.ts';
import { crashProbe, STEPS } from './test-fixtures/crash-probe.jobs.ts';
import { quietLogger, startTestRedis, waitFor, type TestRedis } from './test-kit.ts';
import { startWorkers } from './workers.ts';

const root = fileURLToPath(new URL('../../', import.meta.url));

let server: TestRedis;
let client: Redis;
beforeAll(async () => {
  server = await startTestRedis();
  client = new Redis(server.redis.url);
});
afterAll(async () => {
  client?.disconnect();
  await server?.stop();
});

describe('checkpoint resume after SIGKILL', () => {
  it('continues from the last checkpoint in another worker and completes once', async () => {
    const registry = new JobRegistry([crashProbe]);
    const connection = { url: server.redis.url };
    const driver = new BullmqJobDriver(registry, connection);
    const run = 'crash1';
    const submitted = await driver.submit<{ steps: number }>('hub.crash-probe', { run });

    // BullMQ runs one stalled check per queue per interval, whichever worker starts it (a key with
    // that expiry): the dead worker's interval bounds the hand-over as much as the live one's.
    const configFile = path.join(mkdtempSync(path.join(os.tmpdir(), 'hub-jobs-config-')), 'jobs.json');
    writeFileSync(configFile, JSON.stringify({ stalledIntervalMs: 300, maxStalledCount: 1 }));
    const child = spawn(
      process.execPath,
      [
        '--import',
        'tsx',
        'src/cli/main.ts',
        'worker',
        '--jobs',
        'src/jobs/test-fixtures/crash-probe.jobs.ts',
        '--queues',
        'hub',
        '--no-schedules',
        '--config',
        configFile,
      ],
      {
        cwd: root,
        env: { ...process.env, REDIS_URL: server.redis.url, LOG_LEVEL: 'warn', CRASH_PROBE_PARK_AFTER: '3' },
        stdio: ['ignore', 'pipe', 'pipe'],
      },
    );
    let output = '';
    child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()));
    const exited = new Promise<NodeJS.Signals | number | null>((resolve) =>
      child.once('exit', (code, signal) => resolve(signal ?? code)),
    );

    const parkedPid = await waitFor(
      'the worker process to checkpoint step 3',
      async () => {
        if (child.exitCode !== null) throw new Error(`worker process exited early:\n${output}`);
        return (await client.get(`${run}:parked`)) ?? undefined;
      },
      30_000,
    ).catch((error: unknown) => {
      child.kill('SIGKILL');
      throw new Error(`${String(error)}\nworker output:\n${output}`, { cause: error });
    });
    expect(Number(parkedPid)).toBe(child.pid);
    expect(await driver.queue('hub').getJobState(submitted.id)).toBe('active');

    child.kill('SIGKILL');
    expect(await exited).toBe('SIGKILL');

    // The resumed run happens in this process: the fixture finds Redis the way the child did.
    process.env.REDIS_URL = server.redis.url;
    const workers = await startWorkers({
      connection,
      registry,
      queues: { hub: { concurrency: 1 } },
      lockDurationMs: 1_000,
      stalledIntervalMs: 300,
      maxStalledCount: 1,
      shutdownTimeoutMs: 5_000,
      alerts: new InMemoryAlertSink(),
      logger: quietLogger(),
    });
    try {
      expect(await submitted.finished()).toEqual({ steps: STEPS });
      const effects = await client.hgetall(`${run}:effects`);
      expect(effects).toEqual(Object.fromEntries(Array.from({ length: STEPS }, (_, i) => [String(i + 1), '1'])));
      // Two runs: the first from step 1, the resumed one from step 4 — not from the start.
      expect(await client.lrange(`${run}:starts`, 0, -1)).toEqual(['1', '4']);
      expect(await driver.queue('hub').getJobCounts('completed', 'failed', 'active', 'wait')).toEqual({
        completed: 1,
        failed: 0,
        active: 0,
        wait: 0,
      });
    } finally {
      await workers.stop();
      await driver.close();
    }
  });
});
