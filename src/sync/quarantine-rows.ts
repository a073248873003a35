// Turns what a read could not take in — rows that broke their contract and rows the mapping refused —
// into quarantine entries, so that every legacy row either lands in the view or is kept with a reason.

import type { CheckedRow } from '../../adapters/shared/point-caller.ts';
import type { QuarantineReason } from '../domain/index.ts';
import type { MappedRows } from '../../mappings/index.ts';
import type { NewQuarantineEntry } from '../store/index.ts';

export interface SplitRows<T> {
  good: T[];
  rejected: NewQuarantineEntry[];
}

/** Separates contract-valid rows from those that broke the contract of `pointId`. */
export function splitChecked<T>(pointId: string, rows: readonly CheckedRow<T>[], runId: string | null, subject: string | null = null): SplitRows<T> {
  const out: SplitRows<T> = { good: [], rejected: [] };
  for (const r of rows) {
    if (r.ok) out.good.push(r.row);
    else {
      const reasons: QuarantineReason[] = r.errors.map((e) => ({
        code: 'contract_violation',
        field: e.path.replace(/^\//, '') || undefined,
        message: `${e.path} ${e.message}`,
      }));
      out.rejected.push({ pointId, rawRow: r.raw, reasons, runId, subject });
    }
  }
  return out;
}

/** Quarantine entries for the rows a mapping refused. */
export function mappingRejects(pointId: string, mapped: MappedRows<unknown>, runId: string | null, subject: string | null = null): NewQuarantineEntry[] {
  return mapped.quarantined.map((q) => mappingReject(pointId, q.row, q.reasons, runId, subject));
}

/** The quarantine entry of one row a mapping refused. */
export function mappingReject(pointId: string, row: object, reasons: QuarantineReason[], runId: string | null, subject: string | null = null): NewQuarantineEntry {
  return { pointId, rawRow: row as Record<string, unknown>, reasons, runId, subject };
}
