// The "no hub" path: the same 360 content assembled by calling the legacy systems directly, as a
// front end without the hub would, through the hub's own adapters (connectLegacy: the transports,
// contracts and resilience policies, so only the data path differs). Per customer:
//   97:      VIP_GET_DKHINFO + VIP_GET_PAYINFO + VIP_GET_SERVERS, VIP_GET_SOS (every open order of the
//            province: there is no per-customer call), then VIP_GET_SOINFO per open order of the customer
//   billing: VIPJF_GET_FEE_BY_CONTRACTNO per account over the 12 cycles, VIPJF_GET_QF per account and cycle
//   1000:    VIP1000_GET_112 / _180 over the recent window, VIP1000_GET_112_SO / _180_SO (the open lists)
// Independent calls go out together (the best a careful integrator could do), within the bulkhead.
// It connects straight to the legacy schemas (no simulator fault proxy in between), its best case.
// Run as a child process: its own event loop, its own timing.

import { pathToFileURL } from 'node:url';
import { connectLegacy, type LegacySystems } from '../src/legacy/legacy-systems.ts';
import { directLegacyUrl } from './bench-kit.ts';

export interface NoHubArgs {
  legacyUrl: string;
  wsdlUrl: string;
  vips: string[];
  /** The 12 cycles of the 360's charge section, oldest first. */
  cycles: number[];
  windowDays: number;
  /** Customers assembled at once in the concurrent pass. */
  concurrency: number;
}

export interface NoHubPass {
  customers: number;
  concurrency: number;
  ms: { p50: number; p90: number; p99: number; max: number; mean: number };
  perSecond: number;
}

export interface NoHubResult {
  sequential: NoHubPass;
  concurrent: NoHubPass;
  /** Legacy calls per customer (mean) and rows received. */
  callsPerCustomer: number;
  rowsPerCustomer: number;
  failures: number;
}

async function assemble(legacy: LegacySystems, vip: string, cycles: number[], from: Date, to: Date): Promise<{ calls: number; rows: number }> {
  let calls = 0;
  let rows = 0;
  const count = <T>(p: Promise<T[]>): Promise<T[]> => {
    calls++;
    return p.then((r) => { rows += r.length; return r; });
  };
  const [, pay, servers, sos] = await Promise.all([
    count(legacy.sys97.VIP_GET_DKHINFO(vip)),
    count(legacy.sys97.VIP_GET_PAYINFO(vip)),
    count(legacy.sys97.VIP_GET_SERVERS(vip)),
    count(legacy.sys97.VIP_GET_SOS()),
    count(legacy.cs1000.VIP1000_GET_112(vip, from, to)),
    count(legacy.cs1000.VIP1000_GET_180(vip, from, to)),
    count(legacy.cs1000.VIP1000_GET_112_SO()),
    count(legacy.cs1000.VIP1000_GET_180_SO()),
  ]);
  const services = new Set(servers.flatMap((r) => (r.ok ? [String(r.row.ACC_CODE)] : [])));
  const orders = sos.flatMap((r) => (r.ok && services.has(String(r.row.SERV_NBR ?? '')) ? [String(r.row.SO_NBR)] : []));
  const accounts = pay.flatMap((r) => (r.ok ? [String(r.row.ACCT_NBR)] : []));
  const first = cycles[0] as number;
  const last = cycles.at(-1) as number;
  await Promise.all([
    ...orders.map((o) => count(legacy.sys97.VIP_GET_SOINFO(o))),
    ...accounts.map((a) => count(legacy.billing.VIPJF_GET_FEE_BY_CONTRACTNO(a, first, last))),
    ...accounts.flatMap((a) => cycles.map((c) => { calls++; return legacy.billing.VIPJF_GET_QF(a, c); })),
  ]);
  return { calls, rows };
}

const percentile = (sorted: readonly number[], p: number): number =>
  sorted.length === 0 ? NaN : (sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)] as number);
const r1 = (n: number): number => Math.round(n * 10) / 10;

function summarize(times: number[], concurrency: number, wallMs: number): NoHubPass {
  const s = [...times].sort((a, b) => a - b);
  return {
    customers: s.length, concurrency,
    ms: { p50: r1(percentile(s, 50)), p90: r1(percentile(s, 90)), p99: r1(percentile(s, 99)), max: r1(s.at(-1) ?? NaN), mean: r1(s.reduce((a, b) => a + b, 0) / Math.max(1, s.length)) },
    perSecond: r1((s.length * 1000) / Math.max(1, wallMs)),
  };
}

export async function runNoHub(a: NoHubArgs): Promise<NoHubResult> {
  const legacy = await connectLegacy(
    { kind: 'postgres', sys97Url: directLegacyUrl(a.legacyUrl, 'sys97'), billingUrl: directLegacyUrl(a.legacyUrl, 'billing'), cs1000WsdlUrl: a.wsdlUrl },
    // A customer with many accounts fans out into hundreds of VIPJF_GET_QF calls: a deep queue.
    { poolSize: 8, policies: { sys97: { queue: 5000 }, billing: { queue: 5000 }, cs1000: { queue: 5000 } } },
  );
  const to = new Date();
  const from = new Date(to.getTime() - a.windowDays * 86_400_000);
  let calls = 0;
  let rows = 0;
  let failures = 0;
  const one = async (vip: string): Promise<number> => {
    const started = performance.now();
    try {
      const r = await assemble(legacy, vip, a.cycles, from, to);
      calls += r.calls;
      rows += r.rows;
    } catch {
      failures++;
    }
    return performance.now() - started;
  };
  try {
    // Warm-up: connections, SOAP client, plans.
    for (const vip of a.vips.slice(0, 3)) await one(vip);
    calls = rows = failures = 0;
    let wall = performance.now();
    const seq: number[] = [];
    for (const vip of a.vips) seq.push(await one(vip));
    const sequential = summarize(seq, 1, performance.now() - wall);
    const perCustomer = { calls: calls / a.vips.length, rows: rows / a.vips.length };
    wall = performance.now();
    const conc: number[] = [];
    const queue = [...a.vips];
    await Promise.all(Array.from({ length: a.concurrency }, async () => {
      for (let vip = queue.shift(); vip !== undefined; vip = queue.shift()) conc.push(await one(vip));
    }));
    const concurrent = summarize(conc, a.concurrency, performance.now() - wall);
    return { sequential, concurrent, callsPerCustomer: r1(perCustomer.calls), rowsPerCustomer: r1(perCustomer.rows), failures };
  } finally {
    await legacy.close();
  }
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  console.log(JSON.stringify(await runNoHub(JSON.parse(process.argv[2] ?? '{}') as NoHubArgs)));
}
