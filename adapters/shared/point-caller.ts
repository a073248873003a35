// Calls one interface point of a SQL legacy system (97, billing) by its id: the catalogue says which
// procedure or table it is and what its parameters are, the contract checks every row. A row that
// breaks its contract is handed on as `ok: false` with the raw row and the reasons, so the sync can
// quarantine it; it never throws away the rest of the answer.

import {
  contractOf,
  normalizeRow,
  validateInput,
  validateResult,
  validateRow,
  type InterfacePoint,
  type ProcedureParameter,
  type ValidationIssue,
} from '../../contracts/registry.ts';
import { checkRowFast } from '../../contracts/row-check.ts';
import type { CallOptions, LegacyDatabase, ProcParam, ProcParamType } from '../transport/legacy-database.ts';
import { LegacyError } from '../transport/errors.ts';

export type CheckedRow<T> =
  | { ok: true; row: T }
  | { ok: false; raw: Record<string, unknown>; errors: ValidationIssue[] };

/** The resilience policy of one legacy system (timeout, bulkhead, breaker, read retries). */
export interface PolicyRunner {
  run<T>(kind: 'read' | 'write', fn: (signal: AbortSignal) => Promise<T>): Promise<T>;
  /** Holds one concurrency slot for a long read (a whole interface table), without a retry. */
  stream<T>(fn: (signal: AbortSignal) => AsyncIterable<T>): AsyncIterable<T>;
}

function paramType(p: ProcedureParameter): ProcParamType {
  if (p.oracleType.startsWith('NUMBER')) return 'number';
  if (p.oracleType === 'DATE') return 'date';
  return 'string';
}

function toParams(point: InterfacePoint, params: readonly ProcedureParameter[], input: Record<string, unknown>): ProcParam[] {
  const checked = validateInput(point.id, input);
  if (!checked.ok) {
    const why = checked.errors.map((e) => `${e.path} ${e.message}`).join('; ');
    throw new LegacyError(`${point.id} ${point.legacyName}: invalid input: ${why}`, {
      kind: 'permanent',
      system: point.system,
      pointId: point.id,
    });
  }
  return params.map((p) => ({ name: p.name, type: paramType(p), value: input[p.name] ?? null }));
}

export function checkRow<T>(pointId: string, raw: Record<string, unknown>): CheckedRow<T> {
  // Good rows take the compiled path; anything it is unsure of is judged (and explained) by ajv.
  const fast = checkRowFast(pointId, raw);
  if (fast !== null) return { ok: true, row: fast as T };
  const row = normalizeRow(pointId, raw);
  const result = validateRow(pointId, row);
  return result.ok ? { ok: true, row: result.row as T } : { ok: false, raw, errors: result.errors };
}

export class PointCaller {
  constructor(
    private readonly db: LegacyDatabase,
    private readonly policy: PolicyRunner,
    private readonly options: { timeoutMs: number; fetchSize: number },
  ) {}

  private callOptions(point: InterfacePoint, signal: AbortSignal): CallOptions {
    return { timeoutMs: this.options.timeoutMs, fetchSize: this.options.fetchSize, action: `hub:${point.id}`, pointId: point.id, signal };
  }

  /** A procedure answering a REF CURSOR; the whole (small) answer is read inside one policy call. */
  async rows<T>(pointId: string, input: Record<string, unknown> = {}): Promise<CheckedRow<T>[]> {
    const point = contractOf(pointId).point;
    const proc = point.procedure ?? (point.kind === 'procedure' ? { name: point.legacyName, in: point.in ?? [] } : null);
    if (!proc) throw new Error(`${pointId} is not a procedure`);
    const params = toParams(point, proc.in, input);
    const raws = await this.policy.run('read', async (signal) => {
      const all: Record<string, unknown>[] = [];
      for await (const batch of this.db.callCursor(proc.name, params, this.callOptions(point, signal))) all.push(...batch);
      return all;
    });
    return raws.map((raw) => checkRow<T>(pointId, raw));
  }

  /** A procedure answering p_result. Writes are never retried. */
  async scalar<T>(pointId: string, input: Record<string, unknown>): Promise<T> {
    const point = contractOf(pointId).point;
    const params = toParams(point, point.in ?? [], input);
    const value = await this.policy.run(point.direction, (signal) =>
      this.db.callScalar(point.legacyName, params, { ...this.callOptions(point, signal), resultType: 'number' }),
    );
    const result = validateResult(pointId, value);
    if (!result.ok) {
      const why = result.errors.map((e) => `${e.path} ${e.message}`).join('; ');
      throw new LegacyError(`${point.id} ${point.legacyName}: answer breaks its contract: ${why}`, {
        kind: 'permanent',
        system: point.system,
        pointId: point.id,
      });
    }
    return result.row as T;
  }

  /**
   * An interface table read in batches (billing cycles are large): the columns are the contract's,
   * so a column the legacy adds later does not change what the hub reads.
   */
  async *table<T>(pointId: string, cycle?: number): AsyncIterable<CheckedRow<T>[]> {
    const { point, row } = contractOf(pointId);
    if (!point.table || !row) throw new Error(`${pointId} is not an interface table`);
    const columns = Object.keys(row.properties).map((c) => `"${c.toUpperCase()}"`);
    const cycleColumn = point.table.cycleColumn;
    if (cycleColumn) toParams(point, [], { cycle });
    const where = cycleColumn && cycle !== undefined ? ` WHERE "${cycleColumn.toUpperCase()}" = :1` : '';
    const sql = `SELECT ${columns.join(', ')} FROM ${point.table.name}${where}`;
    const binds = where ? [cycle] : [];
    const batches = this.policy.stream((signal) => this.db.queryStream(sql, binds, this.callOptions(point, signal)));
    for await (const batch of batches) yield batch.map((raw) => checkRow<T>(pointId, raw));
  }
}
