// `billing --cycle YYYYMMDD [--force]`: request, poll and load one billing cycle into the view.

import { parseArgs } from 'node:util';
import { loadConfig } from '../../config/config.ts';
import { SetupError } from '../../platform/setup-error.ts';
import { runBillingCycleStep, startBillingCycle } from '../../sync/billing-cycle.sync.ts';
import { lastClosedCycle } from '../../sync/jobs.ts';
import type { CliCommand } from '../command-registry.ts';
import { withHubSession } from '../hub-session.ts';

const USAGE = 'usage: npm run hub -- billing [--cycle YYYYMMDD] [--force]   (default: the cycle that closed last)';

const billing: CliCommand = {
  name: 'billing',
  summary: 'load a billing cycle into the view: --cycle YYYYMMDD (default the last closed), --force to reload',
  async run(args, io) {
    let values;
    try {
      ({ values } = parseArgs({ args: [...args], options: { cycle: { type: 'string' }, force: { type: 'boolean' } }, strict: true }));
    } catch (error) {
      throw new SetupError(`${(error as Error).message}\n${USAGE}`);
    }
    const cycle = values.cycle === undefined ? lastClosedCycle() : Number(values.cycle);
    if (!/^\d{8}$/.test(String(cycle))) throw new SetupError(`--cycle takes YYYYMMDD, got "${values.cycle}"\n${USAGE}`);
    const config = loadConfig(io.env, { cwd: io.cwd });
    const result = await withHubSession(config, io, async (session) => {
      if (session.kind === 'remote') return session.submit('billing.cycle', { cycle, force: values.force === true });
      const { db, legacy } = session.services;
      let state = startBillingCycle(cycle, { force: values.force === true, runId: `cli-billing-${cycle}-${Date.now()}` });
      for (;;) {
        const step = await runBillingCycleStep(
          {
            billing: legacy.billing, db, pollIntervalMs: 2_000, concurrentTables: legacy.tableStreams > 1,
            alert: async (kind, detail) => io.err(`ALERT ${kind}: ${JSON.stringify(detail)}\n`),
          },
          state,
        );
        if ('done' in step) return step.done;
        state = step.state;
        io.err(`cycle ${cycle} not ready yet (poll ${state.polls}); next poll in ${Math.round(step.delayMs / 1000)} s\n`);
        await new Promise((r) => setTimeout(r, step.delayMs));
      }
    });
    io.out(`${JSON.stringify(result, null, 2)}\n`);
    return 0;
  },
};

export default billing;
