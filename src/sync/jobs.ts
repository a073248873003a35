// The job catalogue: every sync of the read path declared once, run by the BullMQ workers of the hub
// (and of extra worker processes), by the inline driver in tests and by the CLI. Handlers are thin:
// the sync functions do the work, the job layer keeps their checkpoints in the job's data so a run
// killed half-way resumes where it stopped.

import { z } from 'zod';
import type { JobCatalogueServices } from '../jobs/worker-command.ts';
import { defineJob, type AnyJobDefinition } from '../jobs/job-definition.ts';
import type { JobContext } from '../jobs/job-context.ts';
import { legacyEndpointsOf, openHubServices, type HubServices } from '../hub/services.ts';
import { QuarantineRepository } from '../store/index.ts';
import { runBillingCycleStep, startBillingCycle, type BillingCycleState } from './billing-cycle.sync.ts';
import { billingReplayers } from './billing-replay.ts';
import { replayQuarantine, sys97Replayers } from './quarantine-replay.ts';
import { reconcile } from './reconcile.ts';
import { runChangeSync, type ChangeCheckpoint } from './sys97-change.sync.ts';
import { readCustomer } from './customer.sync.ts';
import { runFinishedTicketSync, runOpenTicketSweep, type FinishedCheckpoint } from './trouble-ticket.sync.ts';
import { ticketReplayers } from './ticket-replay.ts';
import { runWorkOrderHistorySync } from './work-order-history.sync.ts';
import { runWorkOrderSweep } from './work-order.sync.ts';

export interface SyncJobOptions {
  /** Billing: from the request to the administrators' alert. */
  billingDeadlineMs?: number;
  billingPollIntervalMs?: number;
  /**
   * Worker lock of every sync job. BullMQ renews it on a timer while the handler awaits legacy calls,
   * so it need not outlast the longest call: it bounds how long a crashed worker's job waits before
   * another worker takes it over.
   */
  lockDurationMs?: number;
}

const MINUTE = 60_000;
const noData = z.object({}).strict();
const retrying = { attempts: 5, backoff: { type: 'exponential' as const, delayMs: 30_000 } };

/** The billing cycle that closed most recently: the first day of last month, Shanghai time. */
export function lastClosedCycle(now = new Date()): number {
  const shanghai = new Date(now.getTime() + 8 * 3600_000);
  const y = shanghai.getUTCFullYear();
  const m = shanghai.getUTCMonth(); // 0-based: last month is m (1-based) of the same or previous year
  return m === 0 ? (y - 1) * 10000 + 1201 : y * 10000 + m * 100 + 1;
}

export function syncJobs(services: () => Promise<HubServices>, options: SyncJobOptions = {}): AnyJobDefinition[] {
  const lock = options.lockDurationMs ?? MINUTE;
  const changeSync = (mode: 'incremental' | 'full') => async (ctx: JobContext<ChangeCheckpoint>) => {
    const { db, legacy } = await services();
    return runChangeSync(legacy.sys97, db, {
      mode, runId: ctx.jobId, checkpoint: ctx.checkpoint ?? null, signal: ctx.signal,
      onCheckpoint: (cp) => ctx.progress(cp),
    });
  };
  return [
    defineJob({
      name: 'sys97.incremental', queue: 'sys97', schema: noData, idempotencyKey: () => 'sys97.change',
      retry: retrying, lockDurationMs: lock, handler: changeSync('incremental'),
    }),
    defineJob({
      name: 'sys97.full', queue: 'sys97', schema: noData, idempotencyKey: () => 'sys97.full',
      retry: retrying, lockDurationMs: lock, handler: changeSync('full'),
    }),
    defineJob({
      name: 'sys97.customer', queue: 'sys97', schema: z.object({ vip: z.string().min(1).max(20) }),
      idempotencyKey: (d) => `customer-${d.vip}`, retry: retrying, lockDurationMs: lock,
      handler: async (ctx, data) => {
        const { db, legacy } = await services();
        const plan = await readCustomer(legacy.sys97, db, data.vip, { runId: ctx.jobId, now: new Date() });
        await db.transaction((tx) => plan.apply(tx));
        return plan.outcome;
      },
    }),
    defineJob({
      name: 'sys97.open-work-orders', queue: 'sys97', schema: noData, idempotencyKey: () => 'sys97.open-work-orders',
      retry: retrying, lockDurationMs: lock,
      handler: async (ctx) => {
        const { db, legacy } = await services();
        return runWorkOrderSweep(legacy.sys97, db, { runId: ctx.jobId });
      },
    }),
    defineJob({
      name: 'sys97.work-order-history', queue: 'sys97', schema: noData, idempotencyKey: () => 'sys97.work-order-history',
      retry: retrying, lockDurationMs: lock,
      handler: async (ctx) => {
        const { db, legacy } = await services();
        return runWorkOrderHistorySync(legacy.sys97, db, { runId: ctx.jobId });
      },
    }),
    defineJob<{ cycle?: number | undefined; force?: boolean | undefined }, unknown, BillingCycleState>({
      name: 'billing.cycle', queue: 'billing',
      schema: z.object({ cycle: z.number().int().min(19000101).max(20991231).optional(), force: z.boolean().optional() }),
      idempotencyKey: (d) => `cycle-${d.cycle ?? lastClosedCycle()}`, retry: retrying, lockDurationMs: lock,
      handler: async (ctx, data) => {
        const { db, legacy } = await services();
        const state = ctx.checkpoint ?? startBillingCycle(data.cycle ?? lastClosedCycle(), { force: data.force === true, runId: ctx.jobId });
        const result = await runBillingCycleStep(
          {
            billing: legacy.billing, db, signal: ctx.signal, concurrentTables: legacy.tableStreams > 1,
            deadlineMs: options.billingDeadlineMs, pollIntervalMs: options.billingPollIntervalMs,
            onCheckpoint: (s) => ctx.progress(s),
            alert: async (kind, detail) => {
              // A deadline already behind us raises the job's one alert of this code.
              await ctx.deadline(0, { code: kind, message: `billing cycle ${state.cycle} is not ready by its deadline`, details: detail });
            },
          },
          state,
        );
        if ('next' in result) {
          await ctx.progress(result.state);
          return ctx.pollLater(result.delayMs, 'poll');
        }
        return result.done;
      },
    }),
    defineJob({
      name: 'cs1000.open-tickets', queue: 'cs1000', schema: noData, idempotencyKey: () => 'cs1000.open-tickets',
      retry: retrying, lockDurationMs: lock,
      handler: async (ctx) => {
        const { db, legacy } = await services();
        return runOpenTicketSweep(legacy.cs1000, db, { runId: ctx.jobId });
      },
    }),
    defineJob<Record<string, never>, unknown, FinishedCheckpoint>({
      name: 'cs1000.finished-tickets', queue: 'cs1000', schema: noData, idempotencyKey: () => 'cs1000.finished-tickets',
      retry: retrying, lockDurationMs: lock,
      handler: async (ctx) => {
        const { db, legacy } = await services();
        return runFinishedTicketSync(legacy.cs1000, db, {
          runId: ctx.jobId, checkpoint: ctx.checkpoint ?? null, signal: ctx.signal, onCheckpoint: (cp) => ctx.progress(cp),
        });
      },
    }),
    defineJob({
      name: 'hub.reconcile', queue: 'hub', schema: z.object({ sample: z.number().int().positive().optional() }),
      idempotencyKey: (d) => `reconcile-${d.sample ?? "all"}`, retry: { attempts: 1, backoff: { type: 'fixed', delayMs: 0 } },
      lockDurationMs: lock,
      handler: async (_ctx, data) => {
        const { db, legacy } = await services();
        return reconcile({ sys97: legacy.sys97, cs1000: legacy.cs1000 }, db, data.sample === undefined ? {} : { sample: data.sample });
      },
    }),
    defineJob({
      name: 'hub.quarantine-list', queue: 'hub',
      schema: z.object({ pointId: z.string().max(10).optional(), limit: z.number().int().min(1).max(1000).optional() }),
      idempotencyKey: (d) => `quarantine-list-${d.pointId ?? 'all'}-${d.limit ?? 20}`, retry: { attempts: 1, backoff: { type: 'fixed', delayMs: 0 } },
      lockDurationMs: lock,
      handler: async (_ctx, data) => {
        const { db } = await services();
        const repo = new QuarantineRepository(db);
        const filter = { ...(data.pointId ? { pointId: data.pointId } : {}), state: 'open' as const };
        return { counts: await repo.countByPointAndReason(filter), page: await repo.list(filter, { limit: data.limit ?? 20 }) };
      },
    }),
    defineJob({
      name: 'hub.quarantine-replay', queue: 'hub', schema: z.object({ pointId: z.string().max(10).optional() }),
      idempotencyKey: (d) => `replay-${d.pointId ?? "all"}`, retry: { attempts: 1, backoff: { type: 'fixed', delayMs: 0 } },
      lockDurationMs: lock,
      handler: async (ctx, data) => {
        const { db, legacy } = await services();
        const replayers = { ...sys97Replayers(legacy.sys97, db), ...billingReplayers(legacy.billing, db), ...ticketReplayers(legacy.cs1000, db) };
        return replayQuarantine(db, replayers, { runId: ctx.jobId, filter: data.pointId ? { pointId: data.pointId } : {} });
      },
    }),
  ];
}

/** The default catalogue of `npm run hub -- worker`: opens its own store and legacy connections. */
export default function jobs({ config, shutdown }: JobCatalogueServices): AnyJobDefinition[] {
  let opened: Promise<HubServices> | undefined;
  const services = () =>
    (opened ??= openHubServices(config, legacyEndpointsOf(config)).then((s) => {
      shutdown.register('hub services', () => s.close());
      return s;
    }));
  return syncJobs(services);
}
