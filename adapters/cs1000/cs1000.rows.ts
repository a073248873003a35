// What the 1000 service answers, brought to CheckedRow lists. node-soap hands over `<Rows/>` as null
// and, in some versions, one Row as a lone object (integration notes, SOAP); both are normalised
// here so the adapter's callers always get an array. Each row is then checked against its contract,
// plus two defects a per-row JSON Schema cannot see: garbled text and a key answered twice.

import { contractOf, type ValidationIssue } from '../../contracts/registry.ts';
import { checkRow, type CheckedRow } from '../shared/point-caller.ts';

/** The rows of a `<op>Response/Rows/Row*` answer, whatever shape node-soap gave them. */
export function rowsOf(rows: unknown): unknown[] {
  if (rows === null || rows === undefined || rows === '') return [];
  // Several Rows wrappers (not in the WSDL, but cheap to accept) are read as one list.
  if (Array.isArray(rows)) return rows.flatMap(rowsOf);
  if (typeof rows !== 'object') return [rows];
  const row = (rows as Record<string, unknown>)['Row'];
  if (row === null || row === undefined) return [];
  return Array.isArray(row) ? row : [row];
}

// U+FFFD is what a decoder writes for bytes it could not read; a lone surrogate or a C0 control
// character cannot be in legacy text either. Mojibake made only of valid characters is invisible
// to any check and stays the mapping's problem.
// eslint-disable-next-line no-control-regex -- control characters are what it looks for
const GARBLED = /\uFFFD|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]|[\u0000-\u0008\u000B\u000C\u000E-\u001F]/;

function garbledFields(row: Record<string, unknown>): ValidationIssue[] {
  return Object.entries(row)
    .filter(([, value]) => typeof value === 'string' && GARBLED.test(value))
    .map(([name]) => ({ path: `/${name}`, message: 'holds a replacement or control character (text garbled by a charset mismatch)' }));
}

function asRecord(value: unknown): Record<string, unknown> | undefined {
  return typeof value === 'object' && value !== null && !Array.isArray(value) ? (value as Record<string, unknown>) : undefined;
}

/**
 * Contract-checked rows. A row answered twice keeps its first occurrence and the repeat is handed
 * on as ok:false, so a sync never counts a ticket twice yet can still see that the service repeated
 * it. The key is the contract's `x-key`, or the whole row where the contract names none (the
 * complaints have no ticket id in the source).
 */
export function checkRows<T>(pointId: string, answer: unknown[]): CheckedRow<T>[] {
  const key = contractOf(pointId).row?.['x-key'];
  const seen = new Map<string, number>();
  return answer.map((item, index): CheckedRow<T> => {
    const raw = asRecord(item);
    if (raw === undefined) {
      return { ok: false, raw: { Row: item }, errors: [{ path: '/', message: 'must be a Row element with fields' }] };
    }
    const checked = checkRow<T>(pointId, raw);
    const garbled = garbledFields(raw);
    if (!checked.ok) return garbled.length === 0 ? checked : { ...checked, errors: [...checked.errors, ...garbled] };
    if (garbled.length > 0) return { ok: false, raw, errors: garbled };
    const row = checked.row as Record<string, unknown>;
    const identity = JSON.stringify(key ? key.map((k) => row[k] ?? null) : Object.entries(row).sort(([a], [b]) => a.localeCompare(b)));
    const first = seen.get(identity);
    if (first !== undefined) {
      const what = key ? `the key (${key.join(', ')})` : 'every field';
      return { ok: false, raw, errors: [{ path: '/', message: `repeats ${what} of the row at index ${first}` }] };
    }
    seen.set(identity, index);
    return checked;
  });
}
