// Billing-cycle ingest: one cycle of the legacy billing system streamed into the view by the hub
// (runBillingCycleStep: request → poll → load → payments), beside PostgreSQL's own COPY … TO STDOUT
// piped into COPY … FROM STDIN for the same rows in the same run. The ratio hub/raw is the figure
// (goal ≥ 0.5), each side the better of two runs in two rounds of opposite order. Each measured run
// is a child process of its own, so its peak RSS and live heap are its own: the hub's run of a large
// and of a small cycle side by side shows whether memory grows with the cycle (it must not: batches
// stream through, nothing of a cycle is held).
//   npm run bench -- --only ingest [--size tiny|demo|province]

import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { pipeline } from 'node:stream/promises';
import pg from 'pg';
import { from as copyFrom, to as copyTo } from 'pg-copy-streams';
import { contractOf } from '../contracts/registry.ts';
import { connectLegacy } from '../src/legacy/legacy-systems.ts';
import { tuneV8 } from '../src/platform/v8-tuning.ts';
import { migrate, openDatabase } from '../src/store/index.ts';
import { runBillingCycleStep, startBillingCycle, type BillingCycleState } from '../src/sync/billing-cycle.sync.ts';
import {
  MemorySampler, createDatabase, directLegacyUrl, dropDatabase, k, peakRssMiB, rate,
  type BenchOptions, type LegacyWorld,
} from './bench-kit.ts';

const VIEW_DB = 'bench_view';

/** The cycle tables: the interface view the hub reads, the base table under it, the contract. */
const TABLES = [
  { point: 'JF-5', view: 'vip_fee', base: 'bill_fee', target: 'fee' },
  { point: 'JF-7', view: 'call_list', base: 'bill_call', target: 'call' },
  { point: 'JF-8', view: 'top1000_fee', base: 'bill_top1000', target: 'top' },
] as const;
const contractColumns = (point: string): string[] => Object.keys(contractOf(point).row?.properties ?? {}).map((c) => `"${c.toUpperCase()}"`);

export interface RawResult {
  source: 'table' | 'view';
  rows: number;
  ms: number;
  perTable: Record<string, { rows: number; ms: number }>;
}

export interface HubResult {
  cycle: number;
  legacyRows: number;
  loaded: Record<string, number>;
  quarantined: Record<string, number>;
  /** ms from the request to the switch (references + the three cycle tables), and its parts. */
  loadMs: number;
  cycleTablesMs: number;
  paymentsMs: number | null;
  totalMs: number;
  payments: { accounts: number } | null;
  peakRssMiB: number;
  peakHeapMiB: number;
  peakLiveHeapMiB: number | null;
  liveSamples: number;
  /** CPU the hub process used (user + system) from the request to the switch: ms, and µs per row. */
  cpuMs: number;
  cpuUsPerRow: number;
}

// --- child: raw COPY -------------------------------------------------------------------------------

/**
 * COPY (SELECT the contract's columns …) TO STDOUT piped into COPY … FROM STDIN of a plain table of
 * the same column types in the view database: the floor of moving these rows between the two
 * databases with nothing in between. source 'view' reads the interface view the hub reads (the
 * simulator's fault hooks run per row there), 'table' the base table under it.
 */
async function rawCopy(legacyUrl: string, viewUrl: string, cycle: number, source: 'table' | 'view'): Promise<RawResult> {
  const src = new pg.Client({ connectionString: directLegacyUrl(legacyUrl, 'billing') });
  const dst = new pg.Client({ connectionString: viewUrl });
  await src.connect();
  await dst.connect();
  try {
    await dst.query('CREATE SCHEMA IF NOT EXISTS bench_raw');
    const perTable: RawResult['perTable'] = {};
    let rows = 0;
    let ms = 0;
    for (const t of TABLES) {
      const cols = contractColumns(t.point);
      const types = await src.query<{ name: string; type: string }>(
        `SELECT quote_ident(attname) AS name, format_type(atttypid, atttypmod) AS type FROM pg_attribute
          WHERE attrelid = $1::regclass AND attnum > 0 AND NOT attisdropped`, [`billing.${t.base}`]);
      const typeOf = new Map(types.rows.map((r) => [r.name, r.type]));
      const target = `bench_raw.${t.target}_${source}`;
      // A plain (logged) table like the hub's staging table: the WAL is part of both.
      await dst.query(`DROP TABLE IF EXISTS ${target}; CREATE TABLE ${target} (${cols.map((c) => `${c} ${typeOf.get(c) ?? 'text'}`).join(', ')})`);
      const from = source === 'table' ? `billing.${t.base}` : `billing.${t.view}`;
      const started = performance.now();
      const reader = src.query(copyTo(`COPY (SELECT ${cols.join(', ')} FROM ${from} WHERE "CALLTIME" = ${cycle}) TO STDOUT`));
      const writer = dst.query(copyFrom(`COPY ${target} (${cols.join(', ')}) FROM STDIN`));
      await pipeline(reader, writer);
      const took = performance.now() - started;
      const n = Number(writer.rowCount);
      perTable[t.point] = { rows: n, ms: Math.round(took) };
      rows += n;
      ms += took;
      await dst.query(`DROP TABLE ${target}`);
    }
    return { source, rows, ms: Math.round(ms), perTable };
  } finally {
    await src.end();
    await dst.end();
  }
}

// --- child: the hub --------------------------------------------------------------------------------

async function hubIngest(a: { legacyUrl: string; viewUrl: string; wsdlUrl: string; cycle: number; legacyRows: number; payments: boolean }): Promise<HubResult> {
  // The hub's processes run so (src/cli/main.ts); this child stands for one of them.
  tuneV8();
  const view = await openDatabase({ url: a.viewUrl });
  const fetchSize = process.env.BENCH_FETCH_SIZE ? Number(process.env.BENCH_FETCH_SIZE) : undefined;
  const legacy = await connectLegacy(
    { kind: 'postgres', sys97Url: directLegacyUrl(a.legacyUrl, 'sys97'), billingUrl: directLegacyUrl(a.legacyUrl, 'billing'), cs1000WsdlUrl: a.wsdlUrl },
    // The hub's default toward a PostgreSQL legacy: one table after the other. Side by side
    // (BENCH_TABLE_STREAMS=3, Oracle's default) measured slower here: the three streams' batches
    // kept more rows alive in the hub (more GC per row, peak RSS 450-510 MiB instead of ~300) on
    // cores that had no idle time to give.
    { tableStreams: Number(process.env.BENCH_TABLE_STREAMS ?? 1), ...(fetchSize === undefined ? {} : { fetchSize }) },
  );
  const sampler = new MemorySampler().start();
  const cpuAtStart = process.cpuUsage();
  let loadCpu: NodeJS.CpuUsage | undefined;
  const stop = new AbortController();
  const t: { start: number; references?: number; loaded?: number; end?: number } = { start: performance.now() };
  const onCheckpoint = async (s: BillingCycleState): Promise<void> => {
    const now = performance.now();
    if (s.references !== null) t.references ??= now;
    if (s.step === 'payments') {
      t.loaded ??= now;
      loadCpu ??= process.cpuUsage(cpuAtStart);
      // The smaller cycle measures the load only: stop before the payment calls.
      if (!a.payments) stop.abort();
    }
  };
  let state = startBillingCycle(a.cycle, { force: true });
  let counts: { loaded: Record<string, number>; quarantined: Record<string, number>; payments: { accounts: number } } | null = null;
  try {
    for (;;) {
      const r = await runBillingCycleStep({
        billing: legacy.billing, db: view, alert: async () => undefined, onCheckpoint, pollIntervalMs: 50, signal: stop.signal,
        concurrentTables: legacy.tableStreams > 1,
      }, state);
      state = r.state;
      if ('done' in r) {
        counts = { loaded: r.done.loaded as Record<string, number>, quarantined: r.done.quarantined, payments: r.done.payments };
        break;
      }
      await new Promise((resolve) => setTimeout(resolve, r.delayMs));
    }
  } catch (err) {
    if (!stop.signal.aborted) throw err;
  }
  const end = (t.end = performance.now());
  const cpu = loadCpu ?? process.cpuUsage(cpuAtStart);
  const cpuMs = Math.round((cpu.user + cpu.system) / 1000);
  const mem = sampler.stop();
  const rss = peakRssMiB();
  await legacy.close();
  const loaded = counts?.loaded ?? (state.loaded as Record<string, number>);
  const { rows } = await view.query<{ point_id: string; n: number }>(
    `SELECT point_id, count(*)::int AS n FROM hub.quarantine WHERE run_id = $1 GROUP BY point_id`, [state.runId]);
  await view.close();
  const loadedAt = t.loaded ?? end;
  return {
    cycle: a.cycle, legacyRows: a.legacyRows, loaded,
    quarantined: Object.fromEntries(rows.map((r) => [r.point_id, r.n])),
    loadMs: Math.round(loadedAt - t.start),
    cycleTablesMs: Math.round(loadedAt - (t.references ?? t.start)),
    paymentsMs: a.payments && t.loaded !== undefined ? Math.round(end - t.loaded) : null,
    totalMs: Math.round(end - t.start),
    payments: a.payments ? (counts?.payments ?? null) : null,
    peakRssMiB: rss, ...mem,
    cpuMs, cpuUsPerRow: Number(((cpuMs * 1000) / Math.max(1, a.legacyRows)).toFixed(2)),
  };
}

// --- parent ----------------------------------------------------------------------------------------

/** Runs this file as a child with --expose-gc and answers the JSON it prints last. */
function child<T>(args: Record<string, unknown>): Promise<T> {
  return new Promise((resolve, reject) => {
    // BENCH_CPU_PROF=<dir>: a V8 CPU profile of each child (open in Chrome DevTools) to see where the time goes.
    const prof = process.env.BENCH_CPU_PROF ? ['--cpu-prof', `--cpu-prof-dir=${process.env.BENCH_CPU_PROF}`] : [];
    const p = spawn(process.execPath, ['--expose-gc', ...prof, '--import', 'tsx', fileURLToPath(import.meta.url), '--child', JSON.stringify(args)], {
      stdio: ['ignore', 'pipe', 'inherit'],
    });
    let out = '';
    p.stdout.on('data', (d: Buffer) => { out += d.toString(); });
    p.on('error', reject);
    p.on('close', (code) => {
      const last = out.trim().split('\n').pop() ?? '';
      if (code !== 0 || !last.startsWith('{')) reject(new Error(`ingest child ${JSON.stringify(args)} exited ${code}: ${out}`));
      else resolve(JSON.parse(last) as T);
    });
  });
}

const fastest = <T>(runs: readonly T[], ms: (run: T) => number): T =>
  runs.reduce((best, run) => (ms(run) < ms(best) ? run : best));

/**
 * Each measured run starts with the WAL of the runs before it written out: otherwise a checkpoint
 * that the raw COPYs' half gigabyte of WAL calls for runs during the next measurement, and the hub,
 * measured third, would pay for them. One CHECKPOINT covers the whole server (legacy and view).
 */
async function checkpoint(url: string, log: (line: string) => void): Promise<void> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    await client.query('CHECKPOINT');
  } catch (err) {
    // Superusers and pg_checkpoint members only: without it the runs are measured as they come.
    log(`ingest: no CHECKPOINT between runs (${(err as Error).message})`);
  } finally {
    await client.end();
  }
}

interface CycleRows {
  cycle: number;
  rows: number;
  perTable: Record<string, number>;
}

async function cycleRows(world: LegacyWorld): Promise<{ large: CycleRows; small: CycleRows }> {
  const { rows } = await world.sim.db.billing.query<{ cycle: string; fee: string; call: string; top: string }>(
    `SELECT f.cycle, f.n AS fee, coalesce(c.n, 0) AS call, coalesce(t.n, 0) AS top
       FROM (SELECT "CALLTIME" AS cycle, count(*) AS n FROM bill_fee GROUP BY 1) f
       LEFT JOIN (SELECT "CALLTIME" AS cycle, count(*) AS n FROM bill_call GROUP BY 1) c USING (cycle)
       LEFT JOIN (SELECT "CALLTIME" AS cycle, count(*) AS n FROM bill_top1000 GROUP BY 1) t USING (cycle)
      ORDER BY f.cycle`);
  const all = rows.map((r) => ({
    cycle: Number(r.cycle), rows: Number(r.fee) + Number(r.call) + Number(r.top),
    perTable: { 'JF-5': Number(r.fee), 'JF-7': Number(r.call), 'JF-8': Number(r.top) },
  }));
  // The latest full cycle (it has call records: the generator writes them for the latest cycles
  // only) against the cycle with the fewest rows.
  const full = all.filter((c) => c.perTable['JF-7'] > 0);
  const large = (full.length > 0 ? full : all).at(-1);
  const small = [...all].sort((x, y) => x.rows - y.rows)[0];
  if (!large || !small) throw new Error('the legacy billing system holds no cycle');
  return { large, small };
}

export interface IngestSummary {
  cycle: number;
  rows: number;
  perTable: Record<string, number>;
  raw: RawResult;
  rawView: RawResult;
  /** The faster of the two loads of the large cycle. */
  hub: HubResult;
  /** The load of the large cycle that went on to the payments step. */
  withPayments: HubResult;
  small: HubResult & { rows: number };
  /** Every measured run, in ms (raw: the COPY; hub: the cycle tables, first read to switch). */
  runsMs: { raw: number[]; rawView: number[]; hub: number[] };
  rawRowsPerSec: number;
  rawViewRowsPerSec: number;
  hubLoadRowsPerSec: number;
  hubTotalRowsPerSec: number;
  ratio: number;
  ratioToView: number;
}

export async function runIngestBench(options: BenchOptions, world: LegacyWorld, log: (line: string) => void): Promise<IngestSummary> {
  const { large, small } = await cycleRows(world);
  log(`ingest: cycle ${large.cycle}: ${large.rows} rows (${JSON.stringify(large.perTable)}); smaller cycle ${small.cycle}: ${small.rows} rows`);
  const { url: viewUrl } = await createDatabase(options.databaseUrl, VIEW_DB, { replace: true });
  try {
    const view = await openDatabase({ url: viewUrl });
    await migrate(view);
    await view.close();
    // The request makes the interface views show the cycle, for the raw COPY of the views too.
    for (const c of [large.cycle, small.cycle]) await world.sim.db.billing.query('CALL vipjf_set_request($1, NULL)', [c]);

    const base = { legacyUrl: world.url, viewUrl, wsdlUrl: world.sim.cs1000.wsdlUrl };
    const runs = { raw: [] as RawResult[], rawView: [] as RawResult[], hub: [] as HubResult[] };
    const copyRun = async (source: 'table' | 'view'): Promise<void> => {
      await checkpoint(viewUrl, log);
      const r = await child<RawResult>({ kind: 'raw', ...base, cycle: large.cycle, source });
      log(`ingest: raw COPY (${source === 'table' ? 'base tables' : 'interface views'}) ${r.rows} rows in ${(r.ms / 1000).toFixed(1)} s = ${k(rate(r.rows, r.ms))} rows/s`);
      (source === 'table' ? runs.raw : runs.rawView).push(r);
    };
    const hubRun = async (payments: boolean): Promise<void> => {
      await checkpoint(viewUrl, log);
      const h = await child<HubResult>({ kind: 'hub', ...base, cycle: large.cycle, legacyRows: large.rows, payments });
      const paid = payments ? `, payments ${h.payments?.accounts ?? 0} accounts in ${((h.paymentsMs ?? 0) / 1000).toFixed(1)} s` : '';
      log(`ingest: hub load ${large.rows} rows in ${(h.cycleTablesMs / 1000).toFixed(1)} s (request → switch ${(h.loadMs / 1000).toFixed(1)} s, CPU ${h.cpuUsPerRow} µs/row)${paid}`);
      runs.hub.push(h);
    };
    // Two rounds, the second in the reverse order, and each figure the better of its two runs: on a
    // shared machine a run inherits what the one before it left (page cache, WAL, the CPU's clock),
    // and whichever always ran first would have the better seat.
    await copyRun('table');
    await copyRun('view');
    await hubRun(false);
    await hubRun(true);
    await copyRun('view');
    await copyRun('table');
    await checkpoint(viewUrl, log);
    const smallRun = await child<HubResult>({ kind: 'hub', ...base, cycle: small.cycle, legacyRows: small.rows, payments: false });
    log(`ingest: hub load of the smaller cycle ${small.rows} rows in ${(smallRun.cycleTablesMs / 1000).toFixed(1)} s`);
    const raw = fastest(runs.raw, (r) => r.ms);
    const rawView = fastest(runs.rawView, (r) => r.ms);
    const hub = fastest(runs.hub, (h) => h.cycleTablesMs);
    const withPayments = runs.hub.find((h) => h.payments !== null) ?? hub;
    // The load alone (the three cycle tables, from the first read to the switch) against the raw COPY
    // of the same three tables; request, poll and the small reference tables are in loadMs.
    const hubLoadRowsPerSec = rate(large.rows, hub.cycleTablesMs);
    return {
      cycle: large.cycle, rows: large.rows, perTable: large.perTable, raw, rawView, hub, withPayments, small: { ...smallRun, rows: small.rows },
      runsMs: { raw: runs.raw.map((r) => r.ms), rawView: runs.rawView.map((r) => r.ms), hub: runs.hub.map((h) => h.cycleTablesMs) },
      rawRowsPerSec: rate(raw.rows, raw.ms), rawViewRowsPerSec: rate(rawView.rows, rawView.ms),
      hubLoadRowsPerSec, hubTotalRowsPerSec: rate(large.rows, withPayments.totalMs),
      ratio: Number((hubLoadRowsPerSec / Math.max(1, rate(raw.rows, raw.ms))).toFixed(2)),
      ratioToView: Number((hubLoadRowsPerSec / Math.max(1, rate(rawView.rows, rawView.ms))).toFixed(2)),
    };
  } finally {
    await dropDatabase(options.databaseUrl, VIEW_DB);
  }
}

if (process.argv[2] === '--child') {
  type RawArgs = { kind: 'raw'; legacyUrl: string; viewUrl: string; cycle: number; source: 'table' | 'view' };
  type HubArgs = { kind: 'hub' } & Parameters<typeof hubIngest>[0];
  const args = JSON.parse(process.argv[3] ?? '{}') as RawArgs | HubArgs;
  const result = args.kind === 'raw' ? await rawCopy(args.legacyUrl, args.viewUrl, args.cycle, args.source) : await hubIngest(args);
  console.log(JSON.stringify(result));
}
