// Recurring jobs as BullMQ job schedulers, one per schedule name, cron in the legacy systems' time
// zone (the billing cycle "on the 3rd at 02:00" means Shanghai's 02:00 whatever the server's TZ).
// Upserting is idempotent by scheduler id, so every worker process may apply the configuration at
// start; schedulers of this hub that the configuration no longer names are removed.

import type { Queue } from 'bullmq';
import { LEGACY_TIME_ZONE } from '../config/config.ts';
import { jobOptionsOf, type BullmqJobDriver } from './bullmq.driver.ts';
import { envelopeOf } from './job-context.ts';
import { QUEUE_NAMES, type JobRegistry } from './job-definition.ts';

export interface ScheduleSpec {
  /** Cron, five fields (minute first) or six (seconds first). */
  pattern: string;
  job: string;
  data: unknown;
}

/**
 * What runs when, unless configured otherwise. The job names are those the sync handlers register;
 * a schedule whose job is not registered is reported, not guessed at.
 */
export const DEFAULT_SCHEDULES: Readonly<Record<string, ScheduleSpec>> = {
  // VIP97_GET_CHANGE is cheap and the view should trail the 97 system by minutes.
  'sys97.incremental': { pattern: '*/5 * * * *', job: 'sys97.incremental', data: {} },
  'sys97.open-work-orders': { pattern: '1-59/10 * * * *', job: 'sys97.open-work-orders', data: {} },
  'cs1000.open-tickets': { pattern: '3-59/10 * * * *', job: 'cs1000.open-tickets', data: {} },
  // Billing prepares a cycle in the first days of the month; the request then polls until ready.
  'billing.cycle': { pattern: '0 2 3 * *', job: 'billing.cycle', data: {} },
  // Finished faults and complaints per VIP: yesterday's window, at night when the 1000 service is quiet.
  'cs1000.finished-tickets': { pattern: '30 1 * * *', job: 'cs1000.finished-tickets', data: {} },
};

/** A schedule switched off in configuration. */
export const SCHEDULE_OFF = 'off';

/**
 * Applies configured cron strings (schedule name → cron, or `off`) over the defaults. Unknown names
 * are an error: a typo must not silently leave the default running.
 */
export function resolveSchedules(
  overrides: Readonly<Record<string, string>> = {},
  defaults: Readonly<Record<string, ScheduleSpec>> = DEFAULT_SCHEDULES,
): Record<string, ScheduleSpec> {
  const unknown = Object.keys(overrides).filter((name) => !(name in defaults));
  if (unknown.length > 0) {
    throw new Error(`unknown schedule(s) ${unknown.join(', ')}; known: ${Object.keys(defaults).join(', ')}`);
  }
  const resolved: Record<string, ScheduleSpec> = {};
  for (const [name, spec] of Object.entries(defaults)) {
    const pattern = overrides[name]?.trim() ?? spec.pattern;
    if (pattern === SCHEDULE_OFF) continue;
    resolved[name] = { ...spec, pattern };
  }
  return resolved;
}

export interface ApplySchedulesResult {
  upserted: string[];
  removed: string[];
  /** Schedules whose job is not registered in this process (left untouched). */
  skipped: string[];
}

export async function applySchedules(
  driver: BullmqJobDriver,
  registry: JobRegistry,
  schedules: Readonly<Record<string, ScheduleSpec>>,
  options: { tz?: string } = {},
): Promise<ApplySchedulesResult> {
  const tz = options.tz ?? LEGACY_TIME_ZONE;
  const result: ApplySchedulesResult = { upserted: [], removed: [], skipped: [] };
  const wanted = new Map<string, Queue>();
  for (const [id, spec] of Object.entries(schedules)) {
    if (!registry.has(spec.job)) {
      result.skipped.push(id);
      continue;
    }
    const { definition, data } = registry.prepare(spec.job, spec.data);
    const queue = driver.queue(definition.queue);
    try {
      await queue.upsertJobScheduler(id, { pattern: spec.pattern, tz }, {
        name: definition.name,
        data: envelopeOf(data),
        opts: jobOptionsOf(definition),
      });
    } catch (error) {
      throw new Error(`schedule "${id}" (${spec.pattern}): ${error instanceof Error ? error.message : String(error)}`, {
        cause: error,
      });
    }
    wanted.set(id, queue);
    result.upserted.push(id);
  }
  for (const name of QUEUE_NAMES) {
    const queue = driver.queue(name);
    for (const scheduler of await queue.getJobSchedulers()) {
      const keep = wanted.get(scheduler.key) === queue || result.skipped.includes(scheduler.key);
      if (keep) continue;
      await queue.removeJobScheduler(scheduler.key);
      result.removed.push(scheduler.key);
    }
  }
  return result;
}
