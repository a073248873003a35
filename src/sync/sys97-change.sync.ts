// The 97 system's incremental sync (VIP97_GET_CHANGE from the stored cursor) and the full resync
// (the same call from the beginning of time: every key account has changed since then).
// Customers are read in chunks; each chunk commits in one transaction, and the last one also moves
// the cursor — the cursor commits with the data it covers, never before. A run that dies resumes
// from its checkpoint (the last VIP number committed, in sorted order); the upserts are idempotent,
// so a chunk that is read twice ends as it would have once.

import type { Sys97Port } from '../../adapters/sys97/sys97.adapter.ts';
import { QuarantineRepository, SyncStateRepository, type Database, type Tx } from '../store/index.ts';
import { readCustomer, type CustomerSyncOutcome } from './customer.sync.ts';
import { splitChecked } from './quarantine-rows.ts';

export const SYS97_CHANGE_STREAM = 'sys97.change';
/** Changes logged a little before the last run's start may not have been visible to it. */
const OVERLAP_MS = 60_000;
const BEGINNING = new Date('1970-01-01T00:00:00Z');
/** A bad row of the change list is replayed by a full change sync. */
export const CHANGE_SUBJECT = 'sync:97-1';

export interface ChangeCursor {
  /** ISO time up to which every change is in the view. */
  lastTime: string;
}

export interface ChangeCheckpoint {
  /** The run's upper bound: what the cursor becomes when the run commits its last chunk. */
  until: string;
  /** The start of the read window (kept so a resumed run reads the same window). */
  since: string;
  /** The cursor the run started from, for the compare-and-set. */
  startCursor: ChangeCursor | null;
  /** Last VIP number committed, in sorted order. */
  lastDone: string | null;
  counts: ChangeSyncCounts;
}

export interface ChangeSyncCounts {
  changed: number;
  synced: number;
  created: number;
  renumbered: number;
  notFound: number;
  quarantined: number;
}

export interface ChangeSyncOptions {
  mode: 'incremental' | 'full';
  runId: string | null;
  /** Customers read and committed together. */
  chunkSize?: number;
  now?: () => Date;
  checkpoint?: ChangeCheckpoint | null;
  /** Called after each committed chunk: persist it (the job's data) to resume after a crash. */
  onCheckpoint?: (checkpoint: ChangeCheckpoint) => Promise<void>;
  onProgress?: (done: number, total: number) => void;
  signal?: AbortSignal;
  /**
   * Customers read at once (three 97 calls each). Kept near the 97 policy's concurrency: a chunk that
   * floods the bulkhead's queue would starve the other 97 jobs (the open-order sweep, a resync).
   */
  readConcurrency?: number;
}

/** Maps with at most `limit` calls in flight, answers in input order. */
async function mapLimit<T, R>(items: readonly T[], limit: number, fn: (item: T) => Promise<R>): Promise<R[]> {
  const out: R[] = new Array(items.length);
  let next = 0;
  const lanes = Array.from({ length: Math.min(limit, items.length) }, async () => {
    while (next < items.length) {
      const i = next++;
      out[i] = await fn(items[i] as T);
    }
  });
  await Promise.all(lanes);
  return out;
}

function emptyCounts(): ChangeSyncCounts {
  return { changed: 0, synced: 0, created: 0, renumbered: 0, notFound: 0, quarantined: 0 };
}

function tally(counts: ChangeSyncCounts, outcome: CustomerSyncOutcome): void {
  counts.quarantined += outcome.quarantined;
  if (outcome.kind === 'synced') {
    counts.synced += 1;
    if (outcome.created) counts.created += 1;
    if (outcome.renumberedFrom) counts.renumbered += 1;
  } else if (outcome.kind === 'not_found') counts.notFound += 1;
}

async function startCheckpoint(db: Database, mode: ChangeSyncOptions['mode'], now: Date): Promise<ChangeCheckpoint> {
  const stored = await new SyncStateRepository(db).get<ChangeCursor>(SYS97_CHANGE_STREAM);
  const startCursor = stored?.cursor ?? null;
  const since =
    mode === 'full' || startCursor === null ? BEGINNING : new Date(new Date(startCursor.lastTime).getTime() - OVERLAP_MS);
  return { until: now.toISOString(), since: since.toISOString(), startCursor, lastDone: null, counts: emptyCounts() };
}

export async function runChangeSync(sys97: Sys97Port, db: Database, options: ChangeSyncOptions): Promise<ChangeSyncCounts> {
  const now = options.now ?? (() => new Date());
  const chunkSize = options.chunkSize ?? 20;
  const cp = options.checkpoint ?? (await startCheckpoint(db, options.mode, now()));

  const changeRows = splitChecked('97-1', await sys97.VIP97_GET_CHANGE(new Date(cp.since)), options.runId, CHANGE_SUBJECT);
  const vips = [...new Set(changeRows.good.map((r) => String(r.DKH_CARDID)))].sort();
  cp.counts.changed = vips.length;
  const todo = cp.lastDone === null ? vips : vips.filter((v) => v > (cp.lastDone as string));
  let done = vips.length - todo.length;

  const finish = async (tx: Tx) => {
    // Bad rows of the change list itself are kept once: with the cursor, in the run's last commit.
    if (changeRows.rejected.length > 0) await new QuarantineRepository(tx).add(changeRows.rejected);
    await SyncStateRepository.advanceCursor<ChangeCursor>(tx, SYS97_CHANGE_STREAM, { lastTime: cp.until }, { expected: cp.startCursor });
  };

  if (todo.length === 0) {
    await db.transaction(finish);
    cp.counts.quarantined += changeRows.rejected.length;
    return cp.counts;
  }
  for (let i = 0; i < todo.length; i += chunkSize) {
    options.signal?.throwIfAborted();
    const chunk = todo.slice(i, i + chunkSize);
    const confirmedAt = now();
    const plans = await mapLimit(chunk, options.readConcurrency ?? 4, (vip) => readCustomer(sys97, db, vip, { runId: options.runId, now: confirmedAt }));
    const last = i + chunkSize >= todo.length;
    await db.transaction(async (tx) => {
      for (const plan of plans) await plan.apply(tx);
      if (last) await finish(tx);
    });
    for (const plan of plans) tally(cp.counts, plan.outcome);
    if (last) cp.counts.quarantined += changeRows.rejected.length;
    done += chunk.length;
    cp.lastDone = chunk[chunk.length - 1] as string;
    options.onProgress?.(done, vips.length);
    if (!last) await options.onCheckpoint?.(cp);
  }
  return cp.counts;
}
