// The API benchmark's child processes: the hub's server (api-server.ts), the load generator
// (load-generator.ts) and the no-hub path (no-hub.ts), and how they are run on a machine they share
// with PostgreSQL and with whatever else it is doing.
//
// Heap: the server runs with a fixed young generation (SERVER_NODE_FLAGS). With V8's default sizing,
// under the 360 at 500 req/s the young generation kept shrinking and regrowing, objects of requests in
// flight were promoted, and the old generation filled up: 196 scavenges (median pause 9 ms) and 20
// full collections in 100 s of load, against 144 scavenges (2.5 ms) and none after start-up once
// fixed at 64 MiB.
// Only --max-semi-space-size is allowed in NODE_OPTIONS, and it alone did not keep the sizing steady.
//
// Priority: BENCH_API_NICE (default -10, 0 for none) is the nice value given to the server, the
// generator and the server's PostgreSQL sessions, so that other work on a shared machine (builds,
// tests, other benchmarks) does not take the CPU from under the requests being timed. Raising a
// priority needs the right to (root or CAP_SYS_NICE); without it the run goes on at the normal one,
// and the summary says which processes got what.

import { spawn } from 'node:child_process';
import { setPriority } from 'node:os';
import { fileURLToPath } from 'node:url';
import pg from 'pg';
import type { LoadPlan, ScenarioResult } from './load-generator.ts';
import type { NoHubArgs, NoHubResult } from './no-hub.ts';

const here = (file: string): string => fileURLToPath(new URL(file, import.meta.url));

export const SERVER_APP = 'bench-api-server';
export const SERVER_NODE_FLAGS = ['--min-semi-space-size=64', '--max-semi-space-size=64'];
export const NICE = Number(process.env.BENCH_API_NICE ?? -10);

/** The nice value given to each process, or why it could not be given. */
export type Priorities = Record<string, string>;

function prioritise(pid: number | undefined, what: string, into: Priorities): void {
  if (NICE === 0 || pid === undefined) return;
  try {
    setPriority(pid, NICE);
    into[what] = `nice ${NICE}`;
  } catch (error) {
    into[what] = `normal (${(error as NodeJS.ErrnoException).code ?? String(error)})`;
  }
}

/**
 * The server's PostgreSQL sessions (application_name SERVER_APP), when the server runs on this
 * machine: their processes are the ones serving the requests being timed.
 */
export async function prioritiseSessions(adminUrl: string, into: Priorities): Promise<void> {
  if (NICE === 0) return;
  const host = new URL(adminUrl).hostname;
  if (!['127.0.0.1', 'localhost', '[::1]', '::1', ''].includes(host)) {
    into['PostgreSQL sessions'] = `normal (server on ${host})`;
    return;
  }
  const c = new pg.Client({ connectionString: adminUrl });
  await c.connect();
  try {
    const { rows } = await c.query<{ pid: number }>('SELECT pid FROM pg_stat_activity WHERE application_name = $1', [SERVER_APP]);
    const got: Priorities = {};
    for (const r of rows) prioritise(r.pid, String(r.pid), got);
    const outcomes = [...new Set(Object.values(got))];
    into['PostgreSQL sessions'] = `${rows.length}: ${outcomes.join(', ') || 'none'}`;
  } finally {
    await c.end();
  }
}

export interface ServerChild {
  url: string;
  stats(): Promise<{ cpuMs: number; rssMiB: number }>;
  stop(): Promise<void>;
}

export function startServer(viewUrl: string, jwtSecret: string, priorities: Priorities): Promise<ServerChild> {
  return new Promise((resolve, reject) => {
    const url = new URL(viewUrl);
    url.searchParams.set('application_name', SERVER_APP);
    const p = spawn(process.execPath, [...SERVER_NODE_FLAGS, '--import', 'tsx', here('./api-server.ts'), JSON.stringify({ viewUrl: url.toString(), jwtSecret })], {
      stdio: ['ignore', 'pipe', 'inherit', 'ipc'],
    });
    prioritise(p.pid, 'API server', priorities);
    let out = '';
    const exited = new Promise<void>((done) => p.once('exit', () => done()));
    p.once('error', reject);
    p.once('exit', (code) => reject(new Error(`api server exited ${code} before listening: ${out}`)));
    p.stdout?.on('data', (d: Buffer) => {
      out += d.toString();
      const line = out.split('\n').find((l) => l.startsWith('{"url"'));
      if (!line) return;
      resolve({
        url: (JSON.parse(line) as { url: string }).url,
        stats: () => new Promise((done) => { p.once('message', (m) => done(m as { cpuMs: number; rssMiB: number })); p.send('stats'); }),
        stop: async () => { p.kill('SIGTERM'); await exited; },
      });
    });
  });
}

/** One load-generator process for a list of scenarios; each result as it arrives. */
export function generate(plan: LoadPlan, priorities: Priorities, onResult: (r: ScenarioResult) => void): Promise<void> {
  return new Promise((resolve, reject) => {
    const p = spawn(process.execPath, ['--import', 'tsx', here('./load-generator.ts')], { stdio: ['pipe', 'pipe', 'inherit'] });
    prioritise(p.pid, 'load generator', priorities);
    let buffered = '';
    p.stdout.on('data', (d: Buffer) => {
      buffered += d.toString();
      let nl;
      while ((nl = buffered.indexOf('\n')) >= 0) {
        const line = buffered.slice(0, nl).trim();
        buffered = buffered.slice(nl + 1);
        if (line.startsWith('{')) onResult(JSON.parse(line) as ScenarioResult);
      }
    });
    p.once('error', reject);
    p.once('close', (code) => (code === 0 ? resolve() : reject(new Error(`load generator exited ${code}`))));
    p.stdin.end(JSON.stringify(plan));
  });
}

export function noHub(args: NoHubArgs): Promise<NoHubResult> {
  return new Promise((resolve, reject) => {
    const p = spawn(process.execPath, ['--import', 'tsx', here('./no-hub.ts'), JSON.stringify(args)], { stdio: ['ignore', 'pipe', 'inherit'] });
    let out = '';
    p.stdout.on('data', (d: Buffer) => { out += d.toString(); });
    p.once('error', reject);
    p.once('close', (code) => {
      const last = out.trim().split('\n').pop() ?? '';
      if (code !== 0 || !last.startsWith('{')) reject(new Error(`no-hub child exited ${code}: ${out}`));
      else resolve(JSON.parse(last) as NoHubResult);
    });
  });
}

/**
 * A saturated server keeps working off the requests the generator gave up on (nothing cancels a
 * request whose client left): wait until /readyz, whose store check queues behind them for a
 * session of the view's pool, answers quickly again, so the next scenario starts on an idle server.
 */
export async function drain(url: string): Promise<void> {
  for (let i = 0; i < 600; i++) {
    const started = performance.now();
    await fetch(`${url}/readyz`).then((r) => r.arrayBuffer()).catch(() => undefined);
    if (performance.now() - started < 50) return;
    await new Promise((resolve) => setTimeout(resolve, 1000));
  }
}
