// A load generator of our own, run as a separate process (the server's event loop is not shared):
// a lean keep-alive HTTP client (api-http-client.ts) and, per scenario, either
//   open loop   a constant arrival rate: request i is due at t0 + i/rate whether or not earlier ones
//               have answered, and its latency is counted from when it was due, so time spent
//               queueing (in the pool or in the server) is in the figure (no coordinated omission);
//   closed loop N connections each sending its next request when the last one answered: the
//               server's maximum throughput.
// Each request is drawn at random from the scenario's list (path + which token). A warm-up is sent
// first and not recorded. Latencies are kept whole and sorted at the end (exact percentiles).
// How late the generator itself was in sending (its timer firing after a request was due) is kept
// apart: that part of a latency is the generator's, not the server's, though it is counted in.
// A server that cannot keep up is not waited for: GRACE_MS after the last request was due, whatever
// is still queued or in flight is aborted and counted `unanswered`, its latency recorded as the time
// waited so far (a lower bound: the percentiles of such a scenario are lower bounds too).
// Input: one JSON LoadPlan on stdin. Output: one JSON ScenarioResult line per scenario on stdout.

import { pathToFileURL } from 'node:url';
import { monitorEventLoopDelay } from 'node:perf_hooks';
import { HttpPool } from './api-http-client.ts';

export interface LoadScenario {
  name: string;
  mode: 'open' | 'closed';
  /** open: requests per second. */
  rate?: number;
  /** closed: requests in flight. */
  concurrency?: number;
  warmupS: number;
  durationS: number;
  /** [path, index into LoadPlan.tokens or -1 for none] */
  requests: [string, number][];
}

export interface LoadPlan {
  baseUrl: string;
  connections: number;
  tokens: string[];
  scenarios: LoadScenario[];
}

export interface ScenarioResult {
  name: string;
  mode: 'open' | 'closed';
  targetRate: number | null;
  concurrency: number | null;
  /** Answers recorded (warm-up excluded) per second of the measured window. */
  achievedRate: number;
  count: number;
  errors: number;
  /** Aborted at the end of the scenario: the server did not keep up (see the file comment). */
  unanswered: number;
  statuses: Record<string, number>;
  ms: { p50: number; p90: number; p99: number; max: number; mean: number };
  bytesPerAnswer: number;
  /** The generator's own event-loop delay p99 beyond its 10 ms probe timer (ms): if large, the generator itself was late. */
  generatorLagP99Ms: number;
  /** Open loop: how late requests left the generator after they were due (ms), p99 and max. */
  sendLateMs: { p99: number; max: number } | null;
  generatorCpuMs: number;
}

const GRACE_MS = 5_000;
const LAG_RESOLUTION_MS = 10;

const percentile = (sorted: Float64Array, p: number): number =>
  sorted.length === 0 ? NaN : (sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1))] as number);
const round = (n: number): number => Math.round(n * 100) / 100;

class Recorder {
  latencies: number[] = [];
  late: number[] = [];
  statuses: Record<string, number> = {};
  errors = 0;
  unanswered = 0;
  bytes = 0;
  firstDue = Infinity;
  lastDone = 0;

  note(due: number, status: number | 'error' | 'unanswered', bytes: number): void {
    const done = performance.now();
    if (status === 'unanswered') this.unanswered++;
    this.latencies.push(done - due);
    this.statuses[String(status)] = (this.statuses[String(status)] ?? 0) + 1;
    if (typeof status !== 'number' || status >= 400) this.errors++;
    this.bytes += bytes;
    this.firstDue = Math.min(this.firstDue, due);
    this.lastDone = Math.max(this.lastDone, done);
  }
}

async function send(pool: HttpPool, plan: LoadPlan, [path, token]: [string, number], signal: AbortSignal): Promise<{ status: number | 'error' | 'unanswered'; bytes: number }> {
  try {
    const headers: Record<string, string> = {};
    if (token >= 0) headers.authorization = `Bearer ${plan.tokens[token]}`;
    return await pool.get(path, headers);
  } catch {
    return { status: signal.aborted ? 'unanswered' : 'error', bytes: 0 };
  }
}

const pick = <T>(list: readonly T[]): T => list[Math.floor(Math.random() * list.length)] as T;

async function openLoop(pool: HttpPool, plan: LoadPlan, s: LoadScenario, rec: Recorder): Promise<void> {
  const rate = s.rate ?? 100;
  const interval = 1000 / rate;
  const warmup = Math.round(rate * s.warmupS);
  const total = warmup + Math.round(rate * s.durationS);
  const t0 = performance.now() + 5;
  const inflight = new Set<Promise<void>>();
  const stop = new AbortController();
  let i = 0;
  await new Promise<void>((resolve) => {
    const tick = (): void => {
      const now = performance.now();
      // Everything due by now goes out now, each timed from when it was due.
      for (; i < total && t0 + i * interval <= now; i++) {
        const due = t0 + i * interval;
        const measured = i >= warmup;
        if (measured) rec.late.push(now - due);
        const p = send(pool, plan, pick(s.requests), stop.signal).then((r) => { if (measured) rec.note(due, r.status, r.bytes); });
        inflight.add(p);
        void p.finally(() => inflight.delete(p));
      }
      if (i >= total) resolve();
      else setTimeout(tick, Math.max(0, Math.min(1, t0 + i * interval - performance.now())));
    };
    tick();
  });
  const grace = setTimeout(() => { stop.abort(); pool.abortAll(); }, GRACE_MS);
  await Promise.all(inflight);
  clearTimeout(grace);
}

async function closedLoop(pool: HttpPool, plan: LoadPlan, s: LoadScenario, rec: Recorder): Promise<void> {
  const start = performance.now();
  const measureFrom = start + s.warmupS * 1000;
  const end = measureFrom + s.durationS * 1000;
  const stop = new AbortController();
  const grace = setTimeout(() => { stop.abort(); pool.abortAll(); }, end - start + GRACE_MS);
  const worker = async (): Promise<void> => {
    while (performance.now() < end) {
      const due = performance.now();
      const r = await send(pool, plan, pick(s.requests), stop.signal);
      if (due >= measureFrom) rec.note(due, r.status, r.bytes);
    }
  };
  await Promise.all(Array.from({ length: s.concurrency ?? 16 }, worker));
  clearTimeout(grace);
}

export async function runScenario(pool: HttpPool, plan: LoadPlan, s: LoadScenario): Promise<ScenarioResult> {
  const rec = new Recorder();
  const lag = monitorEventLoopDelay({ resolution: LAG_RESOLUTION_MS });
  lag.enable();
  const cpu = process.cpuUsage();
  if (s.mode === 'open') await openLoop(pool, plan, s, rec);
  else await closedLoop(pool, plan, s, rec);
  lag.disable();
  const used = process.cpuUsage(cpu);
  const sorted = Float64Array.from(rec.latencies).sort();
  const windowMs = Math.max(1, rec.lastDone - rec.firstDue);
  return {
    name: s.name, mode: s.mode, targetRate: s.mode === 'open' ? (s.rate ?? null) : null, concurrency: s.mode === 'closed' ? (s.concurrency ?? 16) : null,
    achievedRate: Math.round(((sorted.length - rec.unanswered) * 1000) / windowMs), count: sorted.length, errors: rec.errors, unanswered: rec.unanswered, statuses: rec.statuses,
    ms: {
      p50: round(percentile(sorted, 50)), p90: round(percentile(sorted, 90)), p99: round(percentile(sorted, 99)),
      max: round(sorted.at(-1) ?? NaN), mean: round(sorted.reduce((a, b) => a + b, 0) / Math.max(1, sorted.length)),
    },
    bytesPerAnswer: Math.round(rec.bytes / Math.max(1, sorted.length)),
    // The histogram holds whole timer intervals: the probe's own 10 ms is not lateness.
    generatorLagP99Ms: round(Math.max(0, lag.percentile(99) / 1e6 - LAG_RESOLUTION_MS)),
    sendLateMs: rec.late.length === 0 ? null : (() => {
      const late = Float64Array.from(rec.late).sort();
      return { p99: round(percentile(late, 99)), max: round(late.at(-1) ?? NaN) };
    })(),
    generatorCpuMs: Math.round((used.user + used.system) / 1000),
  };
}

async function readStdin(): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of process.stdin) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks).toString('utf8');
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  const plan = JSON.parse(await readStdin()) as LoadPlan;
  const pool = new HttpPool(plan.baseUrl, plan.connections);
  try {
    for (const s of plan.scenarios) console.log(JSON.stringify(await runScenario(pool, plan, s)));
  } finally {
    await pool.close();
  }
}
