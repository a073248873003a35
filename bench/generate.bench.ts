// Flat memory of the generator: streams the demo province and a province 10x larger through the COPY
// text serialiser, each in its own process, and prints rows, time, peak RSS and the peak live heap
// (measured after a forced GC every 500,000 rows) side by side. The live heap is the flatness proof:
// peak RSS also grows with how much garbage V8 lets pile up before collecting, which is not a leak.
// It prints the figures and asserts nothing (timings vary by machine).
//   npx tsx bench/generate.bench.ts [largerCustomerCount]

import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { copyLine } from '../simulator/generate/copy-format.ts';
import { defineProvince, provinceRows } from '../simulator/generate/province.ts';

function child(customers: number): void {
  const started = performance.now();
  let rows = 0;
  let bytes = 0;
  let liveHeap = 0;
  const gc = (globalThis as { gc?: () => void }).gc;
  const sample = (): void => {
    gc?.();
    liveHeap = Math.max(liveHeap, process.memoryUsage().heapUsed);
  };
  for (const [, row] of provinceRows(defineProvince({ size: 'demo', customers }))) {
    rows++;
    bytes += copyLine(row).length;
    if (rows % 500_000 === 0) sample();
  }
  sample();
  const seconds = (performance.now() - started) / 1000;
  console.log(JSON.stringify({ customers, rows, mb: Math.round(bytes / 1e6), seconds: Number(seconds.toFixed(1)), maxRssMiB: Math.round(process.resourceUsage().maxRSS / 1024), liveHeapMiB: Math.round(liveHeap / 1048576) }));
}

if (process.argv[2] === '--child') {
  child(Number(process.argv[3]));
} else {
  const larger = Number(process.argv[2] ?? 20_000);
  for (const customers of [2_000, larger]) {
    const run = spawnSync(process.execPath, ['--expose-gc', '--import', 'tsx', fileURLToPath(import.meta.url), '--child', String(customers)], { encoding: 'utf8' });
    if (run.status !== 0) throw new Error(run.stderr);
    console.log(run.stdout.trim());
  }
}
