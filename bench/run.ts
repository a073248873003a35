// `npm run bench`: the hub's speed figures, each against a baseline measured in the same run, printed
// as a table and one JSON summary line. Nothing here passes or fails on a time: machines differ.
//   npm run bench                                   province size (generated once, then reused)
//   npm run bench -- --size tiny                    quick smoke (well under 2 minutes)
//   npm run bench -- --only ingest|lag|generate|api one benchmark
//   npm run bench -- --database-url postgres://…    the server (default TEST_DATABASE_URL or the local one)
//   --regenerate (generate the legacy database again)  --drop-legacy (drop it at the end)
// The memory figures of the ingest come from child processes started with --expose-gc.

import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { runIngestBench, type IngestSummary } from './billing-ingest.bench.ts';
import { dropDatabase, k, openLegacy, parseOptions, type LegacyWorld } from './bench-kit.ts';
import { runLagBench, type LagSummary } from './sync-lag.bench.ts';
import { apiRows, runApiBench } from './api.bench.ts';

const options = parseOptions(process.argv.slice(2));
const log = (line: string): void => console.log(`  ${line}`);
const started = performance.now();
const summary: Record<string, unknown> = { size: options.size };
const table: [string, string, string][] = [];
const row = (what: string, value: string, note = ''): void => void table.push([what, value, note]);
const s = (ms: number): string => `${(ms / 1000).toFixed(1)} s`;

function ingestRows(r: IngestSummary): void {
  row('ingest cycle', `${r.cycle}`, `${r.rows} rows: ${Object.entries(r.perTable).map(([p, n]) => `${p} ${n}`).join(', ')}`);
  row('raw COPY, base tables', `${k(r.rawRowsPerSec)} rows/s`, `${s(r.raw.ms)}; COPY TO STDOUT | COPY FROM STDIN`);
  row('raw COPY, interface views', `${k(r.rawViewRowsPerSec)} rows/s`, `${s(r.rawView.ms)}; the interface views the hub reads`);
  row('hub load (3 cycle tables)', `${k(r.hubLoadRowsPerSec)} rows/s`, `${s(r.hub.cycleTablesMs)}; read, contract, map, COPY, keys, indexes, switch`);
  row('ratio hub / raw', `${r.ratio}`, `goal >= 0.5; against the interface views ${r.ratioToView}`);
  const runs = (ms: number[]) => ms.map((m) => (m / 1000).toFixed(1)).join(' / ');
  row('runs (s), better one counts', `hub ${runs(r.runsMs.hub)}`, `raw ${runs(r.runsMs.raw)}; views ${runs(r.runsMs.rawView)}`);
  row('hub CPU (large cycle)', `${r.hub.cpuUsPerRow} µs/row`, `${s(r.hub.cpuMs)} of the hub process, request → switch`);
  row('hub request → switch', s(r.hub.loadMs), 'with request, poll and the reference tables');
  row('hub payments step', r.withPayments.paymentsMs === null ? '-' : s(r.withPayments.paymentsMs), `${r.withPayments.payments?.accounts ?? 0} accounts, VIPJF_GET_QF each`);
  row('hub total', `${k(r.hubTotalRowsPerSec)} rows/s`, `${s(r.withPayments.totalMs)} request → done`);
  row('quarantined', `${Object.values(r.hub.quarantined).reduce((a, b) => a + b, 0)}`, JSON.stringify(r.hub.quarantined));
  row('peak RSS (large cycle)', `${r.hub.peakRssMiB} MiB`, `${r.rows} rows`);
  row('peak RSS (small cycle)', `${r.small.peakRssMiB} MiB`, `${r.small.rows} rows, cycle ${r.small.cycle}`);
  row('live heap after GC (large)', `${r.hub.peakLiveHeapMiB ?? '-'} MiB`, `peak of ${r.hub.liveSamples} forced GCs; heapUsed peak ${r.hub.peakHeapMiB} MiB`);
  row('live heap after GC (small)', `${r.small.peakLiveHeapMiB ?? '-'} MiB`, `peak of ${r.small.liveSamples} forced GCs; heapUsed peak ${r.small.peakHeapMiB} MiB`);
  summary.ingest = {
    cycle: r.cycle, rows: r.rows, rawRowsPerSec: r.rawRowsPerSec, rawViewRowsPerSec: r.rawViewRowsPerSec, hubLoadRowsPerSec: r.hubLoadRowsPerSec,
    hubTotalRowsPerSec: r.hubTotalRowsPerSec, ratio: r.ratio, ratioToView: r.ratioToView, loadMs: r.hub.cycleTablesMs, paymentsMs: r.withPayments.paymentsMs, runsMs: r.runsMs,
    peakRssMiB: r.hub.peakRssMiB, liveHeapMiB: r.hub.peakLiveHeapMiB,
    small: { rows: r.small.rows, peakRssMiB: r.small.peakRssMiB, liveHeapMiB: r.small.peakLiveHeapMiB },
  };
}

function lagRows(r: LagSummary): void {
  row('sync lag p50 / p99 / max', `${r.lagMs.p50} / ${r.lagMs.p99} / ${r.lagMs.max} ms`, `${r.visible}/${r.changes} changes seen; schedule every ${r.scheduleMs} ms`);
  row('incremental run, no change', `${r.emptyRunMs.p50} ms`, `p50 of ${r.emptyRunMs.runs} (max ${r.emptyRunMs.max} ms)`);
  row('incremental runs, measured', `${r.runs.meanMs} ms mean`, `${r.runs.count} runs, max ${r.runs.maxMs} ms, ${r.runs.customersSynced} customer reads (60 s overlap re-reads)`);
  summary.lag = { p50Ms: r.lagMs.p50, p99Ms: r.lagMs.p99, maxMs: r.lagMs.max, changes: r.changes, visible: r.visible, emptyRunMs: r.emptyRunMs.p50, runMeanMs: r.runs.meanMs };
}

function generateBench(): void {
  // The colleague's generator bench (its own child processes): demo size against a larger province.
  const larger = options.size === 'province' ? 20_000 : 4_000;
  const run = spawnSync(process.execPath, ['--import', 'tsx', fileURLToPath(new URL('./generate.bench.ts', import.meta.url)), String(larger)], { encoding: 'utf8' });
  if (run.status !== 0) throw new Error(`generate bench failed: ${run.stderr}`);
  const lines = run.stdout.trim().split('\n').map((l) => JSON.parse(l) as { customers: number; rows: number; seconds: number; maxRssMiB: number; liveHeapMiB: number });
  for (const g of lines) row(`generator, ${g.customers} customers`, `${k(Math.round(g.rows / g.seconds))} rows/s`, `${g.rows} rows, RSS ${g.maxRssMiB} MiB, live heap ${g.liveHeapMiB} MiB`);
  summary.generate = lines;
}

let world: LegacyWorld | null = null;
try {
  console.log(`bench: size ${options.size}, server ${new URL(options.databaseUrl).host}${options.only ? `, only ${options.only}` : ''}`);
  if (options.only !== 'generate') {
    world = await openLegacy(options, log);
    row('legacy database', world.dbName, world.generatedSeconds === null
      ? `reused (generated ${world.marker.generatedAt} in ${world.marker.seconds.toFixed(0)} s)`
      : `generated in this run: ${world.generatedSeconds.toFixed(0)} s`);
    summary.legacy = { reused: world.generatedSeconds === null, generationSeconds: world.generatedSeconds ?? world.marker.seconds };
  }
  if (world && (options.only === null || options.only === 'ingest')) ingestRows(await runIngestBench(options, world, log));
  if (world && (options.only === null || options.only === 'lag')) lagRows(await runLagBench(options, world, log));
  if (world && (options.only === null || options.only === 'api')) summary.api = apiRows(await runApiBench(options, world, log), row);
  if (options.only === null || options.only === 'generate') generateBench();
} finally {
  await world?.sim.stop();
  if (world && options.dropLegacy) await dropDatabase(options.databaseUrl, world.dbName);
}

const widths = [0, 1].map((i) => Math.max(0, ...table.map((r) => (r[i] ?? '').length)));
console.log('');
for (const [what, value, note] of table) console.log(`${what.padEnd(widths[0] ?? 0)}  ${value.padStart(widths[1] ?? 0)}  ${note}`);
summary.seconds = Math.round((performance.now() - started) / 1000);
const i = summary.ingest as { rawRowsPerSec: number; hubLoadRowsPerSec: number; ratio: number; peakRssMiB: number; liveHeapMiB: number | null } | undefined;
const l = summary.lag as { p50Ms: number; p99Ms: number } | undefined;
if (i) console.log(`\ningest: raw COPY ${k(i.rawRowsPerSec)} rows/s, hub ${k(i.hubLoadRowsPerSec)} rows/s, ratio ${i.ratio}, peak RSS ${i.peakRssMiB} MB, heap after GC ${i.liveHeapMiB ?? '-'} MB`);
if (l) console.log(`lag: p50 ${l.p50Ms} ms, p99 ${l.p99Ms} ms`);
if (summary.api) console.log((summary.api as { line: string }).line);
console.log(`BENCH_SUMMARY ${JSON.stringify(summary)}`);
