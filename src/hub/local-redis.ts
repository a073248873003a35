// The local Redis of the embedded default run. A hub killed with SIGKILL leaves its redis-server
// running (it lives in its own process group so that a Ctrl-C reaches the hub first); the queued and
// half-done jobs are in it. The next start reuses that server instead of starting a second one on
// the same AOF directory, so the interrupted jobs resume.

import { Redis } from 'ioredis';
import type { Logger } from 'pino';
import { startLocalRedis } from '../platform/redis-server.ts';
import { isAlive, readRuntime } from './runtime-file.ts';

export interface HubRedis {
  url: string;
  /** The local redis-server's pid (null for an external Redis). */
  pid: number | null;
  stop(): Promise<void>;
}

async function answers(url: string): Promise<boolean> {
  const client = new Redis(url, { lazyConnect: true, maxRetriesPerRequest: 0, connectTimeout: 1_000, retryStrategy: () => null });
  client.on('error', () => undefined);
  try {
    await client.connect();
    return (await client.ping()) === 'PONG';
  } catch {
    return false;
  } finally {
    client.disconnect();
  }
}

export async function localRedisForHub(options: { dataDir: string; dir: string; binary?: string; logger: Logger }): Promise<HubRedis> {
  const previous = readRuntime(options.dataDir, { evenIfDead: true });
  if (previous && !isAlive(previous.pid) && previous.redisPid !== null && isAlive(previous.redisPid) && (await answers(previous.redisUrl))) {
    const pid = previous.redisPid;
    options.logger.warn({ redisPid: pid, url: previous.redisUrl }, 'reusing the redis-server of a hub that did not stop cleanly');
    return {
      url: previous.redisUrl,
      pid,
      stop: async () => {
        try {
          process.kill(pid, 'SIGTERM');
        } catch {
          // already gone
        }
      },
    };
  }
  const local = await startLocalRedis({ dir: options.dir, binary: options.binary, stopOnSignals: false });
  return { url: local.url, pid: local.pid, stop: () => local.stop() };
}
