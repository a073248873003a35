// A legacy row the hub could not take in. Nothing is dropped silently: the row, the interface point
// and the reason are kept, counted, listed, and replayed after a mapping fix.

export type QuarantineReasonCode =
  | 'contract_violation'
  | 'unparseable_date'
  | 'bad_encoding'
  | 'unknown_code'
  | 'missing_reference'
  | 'duplicate_key'
  | 'invalid_value';

export interface QuarantineReason {
  code: QuarantineReasonCode;
  /** Which field, when one field is the cause. */
  field?: string;
  message: string;
}

export type MapResult<T> = { ok: true; value: T } | { ok: false; reasons: QuarantineReason[] };

export interface QuarantineEntry {
  id: number;
  pointId: string;
  rawRow: Record<string, unknown>;
  reasons: QuarantineReason[];
  receivedAt: Date;
  state: 'open' | 'replayed' | 'discarded';
  /** The sync run that met the row. */
  runId: string | null;
  /** The legacy read the row came from, read again on replay. */
  subject: string | null;
}
