import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { Redis } from 'ioredis';
import { afterAll, describe, expect, it } from 'vitest';
import { RedisServerMissingError, startLocalRedis, type LocalRedis } from './redis-server.ts';

const dirs: string[] = [];
function tempDir(): string {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'hub-redis-'));
  dirs.push(dir);
  return dir;
}
afterAll(() => dirs.forEach((dir) => rmSync(dir, { recursive: true, force: true })));

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

async function withClient<T>(server: LocalRedis, use: (client: Redis) => Promise<T>): Promise<T> {
  const client = new Redis(server.url, { maxRetriesPerRequest: 1 });
  try {
    return await use(client);
  } finally {
    client.disconnect();
  }
}

describe('startLocalRedis', () => {
  it('starts a loopback redis-server that answers PING, and stops it', async () => {
    const server = await startLocalRedis({ dir: path.join(tempDir(), 'redis') });
    expect(server.url).toBe(`redis://127.0.0.1:${server.port}`);
    expect(alive(server.pid)).toBe(true);
    await withClient(server, async (client) => {
      expect(await client.ping()).toBe('PONG');
      expect(await client.config('GET', 'appendonly')).toEqual(['appendonly', 'yes']);
      expect(await client.config('GET', 'save')).toEqual(['save', '']);
      expect(await client.config('GET', 'bind')).toEqual(['bind', '127.0.0.1']);
    });
    await server.stop();
    expect(alive(server.pid)).toBe(false);
    await server.stop(); // a second stop is harmless
  });

  it('keeps written keys across a restart on the same directory (AOF)', async () => {
    const dir = tempDir();
    const first = await startLocalRedis({ dir });
    await withClient(first, (client) => client.set('hub:test', 'kept'));
    await first.stop();
    const second = await startLocalRedis({ dir });
    try {
      expect(second.port).not.toBe(0);
      expect(await withClient(second, (client) => client.get('hub:test'))).toBe('kept');
    } finally {
      await second.stop();
    }
  });

  it('explains how to get Redis when the binary is missing', async () => {
    const binary = path.join(tempDir(), 'no-such-redis-server');
    const failure = startLocalRedis({ dir: tempDir(), binary });
    await expect(failure).rejects.toBeInstanceOf(RedisServerMissingError);
    await expect(failure).rejects.toThrow(/apt-get install redis-server/);
    await expect(failure).rejects.toThrow(/docker compose up redis/);
    await expect(failure).rejects.toThrow(/REDIS_URL/);
    await expect(failure).rejects.toThrow(binary);
  });
});
