// `reconcile [--sample N] [--details]`: compares the view with the legacy systems, drift by interface point.

import { parseArgs } from 'node:util';
import { loadConfig } from '../../config/config.ts';
import { SetupError } from '../../platform/setup-error.ts';
import { reconcile, type ReconcileReport } from '../../sync/reconcile.ts';
import type { CliCommand } from '../command-registry.ts';
import { withHubSession } from '../hub-session.ts';

const USAGE = 'usage: npm run hub -- reconcile [--sample N] [--details]';

const reconcileCommand: CliCommand = {
  name: 'reconcile',
  summary: 'compare the view with the legacy systems field by field (all customers or --sample N); drift by interface point',
  async run(args, io) {
    let values;
    try {
      ({ values } = parseArgs({ args: [...args], options: { sample: { type: 'string' }, details: { type: 'boolean' } }, strict: true }));
    } catch (error) {
      throw new SetupError(`${(error as Error).message}\n${USAGE}`);
    }
    const sample = values.sample === undefined ? undefined : Number(values.sample);
    if (sample !== undefined && !(Number.isInteger(sample) && sample > 0)) throw new SetupError(`--sample takes a positive number\n${USAGE}`);
    const config = loadConfig(io.env, { cwd: io.cwd });
    const report = (await withHubSession(config, io, async (session) => {
      if (session.kind === 'remote') return session.submit('hub.reconcile', sample === undefined ? {} : { sample });
      const bar = session.progress('reconciling customers');
      try {
        return await reconcile({ sys97: session.services.legacy.sys97, cs1000: session.services.legacy.cs1000 }, session.services.db, {
          ...(sample === undefined ? {} : { sample }),
          onProgress: (d, t) => bar.update(d, t),
        });
      } finally {
        bar.stop();
      }
    })) as ReconcileReport;
    io.out(`checked ${report.checked.customers} customers, ${report.checked.workOrders} open work orders, ${report.checked.openTickets} open tickets\n`);
    io.out(report.drift.length === 0 ? 'no drift\n' : `drift: ${JSON.stringify(report.byPoint)}\n`);
    if (report.unreadable > 0) io.out(`${report.unreadable} legacy rows unreadable during the check (see quarantine)\n`);
    if (values.details) for (const d of report.drift) io.out(`${JSON.stringify(d)}\n`);
    return report.drift.length === 0 ? 0 : 2;
  },
};

export default reconcileCommand;
