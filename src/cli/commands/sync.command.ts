// `sync --full | --incremental | --customer <VIP> | --work-orders | --tickets`: the 97 (and 1000) sync
// on demand, as a job of the running hub or in-process when none runs.

import { parseArgs } from 'node:util';
import { loadConfig } from '../../config/config.ts';
import { SetupError } from '../../platform/setup-error.ts';
import { readCustomer } from '../../sync/customer.sync.ts';
import { runChangeSync } from '../../sync/sys97-change.sync.ts';
import { runFinishedTicketSync, runOpenTicketSweep } from '../../sync/trouble-ticket.sync.ts';
import { runWorkOrderHistorySync } from '../../sync/work-order-history.sync.ts';
import { runWorkOrderSweep } from '../../sync/work-order.sync.ts';
import type { CliCommand } from '../command-registry.ts';
import { withHubSession } from '../hub-session.ts';

const USAGE = 'usage: npm run hub -- sync --full | --incremental | --customer <VIP number> | --work-orders | --tickets';

const sync: CliCommand = {
  name: 'sync',
  summary: 'sync the view with the legacy systems now: --full, --incremental, --customer <VIP>, --work-orders, --tickets',
  async run(args, io) {
    let values;
    try {
      ({ values } = parseArgs({
        args: [...args],
        options: { full: { type: 'boolean' }, incremental: { type: 'boolean' }, customer: { type: 'string' }, 'work-orders': { type: 'boolean' }, tickets: { type: 'boolean' } },
        strict: true,
      }));
    } catch (error) {
      throw new SetupError(`${(error as Error).message}\n${USAGE}`);
    }
    const chosen = ['full', 'incremental', 'customer', 'work-orders', 'tickets'].filter((k) => values[k as keyof typeof values] !== undefined);
    if (chosen.length !== 1) throw new SetupError(USAGE);
    if (values.customer !== undefined && !/^\d{1,20}$/.test(values.customer)) throw new SetupError(`--customer takes a VIP number (digits), got "${values.customer}"`);
    const config = loadConfig(io.env, { cwd: io.cwd });
    const runId = `cli-${Date.now()}`;
    const result = await withHubSession(config, io, async (session) => {
      if (session.kind === 'remote') {
        if (values.full) return session.submit('sys97.full', {});
        if (values.incremental) return session.submit('sys97.incremental', {});
        if (values.customer !== undefined) return session.submit('sys97.customer', { vip: values.customer });
        if (values['work-orders']) {
          return { open: await session.submit('sys97.open-work-orders', {}), history: await session.submit('sys97.work-order-history', {}) };
        }
        return { open: await session.submit('cs1000.open-tickets', {}), finished: await session.submit('cs1000.finished-tickets', {}) };
      }
      const { db, legacy } = session.services;
      if (values.full || values.incremental) {
        const bar = session.progress(values.full ? 'full sync (97)' : 'incremental (97)');
        try {
          return await runChangeSync(legacy.sys97, db, { mode: values.full ? 'full' : 'incremental', runId, onProgress: (d, t) => bar.update(d, t) });
        } finally {
          bar.stop();
        }
      }
      if (values.customer !== undefined) {
        const plan = await readCustomer(legacy.sys97, db, values.customer, { runId, now: new Date() });
        await db.transaction((tx) => plan.apply(tx));
        return plan.outcome;
      }
      if (values['work-orders']) {
        return { open: await runWorkOrderSweep(legacy.sys97, db, { runId }), history: await runWorkOrderHistorySync(legacy.sys97, db, { runId }) };
      }
      return { open: await runOpenTicketSweep(legacy.cs1000, db, { runId }), finished: await runFinishedTicketSync(legacy.cs1000, db, { runId }) };
    });
    io.out(`${JSON.stringify(result, null, 2)}\n`);
    return 0;
  },
};

export default sync;
