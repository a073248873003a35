// `start` as a whole: in-process (startHub) for the HTTP answers and the order of shutdown, and as the
// real CLI process for what a person sees: the listing, a config error, a signal.
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { Writable } from 'node:stream';
import { afterAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../../src/config/config.ts';
import { startHub } from '../../src/cli/start-hub.ts';
import { createLogger } from '../../src/platform/logger.ts';
import { RedisServerMissingError } from '../../src/platform/redis-server.ts';
import { Shutdown } from '../../src/platform/shutdown.ts';
import { calls as simulatorCalls } from './fixtures/fake-simulator.ts';
import { calls as slowSimulator } from './fixtures/slow-simulator.ts';

const fixture = (name: string) => new URL(`./fixtures/${name}`, import.meta.url).href;

const root = path.resolve(import.meta.dirname, '../..');
const dirs: string[] = [];
function tempDir(): string {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'hub-start-'));
  dirs.push(dir);
  return dir;
}
afterAll(() => dirs.forEach((dir) => rmSync(dir, { recursive: true, force: true })));

function quietLogger() {
  const lines: Record<string, unknown>[] = [];
  const destination = new Writable({
    write(chunk: Buffer, _e, done) {
      chunk.toString().split('\n').filter(Boolean).forEach((l) => lines.push(JSON.parse(l)));
      done();
    },
  });
  return { logger: createLogger({ destination }), lines };
}

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

describe('startHub', () => {
  it('brings up Redis, the embedded simulator and HTTP; /healthz and /readyz answer; shutdown undoes it in reverse', async () => {
    const config = loadConfig({ PORT: '0', HUB_DATA_DIR: tempDir(), SIM_SIZE: 'tiny', SIM_SEED: '5' });
    const { logger, lines } = quietLogger();
    const hub = await startHub(config, { logger, simulatorModule: fixture('fake-simulator.ts') });
    const redisPid = lines.find((l) => l.msg === 'local redis-server started')!.redisPid as number;
    try {
      expect(simulatorCalls.started.at(-1)).toEqual({ size: 'tiny', seed: 5, dataDir: path.join(config.dataDir, 'simulator') });
      expect(hub.legacy.sys97).toBe('postgres://sim:simpw@127.0.0.1:15432/sys97');

      const health = await fetch(`${hub.httpUrl}/healthz`);
      expect(health.status).toBe(200);
      expect(await health.json()).toMatchObject({ status: 'ok', service: 'bss-hub' });

      // The fake simulator's URLs lead nowhere: the hub is up, and says which dependency is missing.
      const ready = await fetch(`${hub.httpUrl}/readyz`);
      expect(ready.status).toBe(503);
      const body = (await ready.json()) as { checks: { name: string; ok: boolean }[] };
      const ok = Object.fromEntries(body.checks.map((c) => [c.name, c.ok]));
      expect(ok).toEqual({ redis: true, store: true, sys97: false, billing: false, cs1000: false });
    } finally {
      const report = await hub.shutdown.run('test');
      const order = report.steps.map((s) => s.name);
      // Reverse of start: the runtime file first, workers before the store they write, Redis last.
      expect(order[0]).toBe('runtime file');
      expect(order.indexOf('job workers')).toBeLessThan(order.indexOf('store and legacy connections'));
      expect(order.slice(-4)).toEqual(['redis readiness connection', 'store and legacy connections', 'embedded simulator', 'local redis-server']);
      expect(report.clean).toBe(true);
    }
    expect(alive(redisPid)).toBe(false);
    await expect(fetch(`${hub.httpUrl}/healthz`)).rejects.toThrow();
  });

  it('answers 503 on /readyz while Redis does not answer', async () => {
    // An external REDIS_URL where nothing listens: the hub starts, and says it is not ready.
    const config = loadConfig({
      PORT: '0',
      HUB_DATA_DIR: tempDir(),
      REDIS_URL: 'redis://127.0.0.1:1',
      SYS97_URL: 'postgres://127.0.0.1:2/sys97',
      BILLING_URL: 'postgres://127.0.0.1:3/billing',
      CS1000_WSDL_URL: 'http://127.0.0.1:4/wsdl',
    });
    const hub = await startHub(config, { logger: quietLogger().logger });
    try {
      const ready = await fetch(`${hub.httpUrl}/readyz`);
      expect(ready.status).toBe(503);
      const body = (await ready.json()) as { status: string; checks: { name: string; ok: boolean }[] };
      expect(body.status).toBe('not-ready');
      expect(body.checks).toContainEqual(expect.objectContaining({ name: 'redis', ok: false }));
      expect((await fetch(`${hub.httpUrl}/healthz`)).status).toBe(200);
    } finally {
      await hub.shutdown.run('test');
    }
  });

  it('stops the local Redis it started when a later step fails', async () => {
    const config = loadConfig({ PORT: '0', HUB_DATA_DIR: tempDir() });
    const { logger, lines } = quietLogger();
    const failing = startHub(config, {
      logger,
      simulatorModule: fixture('failing-simulator.ts'),
    });
    await expect(failing).rejects.toThrow('simulator could not bind');
    const redisPid = lines.find((l) => l.msg === 'local redis-server started')!.redisPid as number;
    expect(alive(redisPid)).toBe(false);
  });

  it('stops everything when shutdown begins during a slow start (Ctrl-C while the simulator starts)', async () => {
    const config = loadConfig({ PORT: '0', HUB_DATA_DIR: tempDir() });
    const { logger, lines } = quietLogger();
    const shutdown = new Shutdown({ logger });
    const starting = startHub(config, { logger, shutdown, simulatorModule: fixture('slow-simulator.ts') });
    while (!lines.some((l) => l.msg === 'starting the embedded simulator')) await new Promise((r) => setTimeout(r, 10));
    const report = await shutdown.run('SIGINT');
    expect(report.steps.map((s) => s.name)).toEqual(['local redis-server']);
    await expect(starting).rejects.toThrow(/start interrupted/);
    const redisPid = lines.find((l) => l.msg === 'local redis-server started')!.redisPid as number;
    expect(alive(redisPid)).toBe(false);
    await new Promise((resolve) => setTimeout(resolve, 20));
    expect(slowSimulator.stopped).toBe(1);
  });

  it('fails with the install hint when redis-server is missing', async () => {
    const config = loadConfig({ PORT: '0', HUB_DATA_DIR: tempDir() });
    const failing = startHub(config, { logger: quietLogger().logger, redisBinary: '/nonexistent/redis-server' });
    await expect(failing).rejects.toBeInstanceOf(RedisServerMissingError);
  });
});

function runCli(env: Record<string, string>, args = ['start']) {
  const child = spawn(path.join(root, 'node_modules/.bin/node'), ['--import', 'tsx', 'src/cli/main.ts', ...args], {
    cwd: root,
    env: { PATH: process.env.PATH ?? '', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let stdout = '';
  let stderr = '';
  child.stdout.on('data', (c: Buffer) => (stdout += c.toString()));
  child.stderr.on('data', (c: Buffer) => (stderr += c.toString()));
  const ended = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
  return { child, ended, out: () => stdout, err: () => stderr };
}

describe('hub start (the CLI process)', () => {
  it('exits 1 with every configuration problem in one message and no stack trace', async () => {
    const run = runCli({ PORT: 'eighty', LEGACY_MODE: 'mainframe', HUB_DATA_DIR: tempDir() });
    expect(await run.ended).toBe(1);
    expect(run.err()).toContain('Invalid configuration (2 problems');
    expect(run.err()).toContain('PORT="eighty": expected a port number');
    expect(run.err()).toContain('LEGACY_MODE="mainframe": expected one of simulator, oracle');
    expect(run.err()).not.toMatch(/\n\s+at /);
  });

  it('prints where everything listens, serves /healthz, and exits 0 after SIGTERM with Redis gone', async () => {
    const run = runCli({
      PORT: '0',
      HUB_DATA_DIR: tempDir(),
      SYS97_URL: 'postgres://sim:pw@127.0.0.1:15432/sys97',
      BILLING_URL: 'postgres://sim:pw@127.0.0.1:15433/billing',
      CS1000_WSDL_URL: 'http://127.0.0.1:18080/VIP1000?wsdl',
    });
    const deadline = Date.now() + 30_000;
    while (!run.out().includes('Ctrl-C stops it') && Date.now() < deadline) {
      if (run.child.exitCode !== null) break;
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
    const out = run.out();
    expect(out, run.err()).toContain('bss-hub is running');
    expect(out).toContain('postgres://sim:***@127.0.0.1:15432/sys97');
    const httpUrl = /http +(http:\/\/127\.0\.0\.1:\d+)/.exec(out)![1]!;
    const redisPid = JSON.parse(out.split('\n').find((l) => l.includes('local redis-server started'))!).redisPid as number;
    expect((await fetch(`${httpUrl}/healthz`)).status).toBe(200);
    run.child.kill('SIGTERM');
    expect(await run.ended).toBe(0);
    expect(alive(redisPid)).toBe(false);
    expect(run.out()).toContain('"clean":true');
  });
});
