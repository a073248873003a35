// Replay of quarantined billing rows: a cycle's bad rows (subject `cycle:<YYYYMMDD>`) are replayed by
// loading the cycle again, forced, through the current mappings (the same atomic switch as any load).

import type { BillingPort } from '../../adapters/billing/billing.adapter.ts';
import type { Database } from '../store/index.ts';
import { runBillingCycleStep, startBillingCycle } from './billing-cycle.sync.ts';
import type { SubjectReplayer } from './quarantine-replay.ts';

export function billingReplayers(billing: BillingPort, db: Database, options: { pollIntervalMs?: number } = {}): Record<string, SubjectReplayer> {
  return {
    cycle: async (subject, runId) => {
      const cycle = Number(subject.slice('cycle:'.length));
      let state = startBillingCycle(cycle, { force: true, runId });
      for (;;) {
        const result = await runBillingCycleStep(
          { billing, db, pollIntervalMs: options.pollIntervalMs ?? 1_000, alert: async () => undefined },
          state,
        );
        if ('done' in result) return;
        state = result.state;
        await new Promise((r) => setTimeout(r, result.delayMs));
      }
    },
  };
}
