// The hub killed with SIGKILL in the middle of a full sync, and again in the middle of a billing
// cycle, then started again: it resumes from the jobs' checkpoints in Redis and ends with the same
// view as an uninterrupted run of the same syncs — nothing lost, nothing duplicated.
// Real processes: the hub is `src/cli/main.ts start` (its own local redis-server, PGlite on disk);
// the simulator runs in this test process and the hub reaches it over its URLs.

import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { Queue } from 'bullmq';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startSimulator, type SimulatorHandle } from '../../simulator/index.ts';
import { readRuntime } from '../../src/hub/runtime-file.ts';
import { connectLegacy } from '../../src/legacy/legacy-systems.ts';
import { migrate, openDatabase, type Database } from '../../src/store/index.ts';
import { runBillingCycleStep, startBillingCycle } from '../../src/sync/billing-cycle.sync.ts';
import { lastClosedCycle } from '../../src/sync/jobs.ts';
import { runChangeSync } from '../../src/sync/sys97-change.sync.ts';
import { runFinishedTicketSync, runOpenTicketSweep } from '../../src/sync/trouble-ticket.sync.ts';
import { runWorkOrderHistorySync } from '../../src/sync/work-order-history.sync.ts';
import { runWorkOrderSweep } from '../../src/sync/work-order.sync.ts';

const root = path.resolve(import.meta.dirname, '../..');
let sim: SimulatorHandle;
let dataDir: string;
const children: ChildProcess[] = [];

function startHubProcess(env: Record<string, string>): { child: ChildProcess; log: () => string } {
  const child = spawn(path.join(root, 'node_modules/.bin/node'), ['--import', 'tsx', 'src/cli/main.ts', 'start'], {
    cwd: root,
    env: { PATH: process.env.PATH ?? '', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  children.push(child);
  let log = '';
  child.stdout?.on('data', (c: Buffer) => (log += c.toString()));
  child.stderr?.on('data', (c: Buffer) => (log += c.toString()));
  return { child, log: () => log };
}

async function waitFor<T>(what: string, probe: () => Promise<T | undefined> | T | undefined, timeoutMs = 240_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await probe();
    if (value !== undefined) return value;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

// One Queue per name for the whole test: a probe must be quick, or a short step slips past it.
const queues = new Map<string, Queue>();
function queueOf(redisUrl: string, name: string): Queue {
  let q = queues.get(name);
  if (!q) {
    q = new Queue(name, { connection: { url: redisUrl } });
    queues.set(name, q);
  }
  return q;
}

async function activeCheckpoint(redisUrl: string, queue: string, job: string): Promise<Record<string, unknown> | undefined> {
  for (const j of await queueOf(redisUrl, queue).getJobs(['active'])) {
    const cp = (j.data as { checkpoint?: Record<string, unknown> }).checkpoint;
    if (j.name === job && cp) return cp;
  }
  return undefined;
}

async function queuesIdle(redisUrl: string): Promise<boolean> {
  for (const name of ['sys97', 'billing', 'cs1000', 'hub']) {
    const c = await queueOf(redisUrl, name).getJobCounts('waiting', 'active', 'delayed', 'prioritized', 'waiting-children');
    if (Object.values(c).some((n) => n > 0)) return false;
  }
  return true;
}

/** The view's content by natural keys, without hub ids and confirmation times (they differ by run). */
async function viewContent(db: Database): Promise<Record<string, string>> {
  const tables: Record<string, string> = {
    customers: `SELECT vip_number, name, customer_type, exchange_area, administrative_area, contact_phone, level, status FROM hub.customer ORDER BY vip_number`,
    vipHistory: `SELECT vip_number, valid_to IS NULL AS current FROM hub.customer_vip_number ORDER BY vip_number`,
    accounts: `SELECT a.account_number, c.vip_number, a.payer_name, a.pay_method, a.bank_account FROM hub.account a JOIN hub.customer c ON c.id = a.customer_id ORDER BY 1`,
    services: `SELECT s.service_number, c.vip_number, s.account_number, s.service_type, s.start_date FROM hub.service s JOIN hub.customer c ON c.id = s.customer_id ORDER BY 1`,
    workOrders: `SELECT o.order_number, c.vip_number, o.current_step, o.state FROM hub.work_order o LEFT JOIN hub.customer c ON c.id = o.customer_id ORDER BY 1`,
    steps: `SELECT order_number, step_no, name, entered_at, left_at, rejected_at FROM hub.work_order_step ORDER BY 1, 2`,
    charges: `SELECT billing_cycle, service_number, item_code, category, amount FROM hub.charge ORDER BY 1, 2, 3`,
    calls: `SELECT billing_cycle, count(*), sum(amount) FROM hub.call_detail_record GROUP BY 1 ORDER BY 1`,
    topContracts: `SELECT billing_cycle, account_number, amount FROM hub.top_contract ORDER BY 1, 2`,
    payments: `SELECT account_number, billing_cycle, paid_date FROM hub.payment_status ORDER BY 1, 2`,
    tickets: `SELECT ticket_key, kind, state, vip_number, finished_at FROM hub.trouble_ticket ORDER BY 1`,
    quarantine: `SELECT count(*) FROM hub.quarantine WHERE state = 'open'`,
  };
  const out: Record<string, string> = {};
  for (const [name, sql] of Object.entries(tables)) out[name] = JSON.stringify((await db.query(sql)).rows);
  return out;
}

beforeAll(async () => {
  sim = await startSimulator({ size: 'tiny', preparationMs: 300 });
  dataDir = mkdtempSync(path.join(os.tmpdir(), 'hub-crash-'));
});

afterAll(async () => {
  for (const q of queues.values()) await q.close();
  for (const c of children) if (c.exitCode === null && c.signalCode === null) c.kill('SIGKILL');
  const runtime = readRuntime(dataDir, { evenIfDead: true });
  if (runtime?.redisPid) {
    try {
      process.kill(runtime.redisPid, 'SIGTERM');
    } catch {
      // gone
    }
  }
  await sim?.stop();
  rmSync(dataDir, { recursive: true, force: true });
});

describe('SIGKILL in the middle of the work, then a restart', () => {
  it('resumes the full sync and the billing cycle and ends with the view of an uninterrupted run', async () => {
    // Slow enough to be caught half-way: every customer read and every payment status call waits.
    sim.faults.set('97-2', { latencyMs: 120 });
    sim.faults.set('JF-12', { latencyMs: 400 });
    await sim.faultsSettled();
    const jobsConfig = path.join(dataDir, 'jobs.json');
    const schedules = Object.fromEntries(['sys97.incremental', 'sys97.open-work-orders', 'cs1000.open-tickets', 'billing.cycle', 'cs1000.finished-tickets'].map((s) => [s, 'off']));
    writeFileSync(jobsConfig, JSON.stringify({ lockDurationMs: 3_000, stalledIntervalMs: 1_000, maxStalledCount: 5, schedules }));
    const env = {
      PORT: '0', HUB_DATA_DIR: dataDir, HUB_JOBS_CONFIG: jobsConfig, LOG_LEVEL: 'info',
      SYS97_URL: sim.sys97.url, BILLING_URL: sim.billing.url, CS1000_WSDL_URL: sim.cs1000.wsdlUrl,
    };

    // 1. Killed during the full sync, after its first committed chunk.
    const first = startHubProcess(env);
    const runtime = await waitFor('the hub runtime file', () => readRuntime(dataDir) ?? undefined);
    const cp = await waitFor('a full-sync checkpoint', () => activeCheckpoint(runtime.redisUrl, 'sys97', 'sys97.full'));
    expect(cp.lastDone).toBeTruthy();
    first.child.kill('SIGKILL');
    await new Promise((r) => first.child.once('exit', r));

    // 2. Restarted: the job resumes; killed again during the billing cycle's payment status step.
    const second = startHubProcess(env);
    await waitFor('the restarted hub', () => readRuntime(dataDir) ?? undefined);
    expect(readRuntime(dataDir)?.redisUrl).toBe(runtime.redisUrl);
    const billingCp = await waitFor('a billing checkpoint in the payment step', async () => {
      const c = await activeCheckpoint(runtime.redisUrl, 'billing', 'billing.cycle');
      // Payment status is committed in batches of 200 accounts: the tiny province's fit in one, so the
      // kill lands inside that batch, after the cycle's load was switched in.
      return c && c.step === 'payments' ? c : undefined;
    });
    expect(billingCp.loadStarted).toBe(true);
    second.child.kill('SIGKILL');
    await new Promise((r) => second.child.once('exit', r));

    // 3. Restarted again: everything pending finishes.
    const third = startHubProcess(env);
    await waitFor('the third hub', () => readRuntime(dataDir) ?? undefined);
    await new Promise((r) => setTimeout(r, 2_000));
    await waitFor('idle queues', async () => ((await queuesIdle(runtime.redisUrl)) ? true : undefined));
    for (const q of queues.values()) await q.close();
    queues.clear();
    third.child.kill('SIGTERM');
    expect(await new Promise((r) => third.child.once('exit', r))).toBe(0);
    sim.faults.clear();
    await sim.faultsSettled();

    // The same syncs, uninterrupted, into a fresh view.
    const legacy = await connectLegacy({ kind: 'postgres', sys97Url: sim.sys97.url, billingUrl: sim.billing.url, cs1000WsdlUrl: sim.cs1000.wsdlUrl });
    const baseline = await openDatabase({});
    await migrate(baseline);
    await runChangeSync(legacy.sys97, baseline, { mode: 'full', runId: 'baseline' });
    await runWorkOrderSweep(legacy.sys97, baseline, { runId: 'baseline' });
    await runWorkOrderHistorySync(legacy.sys97, baseline, { runId: 'baseline' });
    let state = startBillingCycle(lastClosedCycle(), { runId: 'baseline' });
    for (;;) {
      const step = await runBillingCycleStep({ billing: legacy.billing, db: baseline, pollIntervalMs: 100, alert: async () => undefined }, state);
      if ('done' in step) break;
      state = step.state;
      await new Promise((r) => setTimeout(r, step.delayMs));
    }
    await runOpenTicketSweep(legacy.cs1000, baseline, { runId: 'baseline' });
    await runFinishedTicketSync(legacy.cs1000, baseline, { runId: 'baseline' });
    await legacy.close();

    const crashed = await openDatabase({ dataDir: path.join(dataDir, 'pglite') });
    try {
      const got = await viewContent(crashed);
      const want = await viewContent(baseline);
      for (const name of Object.keys(want)) expect(got[name], name).toBe(want[name]);
      expect(JSON.parse(got.customers as string).length).toBeGreaterThan(0);
      expect(JSON.parse(got.payments as string).length).toBeGreaterThan(0);
    } finally {
      await crashed.close();
      await baseline.close();
    }
  }, 600_000);
});
