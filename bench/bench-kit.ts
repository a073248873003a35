// Shared plumbing of the benchmarks: options, scratch databases on the PostgreSQL server, the legacy
// world in server mode (generated once per size and reused: generating the province size takes
// minutes), and memory sampling. Nothing here asserts a speed; the benchmarks print figures.

import pg from 'pg';
import { startSimulator, type ProvinceSize, type SimulatorHandle } from '../simulator/index.ts';

export interface BenchOptions {
  size: ProvinceSize;
  /** A database on the server; the bench creates and drops its own databases next to it. */
  databaseUrl: string;
  only: 'ingest' | 'lag' | 'generate' | 'api' | null;
  /** Reuse a generated legacy database even if its marker says another seed (default: by marker). */
  regenerate: boolean;
  /** Drop the legacy database at the end too (default: kept for the next run). */
  dropLegacy: boolean;
}

export function parseOptions(argv: readonly string[], env: NodeJS.ProcessEnv = process.env): BenchOptions {
  const value = (name: string): string | undefined => {
    const i = argv.findIndex((a) => a === `--${name}` || a.startsWith(`--${name}=`));
    if (i < 0) return undefined;
    const arg = argv[i] as string;
    return arg.includes('=') ? arg.slice(arg.indexOf('=') + 1) : argv[i + 1];
  };
  const size = (value('size') ?? env.BENCH_SIZE ?? 'province') as ProvinceSize;
  if (!['tiny', 'demo', 'province'].includes(size)) throw new Error(`--size must be tiny, demo or province (got ${size})`);
  const only = value('only') ?? null;
  if (only !== null && !['ingest', 'lag', 'generate', 'api'].includes(only)) throw new Error(`--only must be ingest, lag, generate or api (got ${only})`);
  return {
    size,
    databaseUrl: value('database-url') ?? env.TEST_DATABASE_URL ?? 'postgres://hub:hub@127.0.0.1:5432/hub_test',
    only: only as BenchOptions['only'],
    regenerate: argv.includes('--regenerate'),
    dropLegacy: argv.includes('--drop-legacy'),
  };
}

/** The URL of another database on the same server. */
export function databaseUrlOf(base: string, name: string): string {
  const url = new URL(base);
  url.pathname = `/${name}`;
  return url.toString();
}

/** One short-lived client on a database: opened, used, closed whatever happens. */
export async function withClient<T>(base: string, fn: (c: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString: base });
  await client.connect();
  try {
    return await fn(client);
  } finally {
    await client.end();
  }
}

export async function createDatabase(base: string, name: string, options: { replace: boolean }): Promise<{ url: string; created: boolean }> {
  return withClient(base, async (c) => {
    if (options.replace) await c.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
    const exists = await c.query('SELECT 1 FROM pg_database WHERE datname = $1', [name]);
    if (exists.rowCount === 0) await c.query(`CREATE DATABASE "${name}"`);
    return { url: databaseUrlOf(base, name), created: exists.rowCount === 0 };
  });
}

export async function dropDatabase(base: string, name: string): Promise<void> {
  await withClient(base, (c) => c.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`));
}

export interface LegacyWorld {
  sim: SimulatorHandle;
  url: string;
  dbName: string;
  /** Seconds the generation took in this run, or null when a generated database was reused. */
  generatedSeconds: number | null;
  /** When the reused database was generated, and how long that took then. */
  marker: { generatedAt: string; seconds: number };
}

// The marker is written last, after generation finished: a database without it (a generation cut
// off half way) is generated again rather than benchmarked half full.
const MARKER = 'public.bench_marker';

export async function openLegacy(options: BenchOptions, log: (line: string) => void): Promise<LegacyWorld> {
  const dbName = `bench_legacy_${options.size}`;
  const { url } = await createDatabase(options.databaseUrl, dbName, { replace: options.regenerate });
  const marker = await withClient(url, async (c) => {
    await c.query(`CREATE TABLE IF NOT EXISTS ${MARKER} (size text PRIMARY KEY, generated_at timestamptz NOT NULL, seconds numeric NOT NULL)`);
    const { rows } = await c.query<{ generated_at: Date; seconds: string }>(`SELECT generated_at, seconds FROM ${MARKER} WHERE size = $1`, [options.size]);
    return rows[0];
  });
  if (marker !== undefined) {
    log(`legacy: reusing ${dbName} (generated ${marker.generated_at.toISOString()} in ${Number(marker.seconds).toFixed(0)} s; --regenerate to redo)`);
    // generate: false keeps the existing schemas and only re-applies the procedures.
    const sim = await startSimulator({ size: options.size, databaseUrl: url, preparationMs: 0, generate: false });
    return { sim, url, dbName, generatedSeconds: null, marker: { generatedAt: marker.generated_at.toISOString(), seconds: Number(marker.seconds) } };
  }
  log(`legacy: generating the ${options.size} province into ${dbName} (province size: several minutes) …`);
  const started = performance.now();
  const sim = await startSimulator({ size: options.size, databaseUrl: url, preparationMs: 0 });
  const seconds = (performance.now() - started) / 1000;
  const generatedAt = new Date();
  await withClient(url, (c) => c.query(`INSERT INTO ${MARKER} (size, generated_at, seconds) VALUES ($1, $2, $3)`, [options.size, generatedAt, seconds]));
  log(`legacy: generated in ${seconds.toFixed(1)} s`);
  return { sim, url, dbName, generatedSeconds: seconds, marker: { generatedAt: generatedAt.toISOString(), seconds } };
}

/**
 * The hub's connection straight to the legacy schema, as in production (no simulator fault proxy in
 * between: the proxy re-frames every wire message in this same process and would be measured as
 * the hub's cost). Same URL shape as the simulator hands out: the schema as search_path.
 */
export function directLegacyUrl(legacyUrl: string, system: 'sys97' | 'billing'): string {
  const url = new URL(legacyUrl);
  url.search = `options=${encodeURIComponent(`-c search_path=${system}`)}`;
  return url.toString();
}

export const gcAvailable = (): boolean => typeof (globalThis as { gc?: unknown }).gc === 'function';

/**
 * Samples memory while a phase runs: peak heapUsed as it is (cheap, every 100 ms) and the live heap
 * after a forced full GC (every `gcEveryMs`): the live heap is the flatness figure, the plain
 * heapUsed also counts garbage V8 has not collected yet.
 */
export class MemorySampler {
  peakHeap = 0;
  peakLiveHeap = 0;
  liveSamples = 0;
  private timers: NodeJS.Timeout[] = [];

  start(gcEveryMs = 2000): this {
    const gc = (globalThis as { gc?: () => void }).gc;
    this.timers.push(setInterval(() => { this.peakHeap = Math.max(this.peakHeap, process.memoryUsage().heapUsed); }, 100));
    if (gc) this.timers.push(setInterval(() => this.live(), gcEveryMs));
    return this;
  }

  live(): void {
    const gc = (globalThis as { gc?: () => void }).gc;
    if (!gc) return;
    gc();
    this.liveSamples++;
    this.peakLiveHeap = Math.max(this.peakLiveHeap, process.memoryUsage().heapUsed);
  }

  stop(): { peakHeapMiB: number; peakLiveHeapMiB: number | null; liveSamples: number } {
    for (const t of this.timers) clearInterval(t);
    this.timers = [];
    this.live();
    return { peakHeapMiB: mib(this.peakHeap), peakLiveHeapMiB: gcAvailable() ? mib(this.peakLiveHeap) : null, liveSamples: this.liveSamples };
  }
}

export const mib = (bytes: number): number => Math.round(bytes / 1048576);
/** process.resourceUsage().maxRSS is in KiB. */
export const peakRssMiB = (): number => Math.round(process.resourceUsage().maxRSS / 1024);
export const rate = (rows: number, ms: number): number => (ms > 0 ? Math.round((rows * 1000) / ms) : 0);
export const k = (n: number): string => (n >= 10_000 ? `${Math.round(n / 1000)}k` : String(n));
