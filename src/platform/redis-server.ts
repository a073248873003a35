// A redis-server of the hub's own for the embedded run (REDIS_URL unset): loopback only, AOF on so
// queued BullMQ work survives a restart, RDB snapshots off (AOF is the one persistence), files under
// HUB_DATA_DIR/redis. It is a child process of the hub and goes away with it.

import { spawn, type ChildProcess } from 'node:child_process';
import { mkdirSync } from 'node:fs';
import net from 'node:net';
import path from 'node:path';
import { SetupError } from './setup-error.ts';

export interface LocalRedisOptions {
  /** Directory of the AOF files; created when missing. */
  dir: string;
  /** The redis-server executable (a name looked up on PATH, or a path). */
  binary?: string;
  /** How long to wait for the first PONG. */
  startTimeoutMs?: number;
  /**
   * Kill the server on SIGINT/SIGTERM by itself. The hub's CLI turns this off and stops Redis as the
   * last step of its ordered shutdown instead, after the workers that still need Redis have closed.
   */
  stopOnSignals?: boolean;
}

export interface LocalRedis {
  url: string;
  host: string;
  port: number;
  pid: number;
  /** SIGTERM (Redis flushes the AOF and exits), SIGKILL if it has not exited after 5 s. Idempotent. */
  stop(): Promise<void>;
}

export class RedisServerMissingError extends SetupError {
  override readonly name = 'RedisServerMissingError';
  constructor(binary: string) {
    super(
      `redis-server was not found (tried "${binary}"). REDIS_URL is unset, so the hub starts a local ` +
        'Redis and needs its server binary. Either install it (Debian: apt-get install redis-server) or ' +
        'run one with `docker compose up redis` and set REDIS_URL=redis://127.0.0.1:6379.',
    );
  }
}

const HOST = '127.0.0.1';
const PORT_ATTEMPTS = 3;

export async function startLocalRedis(options: LocalRedisOptions): Promise<LocalRedis> {
  const dir = path.resolve(options.dir);
  mkdirSync(dir, { recursive: true });
  // The free-port trick leaves a gap between closing our probe socket and redis binding the port, in
  // which another process may take it; a few attempts make that race harmless.
  let lastError: unknown;
  for (let attempt = 0; attempt < PORT_ATTEMPTS; attempt += 1) {
    try {
      return await startOnce(dir, await freeLoopbackPort(), options);
    } catch (error) {
      if (!(error instanceof PortTakenError)) throw error;
      lastError = error;
    }
  }
  throw lastError;
}

class PortTakenError extends Error {}

async function startOnce(dir: string, port: number, options: LocalRedisOptions): Promise<LocalRedis> {
  const binary = options.binary ?? 'redis-server';
  const args = ['--port', String(port), '--bind', HOST, '--save', '', '--appendonly', 'yes', '--dir', dir];
  // Own process group: a Ctrl-C in the terminal reaches the hub only, which then stops Redis last.
  const child = spawn(binary, args, { stdio: ['ignore', 'pipe', 'pipe'], detached: true });
  const output: string[] = [];
  const keep = (chunk: Buffer) => {
    output.push(chunk.toString('utf8'));
    if (output.length > 50) output.shift();
  };
  child.stdout?.on('data', keep);
  child.stderr?.on('data', keep);

  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) =>
    child.once('exit', (code, signal) => resolve({ code, signal })),
  );
  const spawnFailed = new Promise<never>((_, reject) =>
    child.once('error', (error: NodeJS.ErrnoException) => {
      reject(error.code === 'ENOENT' || error.code === 'EACCES' ? new RedisServerMissingError(binary) : error);
    }),
  );
  spawnFailed.catch(() => undefined);

  const deadline = Date.now() + (options.startTimeoutMs ?? 10_000);
  const earlyExit = exited.then(({ code, signal }) => {
    const log = output.join('');
    if (/Address already in use/i.test(log)) throw new PortTakenError(log);
    throw new SetupError(
      `redis-server exited during start (code ${code ?? '-'}, signal ${signal ?? '-'}). Its output:\n${log.trim()}`,
    );
  });
  earlyExit.catch(() => undefined);

  try {
    await Promise.race([spawnFailed, earlyExit, waitForPong(HOST, port, deadline)]);
  } catch (error) {
    killNow(child);
    throw error;
  }
  return track(child, port, exited, options.stopOnSignals ?? true);
}

function track(
  child: ChildProcess,
  port: number,
  exited: Promise<unknown>,
  stopOnSignals: boolean,
): LocalRedis {
  // 'exit' handlers may only do synchronous work; sending a signal is, and Redis finishes on its own.
  const onExit = () => killNow(child);
  const onSignal = (signal: NodeJS.Signals) => {
    killNow(child);
    cleanup();
    // Listening to a signal removes Node's default action; give it back when nobody else handles it.
    if (process.listenerCount(signal) === 0) process.kill(process.pid, signal);
  };
  const cleanup = () => {
    process.off('exit', onExit);
    process.off('SIGINT', onSignal);
    process.off('SIGTERM', onSignal);
  };
  process.on('exit', onExit);
  if (stopOnSignals) {
    process.on('SIGINT', onSignal);
    process.on('SIGTERM', onSignal);
  }
  exited.then(cleanup, cleanup);

  let stopping: Promise<void> | undefined;
  return {
    url: `redis://${HOST}:${port}`,
    host: HOST,
    port,
    pid: child.pid!,
    stop() {
      stopping ??= (async () => {
        if (child.exitCode === null && child.signalCode === null) {
          child.kill('SIGTERM');
          const timer = setTimeout(() => child.kill('SIGKILL'), 5_000);
          await exited;
          clearTimeout(timer);
        }
        cleanup();
      })();
      return stopping;
    },
  };
}

function killNow(child: ChildProcess): void {
  if (child.exitCode === null && child.signalCode === null) child.kill('SIGTERM');
}

/** Binds port 0 on loopback, reads the port the kernel chose, and frees it again. */
export function freeLoopbackPort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.unref();
    server.once('error', reject);
    server.listen(0, HOST, () => {
      const address = server.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      server.close(() => resolve(port));
    });
  });
}

/**
 * Speaks the two lines of RESP needed: PING until +PONG. A Redis still loading its AOF answers
 * -LOADING, which counts as not ready yet.
 */
async function waitForPong(host: string, port: number, deadline: number): Promise<void> {
  for (;;) {
    if (await pingOnce(host, port)) return;
    if (Date.now() > deadline) {
      throw new SetupError(`redis-server on ${host}:${port} did not answer PING before the start timeout`);
    }
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

function pingOnce(host: string, port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = net.connect({ host, port });
    let answer = '';
    const done = (ok: boolean) => {
      socket.destroy();
      resolve(ok);
    };
    socket.setTimeout(1_000, () => done(false));
    socket.once('error', () => done(false));
    socket.once('connect', () => socket.write('PING\r\n'));
    socket.on('data', (chunk) => {
      answer += chunk.toString('latin1');
      if (answer.includes('\r\n')) done(answer.startsWith('+PONG'));
    });
  });
}
