// One billing cycle from billing into the view, as a step machine the job layer drives:
//   request (JF-1) → poll (JF-2, re-entered after a delay until ready) → load → payments → done.
// The caller persists the state it is handed (onCheckpoint, and with every `next: 'poll'`), so a
// worker that dies anywhere resumes at the last step it reached:
// - poll: the deadline is part of the state, so a restart neither moves it nor alerts twice.
// - load: the reference tables commit with their quarantine in one transaction; the cycle tables go
//   through BillingCycleRepository.loadCycle, whose next attempt keeps the tables an earlier attempt
//   staged completely and re-reads the others. The quarantine entries a half-read table left behind
//   are removed before that table is read again (they carry this run's id), so a resumed load ends
//   with the same view and the same quarantine as an uninterrupted one.
// - payments: accounts in sorted order, one transaction per batch, the last account done in state.
// Nothing of a cycle is held in memory: adapter batches are checked, mapped and written by the COPY
// one at a time (the canonical call records and charges through COPY lanes, cycle-lanes.ts), and their
// rejects go to the quarantine as they pass.

import { randomUUID } from 'node:crypto';
import type { BillingPort } from '../../adapters/billing/billing.adapter.ts';
import type { CheckedRow } from '../../adapters/shared/point-caller.ts';
import { LegacyError } from '../../adapters/transport/errors.ts';
import { mapperFor, mapRows, rowMapper, type MappingContext } from '../../mappings/index.ts';
import type { AreaCode, ChargeItem, PaymentStatus, PrivateNetwork } from '../domain/index.ts';
import {
  BillingCycleRepository,
  PaymentRepository,
  QuarantineRepository,
  ReferenceRepository,
  type CycleRows,
  type CycleTable,
  type Database,
  type NewQuarantineEntry,
} from '../store/index.ts';
import { callListLane, vipFeeLane, type CycleLane } from './cycle-lanes.ts';
import { mappingReject, mappingRejects, splitChecked } from './quarantine-rows.ts';

export const BILLING_CYCLE_NOT_READY = 'billing.cycle-not-ready';
/** Quarantine subject of every row a cycle's run met: replay runs the cycle again. */
export const cycleSubject = (cycle: number): string => `cycle:${cycle}`;

export type BillingCycleStep = 'request' | 'poll' | 'load' | 'payments' | 'done';

export interface PaymentProgress {
  /** Last account whose status is committed, in sorted order. */
  lastAccount: string | null;
  accounts: number;
  paid: number;
  arrears: number;
  /** Accounts billing refused to answer for (permanent errors); they keep their old status. */
  failed: number;
}

export interface ReferenceCounts {
  areas: number;
  chargeItems: number;
  privateNetworks: number;
}

/** JSON-safe: the job layer stores it as is. */
export interface BillingCycleState {
  cycle: number;
  step: BillingCycleStep;
  force: boolean;
  /** Tags this run's quarantine entries (a resumed run keeps it). */
  runId: string;
  requestedAt: string | null;
  /** After it, an administrators' alert, and the request stays open. */
  deadline: string | null;
  alerted: boolean;
  polls: number;
  references: ReferenceCounts | null;
  /** Set (and checkpointed) before loadCycle is called: a switched cycle then is this run's switch. */
  loadStarted: boolean;
  loaded: Partial<Record<CycleTable, number>> | null;
  payments: PaymentProgress;
}

export interface BillingCycleCounts {
  cycle: number;
  /** The cycle was already switched in and the run was not forced: nothing was asked or written. */
  noop: boolean;
  polls: number;
  references: ReferenceCounts | null;
  loaded: Partial<Record<CycleTable, number>>;
  /** This run's open quarantine entries, by interface point. */
  quarantined: Record<string, number>;
  payments: Omit<PaymentProgress, 'lastAccount'>;
}

export type BillingCycleStepResult =
  | { next: 'poll'; delayMs: number; state: BillingCycleState }
  | { done: BillingCycleCounts; state: BillingCycleState };

export interface BillingCycleDeps {
  billing: BillingPort;
  db: Database;
  /** Raised once per run when the cycle is not ready by its deadline. */
  alert(kind: typeof BILLING_CYCLE_NOT_READY, detail: Record<string, unknown>): Promise<void>;
  /** Persist the state (the job's data): called at every step change and after each payment batch. */
  onCheckpoint?(state: BillingCycleState): Promise<void>;
  now?: () => Date;
  signal?: AbortSignal;
  /** From the request to the alert (default 6 h). */
  deadlineMs?: number;
  /** Between two readiness polls (default 60 s). */
  pollIntervalMs?: number;
  /** VIPJF_GET_QF calls in flight (default 8; keep it within the billing policy's bulkhead). */
  paymentConcurrency?: number;
  /** Accounts per committed payment batch (default 200). */
  paymentBatchSize?: number;
  /** Read the cycle's interface tables at once (LegacySystems.tableStreams > 1); default one by one. */
  concurrentTables?: boolean;
}

export function startBillingCycle(cycle: number, options: { force?: boolean; runId?: string | null } = {}): BillingCycleState {
  return {
    cycle, step: 'request', force: options.force === true, runId: options.runId ?? `billing-cycle:${cycle}:${randomUUID()}`,
    requestedAt: null, deadline: null, alerted: false, polls: 0, references: null, loadStarted: false, loaded: null,
    payments: { lastAccount: null, accounts: 0, paid: 0, arrears: 0, failed: 0 },
  };
}

export class BillingRequestRefusedError extends Error {
  constructor(readonly cycle: number) {
    super(`billing refused the request for cycle ${cycle} (VIPJF_SET_REQUEST answered 0: no charges for that cycle?)`);
  }
}

type CyclePoint = 'JF-5' | 'JF-7' | 'JF-8';
const POINT_OF: Record<CycleTable, CyclePoint> = { charge: 'JF-5', call_detail_record: 'JF-7', top_contract: 'JF-8' };
const RUN_POINTS = ['JF-3', 'JF-4', 'JF-6', 'JF-5', 'JF-7', 'JF-8', 'JF-12'];

/**
 * Runs the steps it can without waiting. Throws on a failure the job should retry (the state given
 * to the last onCheckpoint is where the retry starts).
 */
export async function runBillingCycleStep(deps: BillingCycleDeps, state: BillingCycleState): Promise<BillingCycleStepResult> {
  const now = deps.now ?? (() => new Date());
  const repo = new BillingCycleRepository(deps.db);
  const checkpoint = async () => deps.onCheckpoint?.(state);
  for (;;) {
    deps.signal?.throwIfAborted();
    switch (state.step) {
      case 'request': {
        const existing = await repo.get(state.cycle);
        if (existing?.state === 'switched' && !state.force) {
          return { done: { ...(await countsOf(deps.db, state)), noop: true, loaded: existing.loadedRows }, state };
        }
        if (!(await deps.billing.VIPJF_SET_REQUEST(state.cycle))) throw new BillingRequestRefusedError(state.cycle);
        const at = now();
        // false: an earlier run's load of this cycle was cut off; the load step below resumes it.
        await repo.request(state.cycle, at);
        state.requestedAt = at.toISOString();
        state.deadline = new Date(at.getTime() + (deps.deadlineMs ?? 6 * 3_600_000)).toISOString();
        state.step = 'poll';
        await checkpoint();
        break;
      }
      case 'poll': {
        state.polls += 1;
        if (await deps.billing.VIPJF_GET_REQUEST_READY(state.cycle)) {
          const load = await repo.get(state.cycle);
          if (load === null || load.state === 'requested' || load.state === 'ready') await repo.markReady(state.cycle, now());
          state.step = 'load';
          await checkpoint();
          break;
        }
        if (!state.alerted && state.deadline !== null && now().getTime() >= Date.parse(state.deadline)) {
          await deps.alert(BILLING_CYCLE_NOT_READY, {
            cycle: state.cycle, requestedAt: state.requestedAt, deadline: state.deadline, polls: state.polls,
            message: `billing cycle ${state.cycle} not ready by ${state.deadline}; the request stays open and polling goes on`,
          });
          state.alerted = true;
        }
        return { next: 'poll', delayMs: deps.pollIntervalMs ?? 60_000, state };
      }
      case 'load':
        await loadStep(deps, state, repo, now, checkpoint);
        break;
      case 'payments':
        await paymentsStep(deps, state, now, checkpoint);
        state.step = 'done';
        await checkpoint();
        break;
      case 'done':
        return { done: { ...(await countsOf(deps.db, state)), noop: false }, state };
    }
  }
}

async function loadStep(
  deps: BillingCycleDeps,
  state: BillingCycleState,
  repo: BillingCycleRepository,
  now: () => Date,
  checkpoint: () => Promise<void>,
): Promise<void> {
  const existing = await repo.get(state.cycle);
  if (state.loadStarted && existing?.state === 'switched') {
    // The switch committed but the crash came before the checkpoint that said so.
    state.loaded = existing.loadedRows;
  } else {
    const confirmedAt = now();
    if (state.references === null) {
      state.references = await loadReferences(deps, state, confirmedAt);
      await checkpoint();
    }
    const items = await new ReferenceRepository(deps.db).chargeItems();
    const itemNames = new Map(items.map((i) => [i.itemCode, i.name]));
    state.loadStarted = true;
    await checkpoint();
    const { billing, db } = deps;
    const source = <E extends { billingCycle: number }>(
      table: CycleTable, batches: () => AsyncIterable<CheckedRow<object>[]>, ctx: MappingContext, lane?: CycleLane<never>,
    ) => mappedBatches<E>(db, state, POINT_OF[table], batches, ctx, lane, deps.signal);
    state.loaded = await repo.loadCycle(
      state.cycle,
      {
        charges: source('charge', () => billing.VIP_FEE(state.cycle), { itemNames }, vipFeeLane(state.cycle, itemNames)),
        callDetailRecords: source('call_detail_record', () => billing.CALL_LIST(state.cycle), {}, callListLane(state.cycle)),
        topContracts: source('top_contract', () => billing.TOP1000_FEE(state.cycle), {}),
      },
      { confirmedAt, runId: state.runId, concurrentTables: deps.concurrentTables === true },
    );
  }
  state.step = 'payments';
  await checkpoint();
}

/**
 * One cycle table's rows, batch by batch, mapped as the COPY writes them (through the lane, where
 * there is one, for the rows it takes). Lazy: a table loadCycle keeps from an earlier attempt is
 * never read. Starting a read first drops what an earlier, cut-off read of the same table quarantined
 * in this run (the store drops that read's staging table likewise). A batch's rejects go to the
 * quarantine when the COPY asks for the next batch, i.e. once it has written this one.
 */
async function* mappedBatches<E extends { billingCycle: number }>(
  db: Database,
  state: BillingCycleState,
  pointId: CyclePoint,
  read: () => AsyncIterable<CheckedRow<object>[]>,
  ctx: MappingContext,
  lane: CycleLane<never> | undefined,
  signal?: AbortSignal,
): AsyncGenerator<CycleRows<object, E>> {
  await db.query(`DELETE FROM hub.quarantine WHERE run_id = $1 AND point_id = $2 AND state = 'open'`, [state.runId, pointId]);
  const quarantine = new QuarantineRepository(db);
  const { runId, cycle } = state;
  const subject = cycleSubject(cycle);
  for await (const batch of read()) {
    signal?.throwIfAborted();
    const split = splitChecked(pointId, batch, runId, subject);
    const rejected = split.rejected;
    // One key memory per batch (as mapRows had), shared by the lane and the general mapping.
    const keys = new Map<string, number>();
    const map = rowMapper(pointId, ctx, keys);
    const record = (row: object, index: number): E | undefined => {
      const mapped = map(row, index);
      if (!mapped.ok) {
        rejected.push(mappingReject(pointId, row, mapped.reasons, runId, subject));
        return undefined;
      }
      const value = mapped.value as unknown as E;
      if (value.billingCycle === cycle) return value;
      // The load refuses a foreign cycle's row as a whole: it is a quarantine case of its own.
      const reason = { code: 'invalid_value', field: 'CallTime', message: `row of cycle ${value.billingCycle} in the read of cycle ${cycle}` } as const;
      rejected.push(mappingReject(pointId, { ...row }, [reason], runId, subject));
      return undefined;
    };
    yield lane === undefined ? { rows: split.good, record } : { rows: split.good, record, lane: lane(keys) };
    if (rejected.length > 0) await quarantine.add(rejected);
  }
}

/** Reference tables are small: read whole, so duplicates across batches are caught, and replaced in one transaction. */
async function loadReferences(deps: BillingCycleDeps, state: BillingCycleState, confirmedAt: Date): Promise<ReferenceCounts> {
  const { runId } = state;
  const subject = cycleSubject(state.cycle);
  const rejected: NewQuarantineEntry[] = [];
  const read = async <E>(pointId: 'JF-3' | 'JF-4' | 'JF-6', batches: AsyncIterable<CheckedRow<object>[]>): Promise<E[]> => {
    const rows: CheckedRow<object>[] = [];
    for await (const batch of batches) rows.push(...batch);
    const split = splitChecked(pointId, rows, runId, subject);
    const mapped = mapRows(pointId, split.good);
    rejected.push(...split.rejected, ...mappingRejects(pointId, mapped, runId, subject));
    return mapped.values as E[];
  };
  const areas = await read<AreaCode>('JF-3', deps.billing.AREA());
  const items = await read<ChargeItem>('JF-4', deps.billing.ITEM());
  const networks = await read<PrivateNetwork>('JF-6', deps.billing.PRIVATE_NET());
  return deps.db.transaction(async (tx) => {
    const ref = new ReferenceRepository(tx);
    const counts = {
      areas: await ref.replaceAreas(areas, { sourcePoint: 'JF-3', confirmedAt }),
      chargeItems: await ref.replaceChargeItems(items, { sourcePoint: 'JF-4', confirmedAt }),
      privateNetworks: await ref.replacePrivateNetworks(networks, { sourcePoint: 'JF-6', confirmedAt }),
    };
    await tx.query(`DELETE FROM hub.quarantine WHERE run_id = $1 AND point_id = ANY($2::text[]) AND state = 'open'`, [runId, ['JF-3', 'JF-4', 'JF-6']]);
    await new QuarantineRepository(tx).add(rejected);
    return counts;
  });
}

/** Runs `fn` over `items` with at most `limit` calls in flight; answers in input order. */
async function mapLimit<T, R>(items: readonly T[], limit: number, fn: (item: T) => Promise<R>): Promise<R[]> {
  const out = new Array<R>(items.length);
  let next = 0;
  const worker = async () => {
    while (next < items.length) {
      const i = next++;
      out[i] = await fn(items[i] as T);
    }
  };
  await Promise.all(Array.from({ length: Math.max(1, Math.min(limit, items.length)) }, worker));
  return out;
}

/**
 * Payment status of every account the cycle billed (the view's charges of the cycle): an account
 * without a bill in the cycle has nothing to pay, and VIPJF_GET_QF would answer -1 for it too.
 */
async function paymentsStep(deps: BillingCycleDeps, state: BillingCycleState, now: () => Date, checkpoint: () => Promise<void>): Promise<void> {
  const p = state.payments;
  const batchSize = deps.paymentBatchSize ?? 200;
  const mapper = mapperFor('JF-12');
  for (;;) {
    deps.signal?.throwIfAborted();
    const { rows } = await deps.db.query<{ account_number: string }>(
      `SELECT DISTINCT account_number FROM hub.charge
        WHERE billing_cycle = $1 AND account_number IS NOT NULL AND ($2::text IS NULL OR account_number > $2)
        ORDER BY account_number LIMIT $3`,
      [state.cycle, p.lastAccount, batchSize],
    );
    if (rows.length === 0) return;
    const accounts = rows.map((r) => r.account_number);
    const answers = await mapLimit(accounts, deps.paymentConcurrency ?? 8, async (account) => {
      try {
        return { account, paid: await deps.billing.VIPJF_GET_QF(account, state.cycle) };
      } catch (err) {
        // Transient failures (after the policy's retries) fail the step: the retry resumes here.
        if (err instanceof LegacyError && !err.transient) return { account, error: err.message };
        throw err;
      }
    });
    const confirmedAt = now();
    const statuses: PaymentStatus[] = [];
    const rejected: NewQuarantineEntry[] = [];
    let failed = 0;
    for (const a of answers) {
      if ('error' in a) {
        failed += 1;
        continue;
      }
      const rawRow = { p_contract_nbr: a.account, p_cycle: state.cycle, p_result: a.paid ?? -1 };
      const mapped = mapper.map(rawRow, { accountNumber: a.account, billingCycle: state.cycle });
      if (mapped.ok) statuses.push(mapped.value);
      else rejected.push({ pointId: 'JF-12', rawRow, reasons: mapped.reasons, runId: state.runId, subject: cycleSubject(state.cycle) });
    }
    await deps.db.transaction(async (tx) => {
      // A batch committed just before a crash is asked again: its rejects must not count twice.
      await tx.query(
        `DELETE FROM hub.quarantine WHERE run_id = $1 AND point_id = 'JF-12' AND state = 'open' AND raw_row->>'p_contract_nbr' = ANY($2::text[])`,
        [state.runId, accounts],
      );
      await new PaymentRepository(tx).upsert(statuses, { sourcePoint: 'JF-12', confirmedAt });
      await new QuarantineRepository(tx).add(rejected);
    });
    p.accounts += accounts.length;
    p.paid += statuses.filter((s) => s.paidDate !== null).length;
    p.arrears += statuses.filter((s) => s.paidDate === null).length;
    p.failed += failed;
    p.lastAccount = accounts[accounts.length - 1] as string;
    await checkpoint();
  }
}

async function countsOf(db: Database, state: BillingCycleState): Promise<Omit<BillingCycleCounts, 'noop'>> {
  const { rows } = await db.query<{ point_id: string; n: number }>(
    `SELECT point_id, count(*)::int AS n FROM hub.quarantine WHERE run_id = $1 AND point_id = ANY($2::text[]) AND state = 'open' GROUP BY point_id`,
    [state.runId, RUN_POINTS],
  );
  const { accounts, paid, arrears, failed } = state.payments;
  return {
    cycle: state.cycle, polls: state.polls, references: state.references, loaded: state.loaded ?? {},
    quarantined: Object.fromEntries(rows.map((r) => [r.point_id, r.n])), payments: { accounts, paid, arrears, failed },
  };
}
