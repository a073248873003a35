// A billing cycle's charges (JF-5), call detail records (JF-7) and top-1000 contracts (JF-8) enter the
// view together or not at all. Each table is partitioned by cycle. A load streams every source into a
// staging table <table>_s<cycle> (COPY, no index yet), then builds the keys and indexes the parent
// expects, and records the table in billing_cycle_load.loaded_rows. The switch is one transaction:
// detach and drop the cycle's old partitions, rename the staging tables into place, attach them. A
// reader sees the old cycle or the new one, never a mix. A crashed load leaves staging tables that
// the next attempt drops and reloads (or, when loaded_rows lists them as complete, keeps).

import type { BillingCycle, CallDetailRecord, Charge, TopContract } from '../domain/index.ts';
import type { BinaryLane } from './copy-binary.ts';
import { quoteIdent, withTransaction, type CopyBatch, type Queryable, type Tx } from './database.ts';
import type { Confirmation } from './upsert.ts';

export type CycleTable = 'charge' | 'call_detail_record' | 'top_contract';
export const CYCLE_TABLES: readonly CycleTable[] = ['charge', 'call_detail_record', 'top_contract'];

export type CycleLoadState = 'requested' | 'ready' | 'loading' | 'switched' | 'failed';

export interface BillingCycleLoad {
  cycle: BillingCycle;
  state: CycleLoadState;
  requestedAt: Date | null;
  readyAt: Date | null;
  loadingAt: Date | null;
  loadedRows: Partial<Record<CycleTable, number>>;
  switchedAt: Date | null;
  attempts: number;
  lastError: string | null;
}

/**
 * A batch of source rows with their mapping, for a caller that maps as the COPY goes: `record`
 * answers a row's record, or undefined to leave the row out (the caller keeps it, e.g. in the
 * quarantine); `lane` may write a row's staging columns (cycleCopyColumns) straight into a binary
 * COPY, and must then write exactly what the record would give.
 */
export interface CycleRows<S, E> {
  readonly rows: readonly S[];
  /** rows[index]'s record. */
  record(row: S, index: number): E | undefined;
  readonly lane?: BinaryLane<S>;
}

/** Records, or source rows with their mapping. */
export type CycleBatch<E> = readonly E[] | CycleRows<unknown, E>;
type CycleSource<E> = AsyncIterable<CycleBatch<E>> | Iterable<CycleBatch<E>>;

export interface CycleSources {
  charges: CycleSource<Charge>;
  callDetailRecords: CycleSource<CallDetailRecord>;
  topContracts: CycleSource<TopContract>;
}

export interface CycleLoadOptions {
  confirmedAt: Date;
  /** Run id recorded on rows quarantined as duplicates. */
  runId?: string | null;
  /** Discard what an earlier failed attempt staged and read every source again (default: resume). */
  fresh?: boolean;
  /**
   * Stream the three tables at once (three legacy sessions, three COPYs): the hub, the legacy server
   * and the view's server then work side by side instead of waiting on each other. Default: one
   * table after the other, for a legacy database that serves one session at a time.
   */
  concurrentTables?: boolean;
}

interface TableSpec<T> {
  sourcePoint: string;
  /**
   * The columns a row fills. billing_cycle, source_point and confirmed_at are the same for every row
   * of a load: the staging table takes them as column defaults, so the COPY neither formats nor
   * parses them (a third of a call record's bytes).
   */
  columns: readonly string[];
  toRow(row: T, cycle: BillingCycle): unknown[];
  /** Must match the parent's PRIMARY KEY, so ATTACH adopts it instead of building another. */
  primaryKey?: readonly string[];
  /** Must match the parent's other indexes (migrations 002), for the same reason. */
  indexes: readonly (readonly string[])[];
}

const SPECS: { charge: TableSpec<Charge>; call_detail_record: TableSpec<CallDetailRecord>; top_contract: TableSpec<TopContract> } = {
  charge: {
    sourcePoint: 'JF-5',
    columns: ['service_number', 'account_number', 'vip_number', 'item_code', 'category', 'amount'],
    toRow: (c, cycle) => (checkCycle(c.billingCycle, cycle), [c.serviceNumber, c.accountNumber, c.vipNumber, c.itemCode, c.category, c.amount]),
    primaryKey: ['service_number', 'item_code', 'billing_cycle'],
    indexes: [['account_number']],
  },
  call_detail_record: {
    sourcePoint: 'JF-7',
    columns: ['vip_number', 'service_number', 'called_number', 'call_type', 'called_area', 'started_at', 'account_number', 'duration_seconds', 'amount'],
    toRow: (r, cycle) => (checkCycle(r.billingCycle, cycle), [r.vipNumber, r.serviceNumber, r.calledNumber, r.callType, r.calledArea, r.startedAt, r.accountNumber, r.durationSeconds, r.amount]),
    indexes: [['service_number']],
  },
  top_contract: {
    sourcePoint: 'JF-8',
    columns: ['account_number', 'amount'],
    toRow: (t, cycle) => (checkCycle(t.billingCycle, cycle), [t.accountNumber, t.amount]),
    primaryKey: ['account_number', 'billing_cycle'],
    indexes: [],
  },
};

/**
 * No autovacuum on a staging table: the load analyzes it itself, and an autovacuum that started on
 * it after the COPY held a lock the load's next statement then waited a deadlock_timeout (1 s) for,
 * until the server cancelled the autovacuum (seen in 16 province loads of one afternoon).
 */
const STAGING_STORAGE = 'autovacuum_enabled = false, toast.autovacuum_enabled = false';
const STAGING_STORAGE_NAMES = 'autovacuum_enabled, toast.autovacuum_enabled';

/** The columns every row of a load shares, given to the staging table as defaults during the COPY. */
const LOAD_CONSTANTS = ['billing_cycle', 'source_point', 'confirmed_at'] as const;

function checkCycle(rowCycle: BillingCycle, cycle: BillingCycle): BillingCycle {
  if (rowCycle !== cycle) throw new Error(`row of billing cycle ${rowCycle} in the load of cycle ${cycle}`);
  return cycle;
}

function checkCycleNumber(cycle: BillingCycle): BillingCycle {
  if (!Number.isInteger(cycle) || cycle < 19000101 || cycle > 29991231) throw new Error(`not a billing cycle: ${cycle}`);
  return cycle;
}

export const partitionName = (table: CycleTable, cycle: BillingCycle): string => `${table}_c${checkCycleNumber(cycle)}`;
export const stagingName = (table: CycleTable, cycle: BillingCycle): string => `${table}_s${checkCycleNumber(cycle)}`;
const hub = (name: string): string => `hub.${quoteIdent(name)}`;
const indexSuffix = (i: number): string => `i${i + 1}`;

/** The staging columns a cycle table's COPY writes, in order: what a CycleRows lane must write. */
export const cycleCopyColumns = (table: CycleTable): readonly string[] => SPECS[table].columns;

async function* mapBatches<T>(batches: CycleSource<T>, spec: TableSpec<T>, cycle: BillingCycle): AsyncGenerator<CopyBatch> {
  for await (const batch of batches) {
    if (isRecords(batch)) {
      yield batch.map((row) => spec.toRow(row, cycle));
      continue;
    }
    const { rows, lane } = batch;
    const values = (row: unknown, index: number) => {
      const record = batch.record(row, index);
      return record === undefined ? undefined : spec.toRow(record, cycle);
    };
    yield lane === undefined ? { rows, values } : { rows, values, lane };
  }
}

const isRecords = <E>(batch: CycleBatch<E>): batch is readonly E[] => Array.isArray(batch);

function fromRow(r: Record<string, unknown>): BillingCycleLoad {
  return {
    cycle: Number(r.cycle), state: r.state as CycleLoadState, requestedAt: (r.requested_at as Date | null) ?? null,
    readyAt: (r.ready_at as Date | null) ?? null, loadingAt: (r.loading_at as Date | null) ?? null,
    loadedRows: r.loaded_rows as BillingCycleLoad['loadedRows'], switchedAt: (r.switched_at as Date | null) ?? null,
    attempts: Number(r.attempts), lastError: r.last_error === null ? null : String(r.last_error),
  };
}

async function relationExists(q: Queryable, name: string): Promise<boolean> {
  const { rows } = await q.query<{ r: string | null }>('SELECT to_regclass($1)::text AS r', [`hub.${quoteIdent(name)}`]);
  return rows[0]?.r != null;
}

export class BillingCycleRepository {
  /** How long the switch waits for readers holding the parent tables (server only; PGlite has no waits). */
  lockTimeoutMs = 10_000;

  constructor(private readonly q: Queryable) {}

  async get(cycle: BillingCycle): Promise<BillingCycleLoad | null> {
    const { rows } = await this.q.query('SELECT * FROM hub.billing_cycle_load WHERE cycle = $1', [checkCycleNumber(cycle)]);
    return rows[0] ? fromRow(rows[0]) : null;
  }

  async list(): Promise<BillingCycleLoad[]> {
    const { rows } = await this.q.query('SELECT * FROM hub.billing_cycle_load ORDER BY cycle DESC');
    return rows.map(fromRow);
  }

  /** JF-1 accepted. A cycle being loaded is left alone (answers false). */
  async request(cycle: BillingCycle, at: Date): Promise<boolean> {
    const res = await this.q.query(
      `INSERT INTO hub.billing_cycle_load AS l (cycle, state, requested_at) VALUES ($1, 'requested', $2)
       ON CONFLICT (cycle) DO UPDATE SET state = 'requested', requested_at = EXCLUDED.requested_at, ready_at = NULL, updated_at = now()
       WHERE l.state <> 'loading'`,
      [checkCycleNumber(cycle), at],
    );
    return res.rowCount === 1;
  }

  /** JF-2 answered ready. */
  async markReady(cycle: BillingCycle, at: Date): Promise<void> {
    const res = await this.q.query(
      `UPDATE hub.billing_cycle_load SET state = 'ready', ready_at = $2, updated_at = now() WHERE cycle = $1 AND state IN ('requested', 'ready')`,
      [checkCycleNumber(cycle), at],
    );
    if (res.rowCount !== 1) throw new Error(`billing cycle ${cycle} is not requested`);
  }

  /**
   * Starts (or resumes) a load. Answers the tables already completely staged by an earlier attempt
   * of this load, which the caller may skip.
   */
  async beginLoad(cycle: BillingCycle, options: { fresh?: boolean } = {}): Promise<Partial<Record<CycleTable, number>>> {
    const { rows } = await this.q.query<{ loaded_rows: Partial<Record<CycleTable, number>> }>(
      `INSERT INTO hub.billing_cycle_load AS l (cycle, state, loading_at, attempts) VALUES ($1, 'loading', now(), 1)
       ON CONFLICT (cycle) DO UPDATE SET state = 'loading', loading_at = now(), attempts = l.attempts + 1, last_error = NULL,
         updated_at = now(), loaded_rows = CASE WHEN l.state IN ('loading', 'failed') AND NOT $2 THEN l.loaded_rows ELSE '{}'::jsonb END
       RETURNING loaded_rows`,
      [checkCycleNumber(cycle), options.fresh === true],
    );
    const done: Partial<Record<CycleTable, number>> = {};
    for (const [table, n] of Object.entries(rows[0]?.loaded_rows ?? {}) as [CycleTable, number][]) {
      if (await relationExists(this.q, stagingName(table, cycle))) done[table] = n;
    }
    await this.q.query('UPDATE hub.billing_cycle_load SET loaded_rows = $2::jsonb WHERE cycle = $1', [cycle, JSON.stringify(done)]);
    return done;
  }

  stageCharges(cycle: BillingCycle, batches: CycleSources['charges'], o: CycleLoadOptions): Promise<number> {
    return this.stage('charge', SPECS.charge, cycle, batches, o);
  }

  stageCallDetailRecords(cycle: BillingCycle, batches: CycleSources['callDetailRecords'], o: CycleLoadOptions): Promise<number> {
    return this.stage('call_detail_record', SPECS.call_detail_record, cycle, batches, o);
  }

  stageTopContracts(cycle: BillingCycle, batches: CycleSources['topContracts'], o: CycleLoadOptions): Promise<number> {
    return this.stage('top_contract', SPECS.top_contract, cycle, batches, o);
  }

  /** Swaps every staged table in as the cycle's partitions, in one transaction. */
  switchIn(cycle: BillingCycle): Promise<Record<CycleTable, number>> {
    checkCycleNumber(cycle);
    return withTransaction(this.q, async (tx) => {
      if (tx.engine === 'postgres') await tx.query(`SET LOCAL lock_timeout = ${Math.max(1, Math.floor(this.lockTimeoutMs))}`);
      const { rows } = await tx.query<{ state: string; loaded_rows: Partial<Record<CycleTable, number>> }>(
        'SELECT state, loaded_rows FROM hub.billing_cycle_load WHERE cycle = $1 FOR UPDATE',
        [cycle],
      );
      const load = rows[0];
      if (load?.state !== 'loading') throw new Error(`billing cycle ${cycle} is not being loaded (state ${load?.state ?? 'none'})`);
      const missing = CYCLE_TABLES.filter((t) => load.loaded_rows[t] === undefined);
      if (missing.length > 0) throw new Error(`billing cycle ${cycle} has no complete staging for ${missing.join(', ')}`);
      for (const table of CYCLE_TABLES) await swapPartition(tx, table, SPECS[table], cycle);
      await tx.query(`UPDATE hub.billing_cycle_load SET state = 'switched', switched_at = now(), last_error = NULL, updated_at = now() WHERE cycle = $1`, [cycle]);
      return load.loaded_rows as Record<CycleTable, number>;
    });
  }

  async markFailed(cycle: BillingCycle, error: string): Promise<void> {
    await this.q.query(`UPDATE hub.billing_cycle_load SET state = 'failed', last_error = $2, updated_at = now() WHERE cycle = $1`, [cycle, error]);
  }

  /**
   * begin → stage what is not staged yet → switch; on failure the cycle is marked failed and the old
   * data stays. A table's keys and indexes are built on another connection while the next table
   * streams (the call records first: the largest index overlaps the other tables' streaming). When
   * one of concurrent streams fails, the others still finish: what they staged is kept for the retry.
   */
  async loadCycle(cycle: BillingCycle, sources: CycleSources, o: CycleLoadOptions): Promise<Record<CycleTable, number>> {
    const finishing: Promise<number>[] = [];
    try {
      const done = await this.beginLoad(cycle, { fresh: o.fresh === true });
      const copies: Promise<{ finished: Promise<number> }>[] = [];
      const copy = async (run: () => Promise<{ finished: Promise<number> }>) => {
        if (o.concurrentTables === true) copies.push(run());
        else finishing.push((await run()).finished);
      };
      if (done.call_detail_record === undefined) await copy(() => this.copyStage('call_detail_record', SPECS.call_detail_record, cycle, sources.callDetailRecords, o));
      if (done.charge === undefined) await copy(() => this.copyStage('charge', SPECS.charge, cycle, sources.charges, o));
      if (done.top_contract === undefined) await copy(() => this.copyStage('top_contract', SPECS.top_contract, cycle, sources.topContracts, o));
      const settled = await Promise.allSettled(copies);
      for (const s of settled) if (s.status === 'fulfilled') finishing.push(s.value.finished);
      for (const s of settled) if (s.status === 'rejected') throw s.reason;
      await Promise.all(finishing);
      return await this.switchIn(cycle);
    } catch (err) {
      // No statement of this load may still run when the cycle is marked failed and a retry starts.
      await Promise.allSettled(finishing);
      await this.markFailed(cycle, err instanceof Error ? err.message : String(err)).catch(() => undefined);
      throw err;
    }
  }

  private async stage<T>(table: CycleTable, spec: TableSpec<T>, cycle: BillingCycle, batches: CycleSource<T>, o: CycleLoadOptions): Promise<number> {
    return (await this.copyStage(table, spec, cycle, batches, o)).finished;
  }

  /**
   * Streams the rows into a fresh staging table; answers once the COPY is done, with the promise of
   * the rest (keys, indexes, statistics, the table recorded as complete), which a caller may let run
   * while it streams the next table. The promise is already observed, so a failure of it surfaces
   * where the caller awaits it, never as an unhandled rejection.
   */
  private async copyStage<T>(table: CycleTable, spec: TableSpec<T>, cycle: BillingCycle, batches: CycleSource<T>, o: CycleLoadOptions): Promise<{ finished: Promise<number> }> {
    const stage = stagingName(table, cycle);
    const forget = await this.q.query(
      `UPDATE hub.billing_cycle_load SET loaded_rows = loaded_rows - $2::text, updated_at = now() WHERE cycle = $1 AND state = 'loading'`,
      [cycle, table],
    );
    if (forget.rowCount !== 1) throw new Error(`billing cycle ${cycle} is not being loaded: call beginLoad first`);
    const m: Confirmation = { sourcePoint: spec.sourcePoint, confirmedAt: o.confirmedAt };
    await this.q.exec(
      `DROP TABLE IF EXISTS ${hub(stage)};
       CREATE TABLE ${hub(stage)} (LIKE hub.${table} INCLUDING DEFAULTS) WITH (${STAGING_STORAGE});
       ALTER TABLE ${hub(stage)} ADD CONSTRAINT billing_cycle_only CHECK (billing_cycle = ${cycle}),
         ALTER COLUMN billing_cycle SET DEFAULT ${cycle},
         ALTER COLUMN source_point SET DEFAULT ${textLiteral(m.sourcePoint)},
         ALTER COLUMN confirmed_at SET DEFAULT ${textLiteral(m.confirmedAt.toISOString())}::timestamptz;`,
    );
    const copied = await this.q.copyFrom(`hub.${stage}`, spec.columns, mapBatches(batches, spec, cycle));
    const finished = this.finishStage(table, spec, cycle, copied, o);
    finished.catch(() => undefined);
    // Wrapped: a promise returned as such would be adopted, and the caller would wait for it.
    return { finished };
  }

  private async finishStage<T>(table: CycleTable, spec: TableSpec<T>, cycle: BillingCycle, copied: number, o: CycleLoadOptions): Promise<number> {
    const stage = stagingName(table, cycle);
    // The partition takes its values from the rows, like every other partition of the parent.
    await this.q.exec(`ALTER TABLE ${hub(stage)} ${LOAD_CONSTANTS.map((c) => `ALTER COLUMN ${c} DROP DEFAULT`).join(', ')}`);
    let kept = copied;
    if (spec.primaryKey) {
      const addKey = () => this.q.exec(`ALTER TABLE ${hub(stage)} ADD CONSTRAINT ${quoteIdent(`${stage}_pkey`)} PRIMARY KEY (${spec.primaryKey!.map(quoteIdent).join(', ')})`);
      // Legacy duplicates are rare: the key's own build finds them, and only then is the table
      // searched for them (a window over every row of a cycle costs as much as the key).
      try {
        await addKey();
      } catch (err) {
        if (!isUniqueViolation(err)) throw err;
        kept -= await quarantineDuplicates(this.q, stage, spec.primaryKey, spec.sourcePoint, o.runId ?? null, `cycle:${cycle}`);
        await addKey();
      }
    }
    for (const [i, cols] of spec.indexes.entries()) {
      await this.q.exec(`CREATE INDEX ${quoteIdent(`${stage}_${indexSuffix(i)}`)} ON ${hub(stage)} (${cols.map(quoteIdent).join(', ')})`);
    }
    await this.q.exec(`ANALYZE ${hub(stage)}`);
    await this.q.query(
      `UPDATE hub.billing_cycle_load SET loaded_rows = loaded_rows || jsonb_build_object($2::text, $3::bigint), updated_at = now() WHERE cycle = $1`,
      [cycle, table, kept],
    );
    return kept;
  }
}

/** A SQL string literal of a value the hub made (a source point, an ISO instant). */
function textLiteral(value: string): string {
  return `'${value.replace(/'/g, "''")}'`;
}

const isUniqueViolation = (err: unknown): boolean => (err as { code?: unknown } | null)?.code === '23505';

/**
 * A COPY cannot skip a row, so a legacy duplicate key would fail every retry of the load. The first
 * row of each key (in arrival order) stays; the others go to quarantine, visible and counted.
 */
async function quarantineDuplicates(q: Queryable, stage: string, key: readonly string[], pointId: string, runId: string | null, subject: string): Promise<number> {
  const cols = key.map(quoteIdent).join(', ');
  const { rows } = await q.query<{ n: number }>(
    `WITH ranked AS (SELECT ctid AS id, row_number() OVER (PARTITION BY ${cols} ORDER BY ctid) AS rn FROM ${hub(stage)}),
     moved AS (DELETE FROM ${hub(stage)} s USING ranked r WHERE s.ctid = r.id AND r.rn > 1 RETURNING s.*),
     queued AS (INSERT INTO hub.quarantine (point_id, raw_row, reasons, run_id, subject)
       SELECT $1, to_jsonb(moved) - 'source_point' - 'confirmed_at',
         jsonb_build_array(jsonb_build_object('code', 'duplicate_key', 'message', 'another row of the cycle has the same key; the first one was kept')), $2, $3
       FROM moved RETURNING 1)
     SELECT count(*) AS n FROM queued`,
    [pointId, runId, subject],
  );
  return rows[0]?.n ?? 0;
}

async function swapPartition(tx: Tx, table: CycleTable, spec: Pick<TableSpec<never>, 'primaryKey' | 'indexes'>, cycle: BillingCycle): Promise<void> {
  const stage = stagingName(table, cycle);
  const final = partitionName(table, cycle);
  if (!(await relationExists(tx, stage))) throw new Error(`staging table hub.${stage} is missing`);
  const { rows } = await tx.query<{ attached: boolean }>(
    `SELECT EXISTS (SELECT 1 FROM pg_inherits WHERE inhrelid = to_regclass($1) AND inhparent = $2::regclass) AS attached`,
    [`hub.${quoteIdent(final)}`, `hub.${table}`],
  );
  if (rows[0]?.attached) await tx.query(`ALTER TABLE hub.${table} DETACH PARTITION ${hub(final)}`);
  await tx.query(`DROP TABLE IF EXISTS ${hub(final)}`);
  await tx.query(`ALTER TABLE ${hub(stage)} RENAME TO ${quoteIdent(final)}`);
  if (spec.primaryKey) await tx.query(`ALTER INDEX ${hub(`${stage}_pkey`)} RENAME TO ${quoteIdent(`${final}_pkey`)}`);
  for (const i of spec.indexes.keys()) {
    await tx.query(`ALTER INDEX ${hub(`${stage}_${indexSuffix(i)}`)} RENAME TO ${quoteIdent(`${final}_${indexSuffix(i)}`)}`);
  }
  // Autovacuum takes the partition from here on, like every other.
  await tx.query(`ALTER TABLE ${hub(final)} RESET (${STAGING_STORAGE_NAMES})`);
  // The CHECK on billing_cycle lets ATTACH skip its validation scan of the new partition.
  await tx.query(`ALTER TABLE hub.${table} ATTACH PARTITION ${hub(final)} FOR VALUES IN (${cycle})`);
}
