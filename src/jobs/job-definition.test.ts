// Declarations and configuration checked before anything reaches Redis.

import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { CommandRegistry } from '../cli/command-registry.ts';
import { defineJob, JobRegistry } from './job-definition.ts';
import { DEFAULT_QUEUES, parseJobsConfig } from './jobs-config.ts';
import { parseWorkerArgs, runWorkerCommand } from './worker-command.ts';

const base = defineJob({
  name: 'sys97.full-resync',
  queue: 'sys97',
  schema: z.object({ since: z.string() }),
  idempotencyKey: (data) => data.since,
  retry: { attempts: 3, backoff: { type: 'exponential', delayMs: 1_000 } },
  lockDurationMs: 60_000,
  handler: async () => undefined,
});

describe('JobRegistry', () => {
  it('refuses bad names, unknown queues, duplicate names and keys with ":"', () => {
    expect(() => new JobRegistry([{ ...base, name: 'FullResync' }])).toThrow(/<system>.<what>/);
    expect(() => new JobRegistry([{ ...base, queue: 'oracle' as never }])).toThrow(/unknown queue "oracle"/);
    expect(() => new JobRegistry([base, base])).toThrow(/already registered/);
    const registry = new JobRegistry([base]);
    expect(registry.prepare('sys97.full-resync', { since: 'all' })).toMatchObject({ key: 'all', data: { since: 'all' } });
    expect(() => registry.prepare('sys97.full-resync', { since: '2026-01-01 00:00' })).toThrow(/contain no ':'/);
    expect(registry.onQueue('sys97').map((d) => d.name)).toEqual(['sys97.full-resync']);
  });
});

describe('jobs configuration', () => {
  it('fills defaults and overrides one queue', () => {
    const config = parseJobsConfig({ queues: { billing: { concurrency: 2 } }, schedules: { 'billing.cycle': '0 3 4 * *' } });
    expect(config.queues).toEqual({ ...DEFAULT_QUEUES, billing: { concurrency: 2 } });
    expect(config).toMatchObject({ stalledIntervalMs: 30_000, maxStalledCount: 2, schedules: { 'billing.cycle': '0 3 4 * *' } });
    expect(() => parseJobsConfig({ queues: { sys97: { concurrency: 0 } } })).toThrow(/invalid jobs configuration/);
    expect(() => parseJobsConfig({ lockDuration: 5 })).toThrow(/lockDuration/);
  });
});

describe('worker command', () => {
  it('parses its arguments and refuses unknown queues', () => {
    expect(parseWorkerArgs(['--queues', 'sys97,billing', '--no-schedules'])).toMatchObject({
      queues: ['sys97', 'billing'],
      schedules: false,
      jobs: 'src/sync/jobs.ts',
    });
    expect(() => parseWorkerArgs(['--queues', 'oracle'])).toThrow(/unknown queue\(s\) oracle/);
    expect(() => parseWorkerArgs(['--jobs'])).toThrow(/needs a value/);
  });

  it('asks for REDIS_URL instead of starting a redis-server of its own', async () => {
    const io = { env: {}, cwd: '/tmp', out: () => undefined, err: () => undefined };
    await expect(runWorkerCommand([], io)).rejects.toThrow(/set REDIS_URL/);
  });

  it('is one of the hub\'s commands', () => {
    const registry = new CommandRegistry();
    registry.discover(new URL('../cli/commands/', import.meta.url));
    expect(registry.names()).toContain('worker');
  });
});
