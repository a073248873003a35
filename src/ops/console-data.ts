// What the console page shows, read at each request: each part on its own, so a store that does not
// answer leaves its sections saying so while readiness and the breakers still show. Quarantined rows
// are listed without their raw legacy row: it carries names and phone numbers, and the console is an
// operations tool, not a window on personal data (`npm run hub -- quarantine` shows rows to those who
// need them).

import type { LegacyResilience, PolicyStats } from '../../adapters/transport/resilience.ts';
import type { ReadinessRegistry, ReadinessReport } from '../platform/readiness.ts';
import {
  BillingCycleRepository,
  QuarantineRepository,
  SyncRunRepository,
  SyncStateRepository,
  type BillingCycleLoad,
  type QuarantineCount,
  type SyncRun,
  type Queryable,
} from '../store/index.ts';
import type { QuarantineEntry } from '../domain/index.ts';
import { cursorTime } from './metrics.ts';

export interface ConsoleSources {
  db: Queryable;
  readiness: ReadinessRegistry;
  resilience?: LegacyResilience;
  systems?: readonly string[];
  now?: () => Date;
}

export type Part<T> = { ok: true; value: T } | { ok: false; error: string };

export interface StreamRow {
  stream: string;
  cursor: unknown;
  updatedAt: Date;
  coveredUntil: Date;
  lagSeconds: number;
}

export interface ConsoleSnapshot {
  at: Date;
  readiness: Part<ReadinessReport>;
  breakers: { system: string; stats: PolicyStats }[];
  streams: Part<StreamRow[]>;
  runs: Part<SyncRun[]>;
  cycles: Part<BillingCycleLoad[]>;
  quarantineCounts: Part<QuarantineCount[]>;
  quarantineOpen: Part<{ total: number; newest: QuarantineEntry[] }>;
}

export const RECENT_RUNS = 15;
export const NEWEST_QUARANTINE = 10;
export const CYCLES_SHOWN = 12;

export async function loadConsoleSnapshot(sources: ConsoleSources): Promise<ConsoleSnapshot> {
  const at = (sources.now ?? (() => new Date()))();
  const { db } = sources;
  const quarantine = new QuarantineRepository(db);
  // In sequence: an embedded PGlite answers one query at a time anyway, and a server pool is spared.
  const streams = await part(async () =>
    (await new SyncStateRepository(db).list()).map((s) => {
      const coveredUntil = cursorTime(s.cursor, s.updatedAt);
      return { ...s, coveredUntil, lagSeconds: Math.max(0, Math.round((at.getTime() - coveredUntil.getTime()) / 1000)) };
    }),
  );
  const runs = await part(() => new SyncRunRepository(db).listRecent(undefined, RECENT_RUNS));
  const cycles = await part(async () => (await new BillingCycleRepository(db).list()).slice(0, CYCLES_SHOWN));
  const quarantineCounts = await part(() => quarantine.countByPointAndReason({ state: 'open' }));
  const quarantineOpen = await part(async () => {
    const page = await quarantine.list({ state: 'open' }, { limit: NEWEST_QUARANTINE });
    return { total: Number(page.total), newest: page.items };
  });
  const readiness = await part(() => sources.readiness.run());
  const breakers = (sources.systems ?? []).flatMap((system) => (sources.resilience ? [{ system, stats: sources.resilience.stats(system) }] : []));
  return { at, readiness, breakers, streams, runs, cycles, quarantineCounts, quarantineOpen };
}

async function part<T>(read: () => Promise<T>): Promise<Part<T>> {
  try {
    return { ok: true, value: await read() };
  } catch (error) {
    return { ok: false, error: error instanceof Error ? error.message : String(error) };
  }
}
