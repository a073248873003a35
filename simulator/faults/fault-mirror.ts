// Copies the FaultRegistry into each simulated database's sim_fault table, where the procedures and
// views read it, and restarts the point's errorRate count (sql/common/sim_runtime.sql) so a new
// configuration fails calls from its first call on. FaultRegistry.set is synchronous; the writes are
// queued here and the fault proxy waits on settled() before forwarding, so a statement sent after
// set() already meets the new configuration.

import type { SqlRunner } from '../sql-runner.ts';
import type { FaultConfig, FaultRegistry } from './fault-config.ts';

export interface FaultMirror {
  /** Resolves when every write queued so far is done; undefined when nothing is pending. */
  settled(): Promise<void> | undefined;
  stop(): void;
}

/** Interface point ids live in one system each: 97-* in sys97, JF-* in billing, CS-* in cs1000. */
function systemOf(point: string): 'sys97' | 'billing' | 'cs1000' | undefined {
  if (point.startsWith('97-')) return 'sys97';
  if (point.startsWith('JF-')) return 'billing';
  if (point.startsWith('CS-')) return 'cs1000';
  return undefined;
}

async function write(runner: SqlRunner, point: string, config: FaultConfig | undefined): Promise<void> {
  if (config === undefined) {
    await runner.query(`DELETE FROM sim_fault WHERE point_id = $1`, [point]);
  } else {
    await runner.query(
      `INSERT INTO sim_fault (point_id, config, updated_at) VALUES ($1, $2::jsonb, now())
       ON CONFLICT (point_id) DO UPDATE SET config = excluded.config, updated_at = excluded.updated_at`,
      [point, JSON.stringify(config)],
    );
  }
  const [{ seq } = { seq: '' }] = (await runner.query<{ seq: string }>(`SELECT sim_calls_sequence($1) AS seq`, [point])).rows;
  await runner.exec(`DROP SEQUENCE IF EXISTS "${seq.replace(/"/g, '""')}"; CREATE SEQUENCE "${seq.replace(/"/g, '""')}"`);
}

export function mirrorFaults(
  faults: FaultRegistry,
  runners: Partial<Record<'sys97' | 'billing' | 'cs1000', SqlRunner>>,
  onError: (error: unknown) => void = (error) => console.error('sim_fault mirror:', error),
): FaultMirror {
  let pending = 0;
  let tail: Promise<void> = Promise.resolve();
  const enqueue = (point: string, config: FaultConfig | undefined): void => {
    const system = systemOf(point);
    const runner = system === undefined ? undefined : runners[system];
    if (runner === undefined) return;
    pending += 1;
    tail = tail
      .then(() => write(runner, point, config))
      .catch(onError)
      .finally(() => void (pending -= 1));
  };
  for (const [point, config] of faults.entries()) enqueue(point, config);
  const unsubscribe = faults.onChange(enqueue);
  return {
    settled: () => (pending === 0 ? undefined : tail),
    stop: unsubscribe,
  };
}
