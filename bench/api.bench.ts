// The read API under load: list, name search, look-ups and the customer 360 on the province view in a
// PostgreSQL server, served by the hub's real app in its own process (api-server.ts) and driven by a
// load generator in another (load-generator.ts) at a constant arrival rate; beside two trivial routes
// of the same server in the same run, and beside the "no hub" path (no-hub.ts: the same 360 content
// assembled by calling the legacy procedures directly). Around the 360 load, the legacy database's
// transaction counter shows whether anything asked a legacy system (the server has no legacy
// connection at all; the counter is the proof). Figures only, no assertion on a time.
//   npm run bench -- --only api [--size tiny|demo|province]

import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { mintToken } from '../src/api/platform/index.ts';
import { BASE } from '../src/api/resources/index.ts';
import { RECENT_TICKET_DAYS } from '../src/view/customer360.view.ts';
import { openApiView, type ViewBuild } from './api-view.ts';
import { drain, generate, NICE, noHub, prioritiseSessions, SERVER_APP, SERVER_NODE_FLAGS, startServer, type Priorities } from './api-processes.ts';
import type { LoadScenario, ScenarioResult } from './load-generator.ts';
import type { NoHubResult } from './no-hub.ts';
import type { BenchOptions, LegacyWorld } from './bench-kit.ts';

export interface ApiSummary {
  view: ViewBuild;
  rate: number;
  scenarios: (ScenarioResult & { serverCpuMsPerRequest: number | null })[];
  legacyDuring360: { before: number; after: number; delta: number; maintenance: number; idleDelta: number; idleSeconds: number;
    /** Who had a session on the legacy database during the 360 load; the databases the API server's sessions were on. */
    legacySessions: string[]; serverDatabases: string[] };
  noHub: NoHubResult;
  /** no-hub p50 / hub 360 p50 (full 360, province_admin, at the target rate). */
  ratio: number;
  /** no-hub p50 / hub 360 p50 at a quarter of the rate (a server with headroom). */
  ratioAtQuarterRate: number;
  /** How the server and the generator were run: heap flags, CPU priority of each process. */
  processes: { serverNodeFlags: string[]; priorities: Priorities };
}

interface Sample {
  ids: string[];
  vips: string[];
  services: string[];
  fragments: string[];
  managers: { staff: string; ids: string[]; vips: string[]; fragments: string[] }[];
}

// Two or three Han characters from inside a name: what a manager types to find a customer.
const HAN = /^\p{Script=Han}+$/u;
function fragmentOf(name: string, seed: number): string | null {
  const chars = [...name];
  const len = 2 + (seed % 2);
  if (chars.length < len + 1) return null;
  const at = seed % (chars.length - len + 1);
  const frag = chars.slice(at, at + len).join('');
  return HAN.test(frag) ? frag : null;
}

async function sampleView(url: string): Promise<Sample> {
  const c = new pg.Client({ connectionString: url });
  await c.connect();
  try {
    // setseed: the same sample in every run, so runs compare.
    await c.query('SELECT setseed(0.42)');
    const customers = (await c.query<{ id: string; vip_number: string; name: string }>(
      'SELECT id, vip_number, name FROM hub.customer ORDER BY random() LIMIT 2000')).rows;
    const services = (await c.query<{ service_number: string }>(
      'SELECT service_number FROM hub.service WHERE customer_id IS NOT NULL ORDER BY random() LIMIT 2000')).rows;
    const staff = (await c.query<{ manager: string }>('SELECT manager FROM (SELECT DISTINCT manager FROM hub.customer WHERE manager IS NOT NULL) m ORDER BY random() LIMIT 40')).rows;
    const mine = (await c.query<{ manager: string; id: string; vip_number: string; name: string }>(
      'SELECT manager, id, vip_number, name FROM hub.customer WHERE manager = ANY($1::text[])', [staff.map((s) => s.manager)])).rows;
    const frags = (names: string[]): string[] => names.flatMap((n, i) => fragmentOf(n, i * 7 + n.length) ?? []);
    return {
      ids: customers.map((r) => r.id), vips: customers.map((r) => r.vip_number), services: services.map((r) => r.service_number),
      fragments: frags(customers.map((r) => r.name)).slice(0, 500),
      managers: staff.map(({ manager }) => {
        const rows = mine.filter((r) => r.manager === manager);
        return { staff: manager, ids: rows.map((r) => r.id), vips: rows.map((r) => r.vip_number), fragments: frags(rows.map((r) => r.name)) };
      }),
    };
  } finally {
    await c.end();
  }
}

/** Commits + rollbacks in the legacy database: any legacy procedure call is at least one. */
async function legacyTransactions(base: string, dbName: string): Promise<number> {
  const c = new pg.Client({ connectionString: base });
  await c.connect();
  try {
    // Backends flush their counters about once a second when idle: wait past that.
    await new Promise((resolve) => setTimeout(resolve, 1500));
    const { rows } = await c.query<{ n: string }>('SELECT (xact_commit + xact_rollback)::text AS n FROM pg_stat_database WHERE datname = $1', [dbName]);
    return Number(rows[0]?.n ?? NaN);
  } finally {
    await c.end();
  }
}

/**
 * Vacuum and analyze runs on the legacy database's tables (autovacuum's included): each is a
 * transaction there too, and the only ones a quiet legacy database makes on its own.
 */
async function legacyMaintenance(legacyUrl: string): Promise<number> {
  const c = new pg.Client({ connectionString: legacyUrl });
  await c.connect();
  try {
    const { rows } = await c.query<{ n: string }>(
      'SELECT sum(vacuum_count + autovacuum_count + analyze_count + autoanalyze_count)::text AS n FROM pg_stat_all_tables');
    return Number(rows[0]?.n ?? NaN);
  } finally {
    await c.end();
  }
}

/**
 * Who holds a session on the legacy database while `during` runs (sampled from pg_stat_activity,
 * through the server's admin database, so the watching adds nothing there), and which databases the
 * API server's own sessions (application_name SERVER_APP) are on.
 */
async function watchSessions<T>(base: string, legacyDb: string, during: () => Promise<T>): Promise<{ result: T; legacySessions: string[]; serverDatabases: string[] }> {
  const c = new pg.Client({ connectionString: base });
  await c.connect();
  const seen = new Set<string>();
  let watching = true;
  const sampler = (async () => {
    while (watching) {
      const { rows } = await c.query<{ who: string }>(
        `SELECT DISTINCT coalesce(nullif(application_name, ''), '(no name)') || ' ' || backend_type || ' ' || state AS who
           FROM pg_stat_activity WHERE datname = $1`, [legacyDb]);
      for (const r of rows) seen.add(r.who);
      await new Promise((resolve) => setTimeout(resolve, 250));
    }
  })();
  try {
    const result = await during();
    const { rows } = await c.query<{ datname: string }>('SELECT DISTINCT datname FROM pg_stat_activity WHERE application_name = $1', [SERVER_APP]);
    return { result, legacySessions: [...seen].sort(), serverDatabases: rows.map((r) => r.datname) };
  } finally {
    watching = false;
    await sampler;
    await c.end();
  }
}

const q = encodeURIComponent;

/** The scenarios, in three groups: baselines and collections, the 360 (watched), max throughput. */
function scenarios(s: Sample, tokenOf: (staff: string | null) => number, timing: { rate: number; warmupS: number; durationS: number }) {
  const admin = tokenOf(null);
  const open = (name: string, requests: [string, number][]): LoadScenario => ({ name, mode: 'open', ...timing, requests });
  const mgr = (fn: (m: Sample['managers'][number], t: number) => [string, number][]): [string, number][] =>
    s.managers.flatMap((m) => fn(m, tokenOf(m.staff)));
  const pages = [0, 20, 40, 60, 80, 100, 200];
  const three60 = (id: string, fields = ''): string => `${BASE.customer360}/${q(id)}${fields ? `?fields=${fields}` : ''}`;
  const collections: LoadScenario[] = [
    open('trivial /healthz (no auth)', [['/healthz', -1]]),
    open('trivial /bench/noop (auth)', [['/bench/noop', admin]]),
    open('list page, province_admin', pages.map((o) => [`${BASE.customer}?limit=20&offset=${o}`, admin])),
    open('list page, customer_manager', mgr((_, t) => [0, 20, 40].map((o) => [`${BASE.customer}?limit=20&offset=${o}`, t]))),
    open('name search, province_admin', s.fragments.map((f) => [`${BASE.customer}?name=${q(f)}&limit=20`, admin])),
    open('name search, customer_manager', mgr((m, t) => m.fragments.slice(0, 20).map((f) => [`${BASE.customer}?name=${q(f)}&limit=20`, t]))),
    open('look-up VIP number, admin', s.vips.map((v) => [`${BASE.customer}?vipNumber=${q(v)}`, admin])),
    open('look-up service number, admin', s.services.map((v) => [`${BASE.customer}?serviceNumber=${q(v)}`, admin])),
    open('look-up VIP number, manager', mgr((m, t) => m.vips.slice(0, 25).map((v) => [`${BASE.customer}?vipNumber=${q(v)}`, t]))),
  ];
  const c360: LoadScenario[] = [
    open('360 full, province_admin', s.ids.map((id) => [three60(id), admin])),
    // The same at a quarter of the rate: the latency of a 360 on a server with headroom, the fair
    // comparison with the no-hub path's one-customer-at-a-time figure.
    { ...open('360 full, province_admin, quarter rate', s.ids.map((id) => [three60(id), admin])), rate: Math.round(timing.rate / 4) },
    open('360 full, customer_manager', mgr((m, t) => m.ids.slice(0, 25).map((id) => [three60(id), t]))),
    open('360 fields=customer,chargeSummary,arrears', s.ids.map((id) => [three60(id, 'customer,chargeSummary,arrears'), admin])),
  ];
  const max: LoadScenario[] = [16].map((n) => ({
    name: `360 full, max throughput (${n} connections)`, mode: 'closed', concurrency: n, warmupS: timing.warmupS, durationS: timing.durationS,
    requests: s.ids.map((id) => [three60(id), admin]),
  }));
  return { collections, c360, max };
}

export async function runApiBench(options: BenchOptions, world: LegacyWorld, log: (line: string) => void): Promise<ApiSummary> {
  const tiny = options.size === 'tiny';
  const view = await openApiView(options, world, log, 18 * 60_000);
  const sample = await sampleView(view.url);
  log(`api: sample of ${sample.ids.length} customers, ${sample.fragments.length} name fragments, ${sample.managers.length} managers`);
  const secret = randomBytes(32).toString('hex');
  const tokens = [await mintToken(secret, { role: 'province_admin', staffId: 'A001' })];
  const tokenIndex = new Map<string, number>();
  for (const m of sample.managers) {
    tokenIndex.set(m.staff, tokens.length);
    tokens.push(await mintToken(secret, { role: 'customer_manager', staffId: m.staff }));
  }
  const tokenOf = (staff: string | null): number => (staff === null ? 0 : (tokenIndex.get(staff) as number));
  const timing = tiny ? { rate: 200, warmupS: 0.5, durationS: 2 } : { rate: 500, warmupS: 5, durationS: 20 };
  // BENCH_API_SCENARIOS=360,trivial: only the scenarios whose name contains one of these (profiling).
  const only = process.env.BENCH_API_SCENARIOS?.split(',');
  const chosen = (list: LoadScenario[]) => (only ? list.filter((s) => only.some((o) => s.name.includes(o))) : list);
  const all = scenarios(sample, tokenOf, timing);
  const groups = { collections: chosen(all.collections), c360: chosen(all.c360), max: chosen(all.max) };

  const priorities: Priorities = {};
  const server = await startServer(view.url, secret, priorities);
  // The server opened all its sessions before listening.
  await prioritiseSessions(options.databaseUrl, priorities);
  log(`api: server run with ${SERVER_NODE_FLAGS.join(' ')}; priority (BENCH_API_NICE=${NICE}) ${JSON.stringify(priorities)}; other work on the machine keeps its own`);
  const results: ApiSummary['scenarios'] = [];
  let legacyDuring360!: ApiSummary['legacyDuring360'];
  try {
    const run = async (list: LoadScenario[]): Promise<void> => {
      for (const s of list) {
        // One generator process per scenario: the server's CPU for exactly that scenario.
        await server.stats();
        await generate({ baseUrl: server.url, connections: 64, tokens, scenarios: [s] }, priorities, (r) => results.push({ ...r, serverCpuMsPerRequest: null }));
        const cpu = await server.stats();
        const r = results.at(-1) as ApiSummary['scenarios'][number];
        const sent = Math.round(r.count * (1 + s.warmupS / s.durationS));
        r.serverCpuMsPerRequest = Math.round((cpu.cpuMs / Math.max(1, sent)) * 100) / 100;
        if (r.unanswered > 0) await drain(server.url);
        log(`api: ${r.name}: ${r.achievedRate} req/s, p50 ${r.ms.p50} p90 ${r.ms.p90} p99 ${r.ms.p99} max ${r.ms.max} ms, ${r.errors} errors ${JSON.stringify(r.statuses)}${r.unanswered ? ` — SATURATED: ${r.unanswered} unanswered, figures are lower bounds` : ''}, server CPU ${r.serverCpuMsPerRequest} ms/req; generator ${generatorNote(r, sent)}`);
      }
    };
    await run(groups.collections);
    // The control: how much the legacy database's counter moves with nothing of ours running.
    const idleFrom = await legacyTransactions(options.databaseUrl, world.dbName);
    const idleStarted = performance.now();
    await new Promise((resolve) => setTimeout(resolve, tiny ? 2000 : 10_000));
    const idleTo = await legacyTransactions(options.databaseUrl, world.dbName);
    const idleSeconds = Math.round((performance.now() - idleStarted) / 1000);
    const maintenanceFrom = await legacyMaintenance(world.url);
    const before = await legacyTransactions(options.databaseUrl, world.dbName);
    const watched = await watchSessions(options.databaseUrl, world.dbName, () => run(groups.c360));
    const after = await legacyTransactions(options.databaseUrl, world.dbName);
    const maintenance = (await legacyMaintenance(world.url)) - maintenanceFrom;
    legacyDuring360 = {
      before, after, delta: after - before, maintenance, idleDelta: idleTo - idleFrom, idleSeconds,
      legacySessions: watched.legacySessions, serverDatabases: watched.serverDatabases,
    };
    // Others may use the legacy database meanwhile (a shared server): the proof is whose sessions they are.
    const ours = watched.legacySessions.filter((w) => w.startsWith(`${SERVER_APP} `));
    log(`api: sessions on ${world.dbName} during the 360 load: ${JSON.stringify(watched.legacySessions)}, of which the API server's (${SERVER_APP}): ${ours.length === 0 ? 'none' : JSON.stringify(ours)}; the API server's sessions are on ${JSON.stringify(watched.serverDatabases)}`);
    log(`api: legacy database ${world.dbName} transactions during the 360 load: ${before} → ${after} (Δ ${after - before}, of which vacuum/analyze runs ${maintenance}; idle control Δ ${idleTo - idleFrom} in ${idleSeconds} s)`);
    await run(groups.max);
  } finally {
    await server.stop();
  }

  // The no-hub path over a sample of the same customers, the 12 cycles the 360's charge section spans.
  const cycles = (await world.sim.db.billing.query<{ cycle: string }>('SELECT DISTINCT "CALLTIME" AS cycle FROM bill_fee ORDER BY 1 DESC LIMIT 12')).rows
    .map((r) => Number(r.cycle)).reverse();
  const nohub = await noHub({
    legacyUrl: world.url, wsdlUrl: world.sim.cs1000.wsdlUrl, vips: sample.vips.slice(0, tiny ? 10 : 50), cycles,
    windowDays: RECENT_TICKET_DAYS, concurrency: 4,
  });
  const ratioTo = (name: string): number => {
    const hub = results.find((r) => r.name === name);
    return hub ? Math.round((nohub.sequential.ms.p50 / hub.ms.p50) * 10) / 10 : NaN;
  };
  const ratio = ratioTo('360 full, province_admin');
  const ratioAtQuarterRate = ratioTo('360 full, province_admin, quarter rate');
  log(`api: no hub: p50 ${nohub.sequential.ms.p50} ms sequential, ${nohub.concurrent.ms.p50} ms ${nohub.concurrent.concurrency} at once; ${nohub.callsPerCustomer} legacy calls per customer; ×${ratio} the hub's 360 p50 at ${timing.rate} req/s, ×${ratioAtQuarterRate} at a quarter of it`);
  return { view, rate: timing.rate, scenarios: results, legacyDuring360, noHub: nohub, ratio, ratioAtQuarterRate, processes: { serverNodeFlags: SERVER_NODE_FLAGS, priorities } };
}

/** How much of the figures is the generator's own lateness (counted in: it is open loop from the due time). */
function generatorNote(r: ScenarioResult, sent: number): string {
  const late = r.sendLateMs ? `sent late p99 ${r.sendLateMs.p99} / max ${r.sendLateMs.max} ms, ` : '';
  return `${late}event-loop lag p99 ${r.generatorLagP99Ms} ms, CPU ${Math.round((r.generatorCpuMs / Math.max(1, sent)) * 100) / 100} ms/req`;
}

/** The table rows and the summary of run.ts (kept here so run.ts only registers the bench). */
export function apiRows(r: ApiSummary, row: (what: string, value: string, note?: string) => void): Record<string, unknown> {
  row('api processes', `server ${r.processes.serverNodeFlags.join(' ')}`, `CPU priority: ${Object.entries(r.processes.priorities).map(([k, v]) => `${k} ${v}`).join('; ') || 'normal (BENCH_API_NICE=0)'}; other work on the machine at its own`);
  row('api view', r.view.dbName, `${r.view.reused ? 'reused, built' : 'built in this run'} in ${(r.view.totalMs / 1000).toFixed(0)} s: ${JSON.stringify(r.view.counts)}${r.view.subset ? `; SUBSET: ${r.view.subset}` : ''}`);
  for (const s of r.scenarios) {
    const load = s.mode === 'open' ? `at ${s.targetRate} req/s` : `closed loop, ${s.concurrency} connections`;
    row(`api ${s.name}`, `${s.achievedRate} req/s`, `p50 ${s.ms.p50} / p90 ${s.ms.p90} / p99 ${s.ms.p99} / max ${s.ms.max} ms ${load}; ${s.errors} errors${s.unanswered ? ` (${s.unanswered} unanswered: saturated, lower bounds)` : ''}; ${s.bytesPerAnswer} B; server CPU ${s.serverCpuMsPerRequest} ms/req`);
  }
  const l = r.legacyDuring360;
  row('legacy transactions during 360 load', `${l.delta}`, `${l.before} -> ${l.after}, of which vacuum/analyze runs ${l.maintenance} (idle control ${l.idleDelta} in ${l.idleSeconds} s); the API process has no legacy connection`);
  const ours = l.legacySessions.filter((w) => w.startsWith(`${SERVER_APP} `));
  row('API server sessions on', l.serverDatabases.join(', '), `the API server's sessions on the legacy database during the 360 load: ${ours.join('; ') || 'none'}; anyone's: ${l.legacySessions.join('; ') || 'none'}`);
  const n = r.noHub;
  row('no-hub 360, sequential', `p50 ${n.sequential.ms.p50} ms`, `p90 ${n.sequential.ms.p90} / p99 ${n.sequential.ms.p99} / max ${n.sequential.ms.max} ms over ${n.sequential.customers} customers; ${n.callsPerCustomer} legacy calls, ${n.rowsPerCustomer} rows each`);
  row(`no-hub 360, ${n.concurrent.concurrency} at once`, `p50 ${n.concurrent.ms.p50} ms`, `p99 ${n.concurrent.ms.p99} ms, ${n.concurrent.perSecond} customers/s; ${n.failures} failures`);
  row('ratio no-hub / hub 360 (p50)', `x${r.ratio}`, `goal >= 20; at ${r.rate / 4} req/s (server with headroom) x${r.ratioAtQuarterRate}`);
  const pick = (name: string) => r.scenarios.find((s) => s.name === name);
  const full = pick('360 full, province_admin');
  const manager = pick('360 full, customer_manager');
  const trivial = pick('trivial /healthz (no auth)');
  return {
    rate: r.rate, viewReused: r.view.reused, viewBuildMs: r.view.totalMs, subset: r.view.subset,
    scenarios: Object.fromEntries(r.scenarios.map((s) => [s.name, { rps: s.achievedRate, p50: s.ms.p50, p90: s.ms.p90, p99: s.ms.p99, max: s.ms.max, errors: s.errors, unanswered: s.unanswered, cpuMsPerReq: s.serverCpuMsPerRequest }])),
    legacyTransactionsDuring360: l.delta, legacyMaintenanceDuring360: l.maintenance, legacySessionsDuring360: l.legacySessions, serverDatabases: l.serverDatabases, legacyIdleControl: l.idleDelta,
    noHub: { p50: n.sequential.ms.p50, p99: n.sequential.ms.p99, concurrentP50: n.concurrent.ms.p50, callsPerCustomer: n.callsPerCustomer },
    ratio: r.ratio, ratioAtQuarterRate: r.ratioAtQuarterRate, processes: r.processes,
    line: `api: 360 p50 ${full?.ms.p50} ms p99 ${full?.ms.p99} ms at ${full?.achievedRate} req/s (customer_manager p50 ${manager?.ms.p50} p99 ${manager?.ms.p99} ms at ${manager?.achievedRate} req/s); trivial p99 ${trivial?.ms.p99} ms; no-hub 360 p50 ${n.sequential.ms.p50} ms (x${r.ratio}; x${r.ratioAtQuarterRate} against the 360 at a quarter of the rate); legacy transactions during the 360 load ${l.delta} (vacuum/analyze ${l.maintenance}, idle control ${l.idleDelta})`,
  };
}
