// How the 1000 service misbehaves on request. The SQL side of the simulator misbehaves inside its
// procedures and behind its socket proxy; the SOAP server has neither, so it applies the same
// FaultConfig here, around each operation: first the call (delay, hang, error), then the rows.

import type { BadRowKind, FaultConfig } from '../faults/fault-config.ts';
import { DEFAULT_SERVER_FAULT_CODE, SoapFaultError } from './soap-fault.ts';

export type Random = () => number;

/** Timers and never-settling waits of calls in flight, so close() can drop them all at once. */
export class PendingCalls {
  private readonly timers = new Set<NodeJS.Timeout>();
  private closed = false;

  delay(ms: number): Promise<void> {
    if (this.closed) return new Promise(() => {});
    return new Promise((resolve) => {
      const timer = setTimeout(() => {
        this.timers.delete(timer);
        resolve();
      }, ms);
      this.timers.add(timer);
    });
  }

  /** A hang holds no timer and no database work: the caller's own timeout is what ends it. */
  hang(): Promise<never> {
    return new Promise<never>(() => {});
  }

  close(): void {
    this.closed = true;
    for (const timer of this.timers) clearTimeout(timer);
    this.timers.clear();
  }
}

/**
 * Applies latency, hang and errorRate of one call. Resolves when the call may go on; rejects with a
 * SOAP fault for an injected error; never settles for a hang.
 */
export async function applyCallFaults(
  config: FaultConfig | undefined,
  context: { pointId: string; operation: string; random: Random; pending: PendingCalls },
): Promise<void> {
  if (config === undefined) return;
  if (config.latencyMs !== undefined && config.latencyMs > 0) await context.pending.delay(config.latencyMs);
  if (config.hang === true) await context.pending.hang();
  if (config.errorRate !== undefined && config.errorRate > 0 && context.random() < config.errorRate) {
    throw new SoapFaultError(
      'Server',
      config.errorCode ?? DEFAULT_SERVER_FAULT_CODE,
      `simulated failure of ${context.operation} (${context.pointId})`,
    );
  }
}

export type SoapRow = Record<string, string>;

// Values a legacy 1000 system could plausibly hand out. Each is something the hub's mapping must
// reject or repair, and each is recognisable in a test by its content alone.
export const BAD_DATE = '2026-02-30 25:61:00';
export const REPLACEMENT = '\uFFFD';
const OVER_LENGTH_SUFFIX = '（超长字段超长字段超长字段超长字段超长字段）';

/** UTF-8 bytes read as GBK: what a mis-configured client or database link shows for Chinese text. */
export function mojibake(text: string): string {
  return new TextDecoder('gbk').decode(Buffer.from(text, 'utf8'));
}

/**
 * A copy of the row with one field set (or removed), keys in the WSDL's sequence order: node-soap
 * writes elements in key order, and a field absent because its column was NULL must land in its
 * place, not at the end.
 */
function withField(row: SoapRow, order: readonly string[], field: string, value: string | undefined): SoapRow {
  const out: SoapRow = {};
  for (const key of order) {
    const v = key === field ? value : row[key];
    if (v !== undefined) out[key] = v;
  }
  return out;
}

function spoil(row: SoapRow, order: readonly string[], kind: BadRowKind): SoapRow[] {
  switch (kind) {
    case 'badDate':
      // Right shape, impossible value: passes a pattern check and fails only a real date parse.
      return [withField(row, order, 'StartTime', BAD_DATE)];
    case 'overLength':
      // Staff is in every row kind and is varchar(20): 20 more characters break chars and bytes.
      return [withField(row, order, 'Staff', (row.Staff ?? '') + OVER_LENGTH_SUFFIX)];
    case 'badEncoding': {
      // Mojibake of the Chinese-bearing text plus a replacement character: the two ways a broken
      // encoding shows up.
      const field = row.Description !== undefined ? 'Description' : 'Staff';
      return [withField(row, order, field, mojibake(row[field] ?? '') + REPLACEMENT)];
    }
    case 'missingRequired':
      // StartTime is required by every row kind of the WSDL.
      return [withField(row, order, 'StartTime', undefined)];
    case 'duplicateKey':
      // The same row twice: a key the hub must not count twice.
      return [row, { ...row }];
  }
}

/**
 * Spoils each row with probability `badRows.rate`. The kinds take turns among the spoilt rows so a
 * configuration naming several kinds shows each of them in one answer.
 */
export function applyBadRows(
  rows: SoapRow[],
  order: readonly string[],
  config: FaultConfig | undefined,
  random: Random,
): SoapRow[] {
  const badRows = config?.badRows;
  if (badRows === undefined || badRows.rate <= 0 || badRows.kinds.length === 0) return rows;
  const out: SoapRow[] = [];
  let turn = 0;
  for (const row of rows) {
    if (random() < badRows.rate) {
      const kind = badRows.kinds[turn % badRows.kinds.length] as BadRowKind;
      turn += 1;
      out.push(...spoil(row, order, kind));
    } else {
      out.push(row);
    }
  }
  return out;
}
