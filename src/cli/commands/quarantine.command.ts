// `quarantine list [--point 97-4] [--limit 50]` and `quarantine replay [--point 97-4]`.

import { parseArgs } from 'node:util';
import { loadConfig } from '../../config/config.ts';
import { SetupError } from '../../platform/setup-error.ts';
import { QuarantineRepository, type QuarantineCount } from '../../store/index.ts';
import type { QuarantineEntry } from '../../domain/index.ts';
import { billingReplayers } from '../../sync/billing-replay.ts';
import { replayQuarantine, sys97Replayers } from '../../sync/quarantine-replay.ts';
import { ticketReplayers } from '../../sync/ticket-replay.ts';
import type { CliCommand } from '../command-registry.ts';
import { withHubSession } from '../hub-session.ts';

const USAGE = 'usage: npm run hub -- quarantine list [--point <id>] [--limit N] | quarantine replay [--point <id>]';

const quarantine: CliCommand = {
  name: 'quarantine',
  summary: 'legacy rows the hub could not take in: list (counts by point and reason, newest rows) or replay',
  async run(args, io) {
    const [verb, ...rest] = args;
    let values;
    try {
      ({ values } = parseArgs({ args: rest, options: { point: { type: 'string' }, limit: { type: 'string', default: '20' } }, strict: true }));
    } catch (error) {
      throw new SetupError(`${(error as Error).message}\n${USAGE}`);
    }
    const config = loadConfig(io.env, { cwd: io.cwd });
    const filter = values.point ? { pointId: values.point } : {};
    if (verb === 'list') {
      const { counts, page } = (await withHubSession(config, io, async (session) => {
        const limit = Number(values.limit);
        if (session.kind === 'remote') return session.submit('hub.quarantine-list', { ...filter, limit });
        const repo = new QuarantineRepository(session.services.db);
        return { counts: await repo.countByPointAndReason({ ...filter, state: 'open' }), page: await repo.list({ ...filter, state: 'open' }, { limit }) };
      })) as { counts: QuarantineCount[]; page: { total: number; items: QuarantineEntry[] } };
      io.out(`open quarantine: ${page.total} rows\n`);
      for (const c of counts) io.out(`  ${c.pointId.padEnd(8)} ${c.reasonCode.padEnd(20)} ${c.count}\n`);
      for (const e of page.items) {
        io.out(`#${e.id} ${e.pointId} ${new Date(e.receivedAt).toISOString()} ${e.subject ?? ''}\n  ${e.reasons.map((r) => `${r.code}: ${r.message}`).join('; ')}\n  ${JSON.stringify(e.rawRow)}\n`);
      }
      return 0;
    }
    if (verb !== 'replay') throw new SetupError(USAGE);
    const result = await withHubSession(config, io, async (session) => {
      if (session.kind === 'remote') return session.submit('hub.quarantine-replay', values.point ? { pointId: values.point } : {});
      const { db, legacy } = session.services;
      const replayers = { ...sys97Replayers(legacy.sys97, db), ...billingReplayers(legacy.billing, db), ...ticketReplayers(legacy.cs1000, db) };
      const bar = session.progress('replaying subjects');
      try {
        return await replayQuarantine(db, replayers, { runId: `cli-replay-${Date.now()}`, filter, onProgress: (d, t) => bar.update(d, t) });
      } finally {
        bar.stop();
      }
    });
    io.out(`${JSON.stringify(result, null, 2)}\n`);
    return 0;
  },
};

export default quarantine;
