// PostgreSQL COPY text format: one line per row, tab between columns, `\N` for NULL, and backslash
// escapes for the four characters that would break the framing. Both engines take the same bytes.
//
// A cycle load encodes millions of rows of short ASCII strings, numbers and instants, so the common
// values take cheap paths (a char-code scan instead of a regex call, instants formatted by
// arithmetic instead of toISOString); every other value is encoded by encodeCopyValueGeneral, and
// where a cheap path answers, its text is the one the general encoding gives.

import type { CopyBatch, CopyRows } from './database.ts';

const NEEDS_ESCAPE = /[\\\n\r\t]/;
const ESCAPES = /[\\\n\r\t]/g;
const ESCAPE_OF: Record<string, string> = { '\\': '\\\\', '\n': '\\n', '\r': '\\r', '\t': '\\t' };

export function encodeCopyValue(value: unknown): string {
  if (typeof value === 'string') return hasFramingChar(value) ? value.replace(ESCAPES, (c) => ESCAPE_OF[c] ?? c) : value;
  if (value === null || value === undefined) return '\\N';
  if (typeof value === 'number') {
    if (!Number.isFinite(value)) throw new Error(`COPY cannot take the number ${value}`);
    // Digits, sign, point and exponent: nothing to escape.
    return String(value);
  }
  // A subclass may format itself otherwise: only Date itself is known to be toISOString.
  if (value instanceof Date && Object.getPrototypeOf(value) === Date.prototype) return isoInstant(value.getTime()) ?? value.toISOString();
  return encodeCopyValueGeneral(value);
}

/** Every value's encoding as plain code; encodeCopyValue answers the same, cheaper for the common ones. */
export function encodeCopyValueGeneral(value: unknown): string {
  if (value === null || value === undefined) return '\\N';
  const text = copyValueText(value);
  // The empty string stays empty, distinct from `\N`.
  return NEEDS_ESCAPE.test(text) ? text.replace(ESCAPES, (c) => ESCAPE_OF[c] ?? c) : text;
}

/** The text a (non-null) value stands for in a COPY, before escaping; the binary format sends the same. */
export function copyValueText(value: unknown): string {
  if (typeof value === 'string') return value;
  if (typeof value === 'number') {
    if (!Number.isFinite(value)) throw new Error(`COPY cannot take the number ${value}`);
    return String(value);
  }
  if (typeof value === 'bigint') return value.toString();
  if (typeof value === 'boolean') return value ? 't' : 'f';
  // ISO with Z: the instant survives whatever the session time zone is.
  if (value instanceof Date) return value.toISOString();
  return JSON.stringify(value);
}

/** NEEDS_ESCAPE by char codes: cheaper than a regex call on the short values of a row. */
function hasFramingChar(text: string): boolean {
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c === 0x5c || c === 0x0a || c === 0x0d || c === 0x09) return true;
  }
  return false;
}

const DAY_MS = 86_400_000;
// Years 1000..9999: toISOString writes those as four plain digits; all others take toISOString.
const FIRST_FAST_MS = Date.UTC(1000, 0, 1);
const END_FAST_MS = Date.UTC(10000, 0, 1);
const TWO_DIGITS = Array.from({ length: 100 }, (_, i) => String(i).padStart(2, '0'));
const MILLIS_Z = Array.from({ length: 1000 }, (_, i) => `.${String(i).padStart(3, '0')}Z`);
// 'YYYY-MM-DDT' per day, direct-mapped: a cycle's instants fall on a few dozen days.
const DAY_SLOTS = 1024;
const slotDay = new Float64Array(DAY_SLOTS).fill(Number.NaN);
const slotPrefix: string[] = new Array<string>(DAY_SLOTS).fill('');
// The two instants formatted last: a load stamps every row with one confirmation time, between the
// row's own instants.
let recentTime0 = Number.NaN;
let recentIso0 = '';
let recentTime1 = Number.NaN;
let recentIso1 = '';

/** toISOString of a time value by arithmetic; undefined outside years 1000..9999 (and for NaN). */
export function isoInstant(time: number): string | undefined {
  if (time === recentTime0) return recentIso0;
  if (time === recentTime1) {
    const iso = recentIso1;
    recentTime1 = recentTime0;
    recentIso1 = recentIso0;
    recentTime0 = time;
    recentIso0 = iso;
    return iso;
  }
  if (!(time >= FIRST_FAST_MS && time < END_FAST_MS)) return undefined;
  const day = Math.floor(time / DAY_MS);
  const slot = day & (DAY_SLOTS - 1);
  let prefix = slotPrefix[slot]!;
  if (slotDay[slot] !== day) {
    prefix = datePrefix(day);
    slotDay[slot] = day;
    slotPrefix[slot] = prefix;
  }
  let rest = time - day * DAY_MS;
  const hour = Math.floor(rest / 3_600_000);
  rest -= hour * 3_600_000;
  const minute = Math.floor(rest / 60_000);
  rest -= minute * 60_000;
  const second = Math.floor(rest / 1_000);
  const iso = `${prefix}${TWO_DIGITS[hour]!}:${TWO_DIGITS[minute]!}:${TWO_DIGITS[second]!}${MILLIS_Z[rest - second * 1_000]!}`;
  recentTime1 = recentTime0;
  recentIso1 = recentIso0;
  recentTime0 = time;
  recentIso0 = iso;
  return iso;
}

/** 'YYYY-MM-DDT' of a day number (days since 1970-01-01), proleptic Gregorian (H. Hinnant's civil_from_days). */
function datePrefix(day: number): string {
  const z = day + 719_468;
  const era = Math.floor(z / 146_097);
  const doe = z - era * 146_097;
  const yoe = Math.floor((doe - Math.floor(doe / 1_460) + Math.floor(doe / 36_524) - Math.floor(doe / 146_096)) / 365);
  const doy = doe - (365 * yoe + Math.floor(yoe / 4) - Math.floor(yoe / 100));
  const mp = Math.floor((5 * doy + 2) / 153);
  const dayOfMonth = doy - Math.floor((153 * mp + 2) / 5) + 1;
  const month = mp < 10 ? mp + 3 : mp - 9;
  const year = yoe + era * 400 + (month <= 2 ? 1 : 0);
  return `${year}-${TWO_DIGITS[month]!}-${TWO_DIGITS[dayOfMonth]!}T`;
}

export function encodeCopyRow(row: readonly unknown[], width: number): string {
  if (row.length !== width) throw new Error(`COPY row has ${row.length} values for ${width} columns`);
  let line = '';
  for (let i = 0; i < row.length; i++) {
    if (i > 0) line += '\t';
    line += encodeCopyValue(row[i]);
  }
  return line + '\n';
}

/**
 * Turns batches of rows into text chunks of about `chunkChars` characters, whatever batch size the
 * caller picked, so memory stays flat and the engine gets reasonably sized writes. A chunk ends
 * after the line that brings it to `chunkChars` or more.
 */
export async function* copyChunks(
  batches: AsyncIterable<CopyBatch> | Iterable<CopyBatch>,
  width: number,
  counter: { rows: number },
  chunkChars = 4 * 1024 * 1024,
): AsyncGenerator<string> {
  // Lines appended to one string rather than joined from an array: V8 keeps the appends as a rope
  // that the engine's write flattens once. Joining 4 MiB of lines cost about as much as encoding them.
  let chunk = '';
  for await (const batch of batches) {
    const laned = Array.isArray(batch) ? undefined : (batch as CopyRows);
    const rows: readonly unknown[] = laned?.rows ?? (batch as readonly (readonly unknown[])[]);
    for (let i = 0; i < rows.length; i++) {
      const values = laned ? laned.values(rows[i], i) : (rows[i] as readonly unknown[]);
      if (values === undefined) continue;
      chunk += encodeCopyRow(values, width);
      counter.rows++;
      if (chunk.length >= chunkChars) {
        yield chunk;
        chunk = '';
      }
    }
  }
  if (chunk.length > 0) yield chunk;
}
