// The redis-server child must not outlive the hub, however the hub ends (short of SIGKILL, which no
// process can react to).
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';

const root = path.resolve(import.meta.dirname, '../..');
// Node itself with tsx as a loader: the tsx CLI would be a relay process in between that turns the
// child's death by signal into an exit code.
const node = path.join(root, 'node_modules/.bin/node');
const fixture = path.join(import.meta.dirname, 'fixtures/redis-owner.ts');
const dir = mkdtempSync(path.join(os.tmpdir(), 'hub-redis-owner-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

async function gone(pid: number, withinMs = 5_000): Promise<boolean> {
  const deadline = Date.now() + withinMs;
  while (Date.now() < deadline) {
    if (!alive(pid)) return true;
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  return false;
}

async function ownerOf(how: 'exit' | 'wait', subdir: string) {
  const owner = spawn(node, ['--import', 'tsx', fixture, path.join(dir, subdir), how], { stdio: ['ignore', 'pipe', 'inherit'] });
  const ended = new Promise<{ code: number | null; signal: string | null }>((resolve) =>
    owner.once('exit', (code, signal) => resolve({ code, signal })),
  );
  const redisPid = await new Promise<number>((resolve, reject) => {
    let out = '';
    owner.stdout.on('data', (chunk: Buffer) => {
      out += chunk.toString();
      if (out.includes('\n')) resolve(Number(out.trim()));
    });
    owner.once('exit', () => reject(new Error(`owner ended before printing the redis pid: ${out}`)));
  });
  return { owner, ended, redisPid };
}

describe('local redis-server lifetime', () => {
  it('ends when its owner calls process.exit', async () => {
    const { ended, redisPid } = await ownerOf('exit', 'a');
    expect((await ended).code).toBe(0);
    expect(await gone(redisPid)).toBe(true);
  });

  it.each(['SIGTERM', 'SIGINT'] as const)('ends when its owner receives %s, and the owner still dies of it', async (signal) => {
    const { owner, ended, redisPid } = await ownerOf('wait', signal);
    expect(alive(redisPid)).toBe(true);
    owner.kill(signal);
    expect((await ended).signal).toBe(signal);
    expect(await gone(redisPid)).toBe(true);
  });
});
