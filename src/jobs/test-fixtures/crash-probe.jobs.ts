// A job catalogue for the crash test (src/jobs/checkpoint-resume.test.ts): six checkpointed steps,
// each leaving a side effect in Redis. With CRASH_PROBE_PARK_AFTER=n the run stops dead after
// checkpointing step n, so the test can SIGKILL the process at a known point.

import { Redis } from 'ioredis';
import { z } from 'zod';
import { defineJob } from '../job-definition.ts';
import type { JobCatalogue } from '../worker-command.ts';

export const STEPS = 6;

export const crashProbe = defineJob<{ run: string }, { steps: number }, { done: number }>({
  name: 'hub.crash-probe',
  queue: 'hub',
  schema: z.object({ run: z.string().min(1) }),
  idempotencyKey: (data) => data.run,
  retry: { attempts: 1, backoff: { type: 'fixed', delayMs: 100 } },
  // Short, so that a killed worker's lock runs out soon and the stalled check can hand the job on.
  lockDurationMs: 1_500,
  async handler(ctx, data) {
    const redis = new Redis(process.env.REDIS_URL ?? '', { maxRetriesPerRequest: 1 });
    try {
      const from = (ctx.checkpoint?.done ?? 0) + 1;
      await redis.rpush(`${data.run}:starts`, String(from));
      for (let step = from; step <= STEPS; step += 1) {
        await redis.hincrby(`${data.run}:effects`, String(step), 1);
        await ctx.progress({ done: step });
        if (process.env.CRASH_PROBE_PARK_AFTER === String(step)) {
          await redis.set(`${data.run}:parked`, String(process.pid));
          await new Promise(() => undefined);
        }
      }
      return { steps: STEPS };
    } finally {
      redis.disconnect();
    }
  },
});

const catalogue: JobCatalogue = () => [crashProbe];
export default catalogue;
