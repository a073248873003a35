// The hub's own Redis connection for readiness: PING answers or it does not. Commands fail at once
// while disconnected (no offline queue), so a Redis that is down makes /readyz say so instead of
// waiting; ioredis keeps reconnecting in the background, so readiness comes back by itself.

import { Redis } from 'ioredis';
import type { Logger } from 'pino';

export interface RedisPing {
  ping(): Promise<void>;
  close(): Promise<void>;
}

export function connectRedisPing(url: string, logger?: Logger): RedisPing {
  const client = new Redis(url, { lazyConnect: true, enableOfflineQueue: false, maxRetriesPerRequest: 0 });
  let lastError = '';
  client.on('error', (error: Error) => {
    // Reconnect attempts repeat the same error many times a minute; say it once per change.
    if (error.message !== lastError) logger?.warn({ err: error.message }, 'redis connection error');
    lastError = error.message;
  });
  client.on('ready', () => (lastError = ''));
  client.connect().catch(() => undefined);
  return {
    async ping() {
      const answer = await client.ping();
      if (answer !== 'PONG') throw new Error(`PING answered ${answer}`);
    },
    async close() {
      client.disconnect();
    },
  };
}
