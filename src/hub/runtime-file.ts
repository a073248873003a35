// What a running hub tells the other processes of the same installation (CLI commands, extra
// workers): where its Redis and the legacy systems it reaches are. Written by `start` under
// HUB_DATA_DIR, removed on a clean stop; a file whose process is gone is stale and ignored.

import { existsSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { z } from 'zod';

const runtimeSchema = z.object({
  pid: z.number().int().positive(),
  startedAt: z.string(),
  httpUrl: z.string(),
  redisUrl: z.string(),
  /** The local redis-server the hub started (its pid), so a restart after a crash reuses it. */
  redisPid: z.number().int().positive().nullable(),
  legacy: z.object({ sys97Url: z.string(), billingUrl: z.string(), cs1000WsdlUrl: z.string() }).nullable(),
});
export type HubRuntime = z.infer<typeof runtimeSchema>;

export const runtimeFile = (dataDir: string): string => path.join(dataDir, 'runtime.json');

export function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

export function writeRuntime(dataDir: string, runtime: HubRuntime): void {
  const file = runtimeFile(dataDir);
  writeFileSync(`${file}.tmp`, `${JSON.stringify(runtime, null, 2)}\n`);
  renameSync(`${file}.tmp`, file);
}

/** The runtime of a hub whose process still runs, or null. */
export function readRuntime(dataDir: string, options: { evenIfDead?: boolean } = {}): HubRuntime | null {
  const file = runtimeFile(dataDir);
  if (!existsSync(file)) return null;
  try {
    const runtime = runtimeSchema.parse(JSON.parse(readFileSync(file, 'utf8')));
    return options.evenIfDead || isAlive(runtime.pid) ? runtime : null;
  } catch {
    return null;
  }
}

export function removeRuntime(dataDir: string, pid = process.pid): void {
  const current = readRuntime(dataDir, { evenIfDead: true });
  if (current === null || current.pid === pid) rmSync(runtimeFile(dataDir), { force: true });
}
