// The hub's own Redis connection for readiness: PING answers or it does not. Commands fail at once
// while disconnected (no offline queue), so a Redis that is down makes /readyz say so instead of
// waiting; ioredis keeps reconnecting in the background, so readiness comes back by itself.

import { Redis } from 'ioredis';
import type { Logger } from 'pino';

export interface RedisPing {
  /** Waits for a connection under way (until `signal` aborts), then PINGs. */
  ping(signal?: AbortSignal): Promise<void>;
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
    async ping(signal) {
      // Right after start, or during a reconnect, the connection is seconds away: wait for it rather
      // than answer "not ready" for a Redis that is fine. The readiness time limit bounds the wait.
      if (client.status !== 'ready' && signal) await readyOrAborted(client, signal);
      const answer = await client.ping();
      if (answer !== 'PONG') throw new Error(`PING answered ${answer}`);
    },
    async close() {
      client.disconnect();
    },
  };
}

function readyOrAborted(client: Redis, signal: AbortSignal): Promise<void> {
  return new Promise((resolve) => {
    const done = () => {
      client.off('ready', done);
      signal.removeEventListener('abort', done);
      resolve();
    };
    client.once('ready', done);
    signal.addEventListener('abort', done, { once: true });
  });
}
