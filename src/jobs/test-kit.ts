// Shared by the job platform's tests: a real redis-server per test file, a silent logger, bounded waits.

import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Logger } from 'pino';
import { createLogger } from '../platform/logger.ts';
import { startLocalRedis, type LocalRedis } from '../platform/redis-server.ts';

export interface TestRedis {
  redis: LocalRedis;
  stop(): Promise<void>;
}

export async function startTestRedis(): Promise<TestRedis> {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'hub-jobs-redis-'));
  const redis = await startLocalRedis({ dir, stopOnSignals: false });
  return {
    redis,
    async stop() {
      await redis.stop();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

export function quietLogger(): Logger {
  return createLogger({ level: 'silent' });
}

/** Polls `probe` until it answers a value other than undefined/false; fails after `timeoutMs`. */
export async function waitFor<T>(what: string, probe: () => Promise<T | undefined | false> | T | undefined | false, timeoutMs = 20_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await probe();
    if (value !== undefined && value !== false) return value;
    if (Date.now() > deadline) throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

/** A promise with its resolver outside: lets a test hold a handler at a known point. */
export function gate(): { promise: Promise<void>; open(): void } {
  let open!: () => void;
  const promise = new Promise<void>((resolve) => (open = resolve));
  return { promise, open };
}
