// The 97 system's incremental sync lag: legacy changes of N customers at known times, the
// incremental change sync (runChangeSync) run on a 1 s schedule as the job scheduler would, and the
// time from each legacy change (its commit) until the view shows it. Also the cost of one
// incremental run that finds nothing to do. Figures only, no assertion.
//   npm run bench -- --only lag [--size tiny|demo|province]

import { connectLegacy } from '../src/legacy/legacy-systems.ts';
import { migrate, openDatabase, SyncStateRepository } from '../src/store/index.ts';
import { runChangeSync, SYS97_CHANGE_STREAM, type ChangeSyncCounts } from '../src/sync/sys97-change.sync.ts';
import { createDatabase, directLegacyUrl, dropDatabase, type BenchOptions, type LegacyWorld } from './bench-kit.ts';

const VIEW_DB = 'bench_view_lag';
const CHANGES = 40;
const CHANGE_EVERY_MS = 500;
const SCHEDULE_MS = 1000;
/** How often the bench looks at the view: the lag figures are this coarse. */
const WATCH_MS = 25;
const GIVE_UP_MS = 120_000;

export interface LagSummary {
  changes: number;
  visible: number;
  scheduleMs: number;
  lagMs: { p50: number; p99: number; max: number; mean: number };
  /** One incremental run with nothing changed in its window. */
  emptyRunMs: { p50: number; max: number; runs: number; changedSeen: number };
  /** The runs of the measured phase (each re-reads every customer changed in the last minute). */
  runs: { count: number; meanMs: number; maxMs: number; customersSynced: number };
}

const percentile = (sorted: readonly number[], p: number): number =>
  sorted.length === 0 ? NaN : (sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)] as number);
const sleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));

export async function runLagBench(options: BenchOptions, world: LegacyWorld, log: (line: string) => void): Promise<LagSummary> {
  const { url: viewUrl } = await createDatabase(options.databaseUrl, VIEW_DB, { replace: true });
  const db = await openDatabase({ url: viewUrl });
  const legacy = await connectLegacy({
    kind: 'postgres', sys97Url: directLegacyUrl(world.url, 'sys97'), billingUrl: directLegacyUrl(world.url, 'billing'), cs1000WsdlUrl: world.sim.cs1000.wsdlUrl,
  });
  try {
    await migrate(db);
    const sync = (): Promise<ChangeSyncCounts> => runChangeSync(legacy.sys97, db, { mode: 'incremental', runId: null });

    // A view that is current as of now: the cursor at now. (A full sync of the province first would
    // take far longer than the bench and changes nothing in what one incremental run does.)
    await db.transaction((tx) => SyncStateRepository.advanceCursor(tx, SYS97_CHANGE_STREAM, { lastTime: new Date().toISOString() }));
    const empty: number[] = [];
    let changedSeen = 0;
    for (let i = 0; i < 5; i++) {
      const started = performance.now();
      changedSeen += (await sync()).changed;
      empty.push(performance.now() - started);
    }
    empty.sort((a, b) => a - b);
    log(`lag: empty incremental run p50 ${percentile(empty, 50).toFixed(0)} ms (${changedSeen} changes seen in 5 runs)`);

    // The customers to change, synced into the view once so the measured changes are updates.
    const { rows } = await world.sim.db.sys97.query<{ vip: string }>(`SELECT "DKH_CARDID" AS vip FROM DKH_CUSTOMER ORDER BY "DKH_ID" LIMIT ${CHANGES}`);
    const vips = rows.map((r) => r.vip);
    for (const vip of vips) await world.sim.mutate.customer(vip, { CONN_PERSON: 'bench warm-up' });
    await sync();
    const present = await db.query<{ vip_number: string }>('SELECT vip_number FROM hub.customer WHERE vip_number = ANY($1::text[])', [vips]);
    const targets = present.rows.map((r) => r.vip_number);
    log(`lag: ${targets.length} customers in the view; changing one every ${CHANGE_EVERY_MS} ms, incremental sync every ${SCHEDULE_MS} ms`);

    // The schedule: a run starts on every tick unless the previous one is still running.
    const runs: { ms: number; synced: number }[] = [];
    let stopping = false;
    let running: Promise<void> | null = null;
    const ticker = setInterval(() => {
      if (running || stopping) return;
      const started = performance.now();
      running = sync()
        .then((c) => void runs.push({ ms: performance.now() - started, synced: c.synced }))
        .finally(() => { running = null; });
    }, SCHEDULE_MS);

    // Changes at known times; the watcher notes when the view first shows each one.
    const changes = new Map<string, { value: string; at: number; seenAt?: number }>();
    const watcher = (async () => {
      const deadline = () => stopping;
      while (!deadline()) {
        const pending = [...changes.entries()].filter(([, c]) => c.seenAt === undefined);
        if (pending.length > 0) {
          const seen = await db.query<{ vip_number: string; contact_person: string | null }>(
            'SELECT vip_number, contact_person FROM hub.customer WHERE vip_number = ANY($1::text[])', [pending.map(([v]) => v)]);
          const now = performance.now();
          for (const r of seen.rows) {
            const c = changes.get(r.vip_number);
            if (c && c.seenAt === undefined && r.contact_person === c.value) c.seenAt = now;
          }
        }
        await sleep(WATCH_MS);
      }
    })();
    for (const [i, vip] of targets.entries()) {
      // Spread over the schedule's phase: jitter so changes do not all land just before a tick.
      await sleep(CHANGE_EVERY_MS * (0.5 + Math.random()));
      const value = `L${i}-${Date.now().toString(36)}`;
      await world.sim.mutate.customer(vip, { CONN_PERSON: value });
      // The change is committed when mutate answers: that is the legacy change's time.
      changes.set(vip, { value, at: performance.now() });
    }
    const giveUp = performance.now() + GIVE_UP_MS;
    while ([...changes.values()].some((c) => c.seenAt === undefined) && performance.now() < giveUp) await sleep(100);
    stopping = true;
    clearInterval(ticker);
    await watcher;
    await running;

    const lags = [...changes.values()].filter((c) => c.seenAt !== undefined).map((c) => (c.seenAt as number) - c.at).sort((a, b) => a - b);
    const round = (n: number): number => Math.round(n);
    return {
      changes: changes.size, visible: lags.length, scheduleMs: SCHEDULE_MS,
      lagMs: { p50: round(percentile(lags, 50)), p99: round(percentile(lags, 99)), max: round(lags.at(-1) ?? NaN), mean: round(lags.reduce((a, b) => a + b, 0) / Math.max(1, lags.length)) },
      emptyRunMs: { p50: round(percentile(empty, 50)), max: round(empty.at(-1) ?? NaN), runs: empty.length, changedSeen },
      runs: {
        count: runs.length, meanMs: round(runs.reduce((a, r) => a + r.ms, 0) / Math.max(1, runs.length)),
        maxMs: round(Math.max(0, ...runs.map((r) => r.ms))), customersSynced: runs.reduce((a, r) => a + r.synced, 0),
      },
    };
  } finally {
    await legacy.close();
    await db.close();
    await dropDatabase(options.databaseUrl, VIEW_DB);
  }
}
