// Replay after a mapping fix: every open quarantine entry names the legacy read it came from (its
// subject); replay reads that again through the current contracts and mappings. The old entries are
// marked replayed; a row still bad comes back as a new entry with the replay's run id, so what is
// left in quarantine is what the fix did not cure.

import type { Sys97Port } from '../../adapters/sys97/sys97.adapter.ts';
import { QuarantineRepository, type Database, type QuarantineFilter } from '../store/index.ts';
import type { QuarantineEntry } from '../domain/index.ts';
import { readCustomer } from './customer.sync.ts';
import { CHANGE_SUBJECT, runChangeSync } from './sys97-change.sync.ts';
import { HISTORY_SUBJECT, runWorkOrderHistorySync } from './work-order-history.sync.ts';
import { WORK_ORDER_SUBJECT, runWorkOrderSweep } from './work-order.sync.ts';

/** Reads one subject again; registered per subject prefix (`vip`, `cycle`, `tickets` …). */
export type SubjectReplayer = (subject: string, runId: string) => Promise<void>;

export interface ReplayReport {
  subjects: number;
  replayed: number;
  /** Entries whose subject no replayer knows (left open). */
  notReplayable: number;
  /** New entries the replay itself quarantined: rows the fix did not cure. */
  stillBad: number;
}

export function sys97Replayers(sys97: Sys97Port, db: Database): Record<string, SubjectReplayer> {
  return {
    vip: async (subject, runId) => {
      const plan = await readCustomer(sys97, db, subject.slice('vip:'.length), { runId, now: new Date() });
      await db.transaction((tx) => plan.apply(tx));
    },
    [CHANGE_SUBJECT]: async (_s, runId) => void (await runChangeSync(sys97, db, { mode: 'full', runId })),
    [WORK_ORDER_SUBJECT]: async (_s, runId) => void (await runWorkOrderSweep(sys97, db, { runId })),
    [HISTORY_SUBJECT]: async (_s, runId) => void (await runWorkOrderHistorySync(sys97, db, { runId })),
  };
}

function replayerFor(subject: string | null, replayers: Record<string, SubjectReplayer>): SubjectReplayer | undefined {
  if (subject === null) return undefined;
  return replayers[subject] ?? replayers[subject.split(':')[0] as string];
}

export async function replayQuarantine(
  db: Database,
  replayers: Record<string, SubjectReplayer>,
  options: { runId: string; filter?: Omit<QuarantineFilter, 'state'>; onProgress?: (done: number, total: number) => void },
): Promise<ReplayReport> {
  const repo = new QuarantineRepository(db);
  const open: QuarantineEntry[] = [];
  for (let offset = 0; ; offset += 1000) {
    const page = await repo.list({ ...options.filter, state: 'open' }, { limit: 1000, offset });
    open.push(...page.items);
    if (page.items.length < 1000) break;
  }
  const bySubject = new Map<string, number[]>();
  let notReplayable = 0;
  for (const entry of open) {
    if (!replayerFor(entry.subject, replayers)) notReplayable += 1;
    else bySubject.set(entry.subject as string, [...(bySubject.get(entry.subject as string) ?? []), entry.id]);
  }
  let replayed = 0;
  let done = 0;
  for (const [subject, ids] of bySubject) {
    await (replayerFor(subject, replayers) as SubjectReplayer)(subject, options.runId);
    replayed += (await repo.markReplayed(ids)).length;
    done += 1;
    options.onProgress?.(done, bySubject.size);
  }
  const stillBad = (await repo.list({ runId: options.runId, state: 'open' }, { limit: 1 })).total;
  return { subjects: bySubject.size, replayed, notReplayable, stillBad };
}
