// The billing cycle end to end against the simulator (its SQL procedures and interface views behind
// the fault proxy), the view in PGlite. One simulator for the file: the tests run in order and
// share it; each that needs a clean view opens its own.

import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { BillingPort } from '../../adapters/billing/billing.adapter.ts';
import { startSimulator, type SimulatorHandle } from '../../simulator/index.ts';
import { BillingCycleRepository, type Database } from '../store/index.ts';
import {
  BILLING_CYCLE_NOT_READY,
  runBillingCycleStep,
  startBillingCycle,
  type BillingCycleCounts,
  type BillingCycleDeps,
  type BillingCycleState,
} from './billing-cycle.sync.ts';
import { connectHubToSimulator, type HubOverSimulator } from './test-kit.ts';

let sim: SimulatorHandle;
let hub: HubOverSimulator;
let cycle: number;
let previousCycle: number;
let oldestCycle: number;

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
const simRows = async <R = Record<string, unknown>>(sql: string, params: unknown[] = []) => (await sim.db.billing.query<R>(sql, params)).rows;

beforeAll(async () => {
  const t0 = Date.now();
  sim = await startSimulator({ size: 'tiny', preparationMs: 200 });
  // Small batches: the tiny province's ~1 400 charges of a cycle then arrive in 14 batches.
  hub = await connectHubToSimulator(sim, { fetchSize: 100 });
  const [latest] = await simRows<{ c: string }>(`SELECT max("CALLTIME")::text AS c FROM bill_call`);
  cycle = Number(latest?.c);
  const [before] = await simRows<{ c: string }>(`SELECT max("CALLTIME")::text AS c FROM bill_fee WHERE "CALLTIME" < $1`, [cycle]);
  previousCycle = Number(before?.c);
  const [oldest] = await simRows<{ c: string }>(`SELECT min("CALLTIME")::text AS c FROM bill_fee`);
  oldestCycle = Number(oldest?.c);
  console.log(`simulator up in ${Date.now() - t0} ms; cycles ${previousCycle}, ${cycle}`);
});

afterAll(async () => {
  await hub?.close();
  await sim?.stop();
});

interface Drive {
  result: BillingCycleCounts;
  /** What the caller persisted last (JSON round trip, as the job data would hold it). */
  persisted: BillingCycleState;
  alerts: Array<{ kind: string; detail: Record<string, unknown> }>;
}

function deps(db: Database, billing: BillingPort, extra: Partial<BillingCycleDeps> = {}): BillingCycleDeps {
  return { billing, db, alert: async () => undefined, pollIntervalMs: 50, deadlineMs: 60_000, paymentBatchSize: 25, ...extra };
}

/** The job layer in miniature: persist every checkpoint, wait as told, re-enter with what was persisted. */
async function drive(d: BillingCycleDeps, state: BillingCycleState, persisted: { state: BillingCycleState } = { state }): Promise<Drive> {
  const alerts: Drive['alerts'] = [];
  const withHooks: BillingCycleDeps = {
    ...d,
    onCheckpoint: async (s) => void (persisted.state = structuredClone(s)),
    alert: async (kind, detail) => {
      alerts.push({ kind, detail });
      await d.alert(kind, detail);
    },
  };
  for (let i = 0; i < 200; i++) {
    const out = await runBillingCycleStep(withHooks, structuredClone(persisted.state));
    persisted.state = structuredClone(out.state);
    if ('done' in out) return { result: out.done, persisted: persisted.state, alerts };
    await sleep(out.delayMs);
  }
  throw new Error('the cycle did not finish in 200 steps');
}

async function viewFigures(db: Database, c: number) {
  const { rows } = await db.query<{ charges: number; charge_sum: string; cdrs: number; cdr_sum: string; tops: number; top_sum: string }>(
    `SELECT (SELECT count(*)::int FROM hub.charge WHERE billing_cycle = $1) AS charges,
            (SELECT coalesce(sum(amount), 0)::text FROM hub.charge WHERE billing_cycle = $1) AS charge_sum,
            (SELECT count(*)::int FROM hub.call_detail_record WHERE billing_cycle = $1) AS cdrs,
            (SELECT coalesce(sum(amount), 0)::text FROM hub.call_detail_record WHERE billing_cycle = $1) AS cdr_sum,
            (SELECT count(*)::int FROM hub.top_contract WHERE billing_cycle = $1) AS tops,
            (SELECT coalesce(sum(amount), 0)::text FROM hub.top_contract WHERE billing_cycle = $1) AS top_sum`,
    [c],
  );
  const row = rows[0];
  const money = (s: string | undefined) => Number(s).toFixed(2);
  return { charges: Number(row?.charges), charge_sum: money(row?.charge_sum), cdrs: Number(row?.cdrs), cdr_sum: money(row?.cdr_sum),
    tops: Number(row?.tops), top_sum: money(row?.top_sum) };
}

async function legacyFigures(c: number) {
  const [row] = await simRows<{ charges: string; charge_sum: string; cdrs: string; cdr_sum: string; tops: string; top_sum: string }>(
    `SELECT (SELECT count(*) FROM bill_fee WHERE "CALLTIME" = $1)::int AS charges,
            (SELECT coalesce(sum("COST"), 0) FROM bill_fee WHERE "CALLTIME" = $1)::text AS charge_sum,
            (SELECT count(*) FROM bill_call WHERE "CALLTIME" = $1)::int AS cdrs,
            (SELECT coalesce(sum("COST"), 0) FROM bill_call WHERE "CALLTIME" = $1)::text AS cdr_sum,
            (SELECT count(*) FROM bill_top1000 WHERE "CALLTIME" = $1)::int AS tops,
            (SELECT coalesce(sum("COST"), 0) FROM bill_top1000 WHERE "CALLTIME" = $1)::text AS top_sum`,
    [c],
  );
  const money = (s: string | undefined) => Number(s).toFixed(2);
  return { charges: Number(row?.charges), charge_sum: money(row?.charge_sum), cdrs: Number(row?.cdrs), cdr_sum: money(row?.cdr_sum),
    tops: Number(row?.tops), top_sum: money(row?.top_sum) };
}

/** Everything the cycle put into the view, as one digest per table (confirmation times left out). */
async function checksum(db: Database, c: number) {
  const digest = async (sql: string) => (await db.query<{ d: string; n: number }>(`SELECT md5(coalesce(string_agg(t, E'\\n' ORDER BY t), '')) AS d, count(*)::int AS n FROM (${sql}) x(t)`, [c])).rows[0];
  return {
    charges: await digest(`SELECT concat_ws('|', service_number, account_number, vip_number, item_code, category, amount) FROM hub.charge WHERE billing_cycle = $1`),
    cdrs: await digest(`SELECT concat_ws('|', vip_number, service_number, called_number, call_type, called_area, started_at, account_number, duration_seconds, amount) FROM hub.call_detail_record WHERE billing_cycle = $1`),
    tops: await digest(`SELECT concat_ws('|', account_number, amount) FROM hub.top_contract WHERE billing_cycle = $1`),
    payments: await digest(`SELECT concat_ws('|', account_number, paid_date) FROM hub.payment_status WHERE billing_cycle = $1`),
    quarantine: await digest(`SELECT concat_ws('|', point_id, raw_row::text, reasons::text) FROM hub.quarantine WHERE state = 'open' AND $1::int IS NOT NULL`),
  };
}

/** Wraps one interface table so its read throws after `afterBatches` batches, like a worker killed mid-stream. */
function failingAfter<K extends 'VIP_FEE' | 'CALL_LIST'>(billing: BillingPort, table: K, afterBatches: number, reads: { n: number }): BillingPort {
  const inner = billing[table].bind(billing);
  const wrapped = async function* (c: number) {
    reads.n += 1;
    let n = 0;
    for await (const batch of inner(c)) {
      if (n++ === afterBatches) throw new Error(`injected: ${table} cut off after ${afterBatches} batches`);
      yield batch;
    }
  };
  return { ...billing, [table]: wrapped } as BillingPort;
}

describe('billing cycle against the simulator', () => {
  it('loads two cycles: charges, call records, top contracts and arrears equal the legacy; a second run is a no-op', async () => {
    for (const c of [previousCycle, cycle]) {
      const t0 = Date.now();
      const { result, alerts } = await drive(deps(hub.db, hub.billing), startBillingCycle(c));
      console.log(`cycle ${c} loaded in ${Date.now() - t0} ms`, JSON.stringify(result));
      expect(alerts).toEqual([]);
      const legacy = await legacyFigures(c);
      expect(await viewFigures(hub.db, c)).toEqual(legacy);
      expect(result).toMatchObject({ noop: false, loaded: { charge: legacy.charges, call_detail_record: legacy.cdrs, top_contract: legacy.tops }, quarantined: {} });

      const paid = await simRows<{ acc: string; paid: string | null }>(
        `SELECT "CONTRACTNO" AS acc, paid_date::text AS paid FROM bill_payment WHERE "CALLTIME" = $1 ORDER BY 1`, [c]);
      const { rows: view } = await hub.db.query<{ acc: string; paid: string | null }>(
        `SELECT account_number AS acc, to_char(paid_date, 'YYYYMMDD') AS paid FROM hub.payment_status WHERE billing_cycle = $1 ORDER BY 1`, [c]);
      expect(view).toEqual(paid);
      expect(result.payments).toEqual({ accounts: paid.length, paid: paid.filter((p) => p.paid).length, arrears: paid.filter((p) => !p.paid).length, failed: 0 });
    }

    let requests = 0;
    const counting: BillingPort = { ...hub.billing, VIPJF_SET_REQUEST: async (c) => (requests++, hub.billing.VIPJF_SET_REQUEST(c)) };
    const again = await drive(deps(hub.db, counting), startBillingCycle(cycle));
    expect(again.result.noop).toBe(true);
    expect(requests).toBe(0);
  });

  it('a reader during a forced reload sees the old cycle, then the new one, never a mix', async () => {
    const before = await viewFigures(hub.db, cycle);
    await sim.db.billing.query(`UPDATE bill_fee SET "COST" = "COST" + 1 WHERE "CALLTIME" = $1`, [cycle]);
    await sim.db.billing.query(`UPDATE bill_call SET "COST" = "COST" + 1 WHERE "CALLTIME" = $1`, [cycle]);
    const expected = await legacyFigures(cycle);
    let streaming = false;
    const slow = <T>(read: (c: number) => AsyncIterable<T>) => async function* (c: number) {
      for await (const batch of read(c)) {
        streaming = true;
        await sleep(25);
        yield batch;
      }
    };
    const billing: BillingPort = { ...hub.billing, VIP_FEE: slow(hub.billing.VIP_FEE), CALL_LIST: slow(hub.billing.CALL_LIST) };
    const seen: Array<{ streaming: boolean; figures: Awaited<ReturnType<typeof viewFigures>> }> = [];
    let finished = false;
    const reader = (async () => {
      while (!finished) {
        // One statement: one snapshot of the three tables.
        seen.push({ streaming, figures: await viewFigures(hub.db, cycle) });
        await sleep(5);
      }
    })();
    const { result } = await drive(deps(hub.db, billing), startBillingCycle(cycle, { force: true }));
    finished = true;
    await reader;
    seen.push({ streaming, figures: await viewFigures(hub.db, cycle) });

    expect(result.noop).toBe(false);
    expect(seen.at(-1)?.figures).toEqual(expected);
    expect(expected.charge_sum).not.toBe(before?.charge_sum);
    for (const s of seen) expect([before, expected]).toContainEqual(s.figures);
    const oldWhileStreaming = seen.filter((s) => s.streaming && s.figures?.charge_sum === before?.charge_sum).length;
    console.log(`reader: ${seen.length} reads, ${oldWhileStreaming} of the old cycle while the new one streamed`);
    expect(oldWhileStreaming).toBeGreaterThan(3);
  });

  let reference: Database;
  it('bad rows on JF-5 are quarantined with reasons; everything else is loaded', async () => {
    sim.faults.set('JF-5', { badRows: { rate: 0.05, kinds: ['overLength', 'badEncoding', 'missingRequired', 'duplicateKey'] } });
    await sim.faultsSettled();
    reference = await hub.openView();
    const { result } = await drive(deps(reference, hub.billing), startBillingCycle(cycle));
    const legacy = await legacyFigures(cycle);
    const { rows: entries } = await reference.query<{ point_id: string; reasons: Array<{ code: string; message: string }>; raw_row: object; subject: string }>(
      `SELECT point_id, reasons, raw_row, subject FROM hub.quarantine WHERE state = 'open'`);
    console.log(`badRows: ${entries.length} quarantined`, JSON.stringify(result.quarantined), JSON.stringify(entries.slice(0, 3)));
    expect(entries.length).toBeGreaterThan(20);
    expect(new Set(entries.map((e) => `${e.point_id} ${e.subject}`))).toEqual(new Set([`JF-5 cycle:${cycle}`]));
    expect(result.quarantined).toEqual({ 'JF-5': entries.length });
    for (const e of entries) {
      expect(e.reasons.length).toBeGreaterThan(0);
      for (const r of e.reasons) expect(r.message.length).toBeGreaterThan(0);
    }
    const codes = new Set(entries.flatMap((e) => e.reasons.map((r) => r.code)));
    expect(codes).toContain('contract_violation');
    expect(codes).toContain('duplicate_key');
    // Each legacy row is either in the view or in quarantine; a duplicate's second copy is quarantined.
    const duplicates = entries.filter((e) => e.reasons.some((r) => r.code === 'duplicate_key')).length;
    const figures = await viewFigures(reference, cycle);
    expect(figures.charges + entries.length - duplicates).toBe(legacy.charges);
    expect(figures).toMatchObject({ cdrs: legacy.cdrs, cdr_sum: legacy.cdr_sum, tops: legacy.tops, top_sum: legacy.top_sum });
  });

  it('a load cut off mid-stream (twice) resumes to the same view and quarantine as the uninterrupted run', async () => {
    const resumed = await hub.openView();
    const feeReads = { n: 0 };
    const cdrReads = { n: 0 };
    const persisted = { state: startBillingCycle(cycle) };
    const failures: string[] = [];
    const attempts: BillingPort[] = [
      // The load streams the call records first, then the charges.
      failingAfter(hub.billing, 'CALL_LIST', 2, cdrReads),
      failingAfter(failingAfter(hub.billing, 'CALL_LIST', 1_000, cdrReads), 'VIP_FEE', 3, feeReads),
    ];
    for (const billing of attempts) {
      await drive(deps(resumed, billing), persisted.state, persisted).then(
        () => expect.fail('the injected error did not reach the caller'),
        (err: Error) => failures.push(err.message),
      );
      expect(persisted.state.step).toBe('load');
    }
    const load = await new BillingCycleRepository(resumed).get(cycle);
    expect(load).toMatchObject({ state: 'failed', loadedRows: { call_detail_record: expect.any(Number) } });
    const last = failingAfter(failingAfter(hub.billing, 'VIP_FEE', 1_000, feeReads), 'CALL_LIST', 1_000, cdrReads);
    const { result } = await drive(deps(resumed, last), persisted.state, persisted);

    expect(failures).toEqual(['injected: CALL_LIST cut off after 2 batches', 'injected: VIP_FEE cut off after 3 batches']);
    // The third attempt kept the call records the second one staged completely, and re-read the charges.
    expect(feeReads.n).toBe(2);
    expect(cdrReads.n).toBe(2);
    const expected = await checksum(reference, cycle);
    const actual = await checksum(resumed, cycle);
    console.log('checksums', JSON.stringify(actual));
    expect(actual).toEqual(expected);
    expect(actual.quarantine?.n).toBeGreaterThan(0);
    expect(result.quarantined).toEqual({ 'JF-5': actual.quarantine?.n });
    sim.faults.clear('JF-5');
    await sim.faultsSettled();
  });

  it('a call record of another cycle in the read is quarantined alone; the rest of the cycle loads', async () => {
    sim.faults.clear();
    await sim.faultsSettled();
    const view = await hub.openView();
    let moved = 0;
    const inner = hub.billing.CALL_LIST.bind(hub.billing);
    // Every 40th row of the read claims the previous cycle, as a mis-filled interface table would.
    const billing: BillingPort = {
      ...hub.billing,
      CALL_LIST: async function* (c: number) {
        let n = 0;
        for await (const batch of inner(c)) {
          yield batch.map((r) => (r.ok && ++n % 40 === 0 ? (moved++, { ok: true as const, row: { ...r.row, CallTime: previousCycle } }) : r));
        }
      },
    };
    const { result } = await drive(deps(view, billing), startBillingCycle(cycle));
    const legacy = await legacyFigures(cycle);
    expect(moved).toBeGreaterThan(5);
    expect(result.quarantined).toEqual({ 'JF-7': moved });
    expect(result.loaded.call_detail_record).toBe(legacy.cdrs - moved);
    expect((await viewFigures(view, cycle)).cdrs).toBe(legacy.cdrs - moved);
    const { rows } = await view.query<{ raw_row: Record<string, unknown>; reasons: Array<{ code: string; field: string; message: string }> }>(
      `SELECT raw_row, reasons FROM hub.quarantine WHERE state = 'open' AND point_id = 'JF-7'`);
    expect(rows).toHaveLength(moved);
    for (const r of rows) {
      expect(r.raw_row.CallTime).toBe(previousCycle);
      expect(r.reasons).toEqual([{ code: 'invalid_value', field: 'CallTime', message: `row of cycle ${previousCycle} in the read of cycle ${cycle}` }]);
    }
  });

  it('neverReady: polls past the deadline, alerts once (also across a restart), keeps the request open, loads once ready', async () => {
    sim.faults.clear();
    sim.faults.set('JF-2', { neverReady: true });
    await sim.faultsSettled();
    const c = oldestCycle;
    const d = deps(hub.db, hub.billing, { deadlineMs: 300, pollIntervalMs: 50 });
    const persisted = { state: startBillingCycle(c) };
    const alerts: unknown[] = [];
    const hooks: BillingCycleDeps = { ...d, onCheckpoint: async (s) => void (persisted.state = structuredClone(s)), alert: async (kind, detail) => void alerts.push({ kind, detail }) };
    const started = Date.now();
    let last;
    while (Date.now() - started < 900) {
      last = await runBillingCycleStep(hooks, structuredClone(persisted.state));
      persisted.state = structuredClone(last.state);
      if ('done' in last) break;
      await sleep(last.delayMs);
    }
    expect(last && 'next' in last ? last.next : 'done').toBe('poll');
    expect(alerts).toEqual([{ kind: BILLING_CYCLE_NOT_READY, detail: expect.objectContaining({ cycle: c }) }]);
    expect(persisted.state).toMatchObject({ step: 'poll', alerted: true });
    expect(persisted.state.polls).toBeGreaterThan(5);
    expect(await new BillingCycleRepository(hub.db).get(c)).toMatchObject({ state: 'requested' });

    // A restarted worker re-enters with the persisted state: no second alert.
    const again = await runBillingCycleStep(hooks, structuredClone(persisted.state));
    expect('next' in again).toBe(true);
    expect(alerts).toHaveLength(1);

    sim.faults.clear('JF-2');
    await sim.faultsSettled();
    const { result } = await drive(d, again.state);
    expect(result.loaded.charge).toBe((await legacyFigures(c)).charges);
    expect(await new BillingCycleRepository(hub.db).get(c)).toMatchObject({ state: 'switched' });
  });
});
