// Values as the legacy transports hand them over, brought to the contract's shape (docs/architecture.md,
// "Values as the transports hand them over"): oracledb and node-postgres disagree on numbers (JS number
// vs numeric-as-string) and dates (Date objects), and the contracts pick one representation for each.

/** The `x-oracle` annotation every contract column carries. */
export interface OracleColumnType {
  type: 'VARCHAR2' | 'NUMBER' | 'DATE';
  /** VARCHAR2(n): n. */
  length?: number;
  precision?: number;
  scale?: number;
  /** Bytes a write toward the legacy column must fit in (VARCHAR2(n) is n bytes). */
  byteLimit?: number;
}

/** How a column's value is represented in a contract row. */
export type ColumnKind = 'text' | 'number' | 'digits' | 'date';

export const LEGACY_TIME_ZONE = 'Asia/Shanghai';

/** `YYYY-MM-DD HH:MM:SS`, the representation of an Oracle DATE in every contract. */
export const LEGACY_DATE_TIME = /^(\d{4})-(\d{2})-(\d{2}) (\d{2}):(\d{2}):(\d{2})$/;

const wallClock = new Intl.DateTimeFormat('en-US', {
  timeZone: LEGACY_TIME_ZONE,
  year: 'numeric',
  month: '2-digit',
  day: '2-digit',
  hour: '2-digit',
  minute: '2-digit',
  second: '2-digit',
  hourCycle: 'h23',
});

/** An instant as the legacy wall clock (Asia/Shanghai) text, e.g. `2026-01-31 08:00:00`. */
export function toLegacyDateTime(date: Date): string {
  if (Number.isNaN(date.getTime())) throw new RangeError('toLegacyDateTime: invalid Date');
  const parts = wallClock.formatToParts(date);
  const get = (type: Intl.DateTimeFormatPartTypes): string => parts.find((p) => p.type === type)?.value ?? '';
  return `${get('year').padStart(4, '0')}-${get('month')}-${get('day')} ${get('hour')}:${get('minute')}:${get('second')}`;
}

// Arithmetic rather than a Date per call: every date and cycle of a billing load is checked here.
const DAYS_IN_MONTH = [31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];

/** Days of a month, with Date.UTC's reading of years 0..99 (exported so contracts/row-check.ts agrees to the day). */
export function daysInMonth(year: number, month: number): number {
  // Date.UTC reads years 0..99 as 1900..1999: those keep its answer, so nothing changes for them.
  if (year < 100) return new Date(Date.UTC(year, month, 0)).getUTCDate();
  if (month === 2) return year % 4 === 0 && (year % 100 !== 0 || year % 400 === 0) ? 29 : 28;
  return DAYS_IN_MONTH[month - 1] ?? NaN;
}

/** True for a real calendar time in `YYYY-MM-DD HH:MM:SS` (rejects 2026-02-30 that a pattern lets through). */
export function isLegacyDateTime(text: string): boolean {
  const m = LEGACY_DATE_TIME.exec(text);
  if (!m) return false;
  const [year, month, day, hour, minute, second] = m.slice(1).map(Number) as [number, number, number, number, number, number];
  return (
    month >= 1 && month <= 12 && day >= 1 && day <= daysInMonth(year, month) && hour <= 23 && minute <= 59 && second <= 59
  );
}

/** True for a billing cycle / payment date held as a YYYYMMDD number (e.g. 20260101). */
export function isYyyymmdd(value: number): boolean {
  if (!Number.isInteger(value) || value < 10000101 || value > 99991231) return false;
  const year = Math.floor(value / 10000);
  const month = Math.floor(value / 100) % 100;
  const day = value % 100;
  return month >= 1 && month <= 12 && day >= 1 && day <= daysInMonth(year, month);
}

/** Number of decimals a JS number needs, or Infinity when it is not finite. */
export function decimalsOf(value: number): number {
  if (!Number.isFinite(value)) return Infinity;
  // An integer's shortest text has no fraction, and any exponent it has is positive: 0 decimals.
  if (Number.isInteger(value)) return 0;
  // Shortest round-trip text of the double: what the legacy column would be asked to store.
  const text = Math.abs(value).toString();
  // Without an exponent the decimals are what follows the point (no regex: money columns come here per row).
  if (!text.includes('e')) {
    const dot = text.indexOf('.');
    return dot < 0 ? 0 : text.length - dot - 1;
  }
  const exp = /e([+-]\d+)$/.exec(text);
  const mantissa = exp ? text.slice(0, exp.index) : text;
  const fraction = mantissa.split('.')[1]?.length ?? 0;
  return Math.max(0, fraction - (exp ? Number(exp[1]) : 0));
}

/** Whether a number fits NUMBER(precision, scale): at most `scale` decimals and `precision - scale` integer digits. */
export function fitsNumber(value: number, precision: number | undefined, scale: number | undefined): boolean {
  if (!Number.isFinite(value)) return false;
  const s = scale ?? 0;
  if (precision === undefined) return scale === undefined || decimalsOf(value) <= s;
  if (decimalsOf(value) > s) return false;
  return Math.abs(value) < 10 ** (precision - s);
}

/** The representation a contract column uses, from its JSON Schema and its `x-oracle`. */
export function columnKind(schema: { type?: unknown; 'x-oracle'?: OracleColumnType }): ColumnKind {
  const oracle = schema['x-oracle'];
  const types = Array.isArray(schema.type) ? schema.type : [schema.type];
  if (oracle?.type === 'DATE') return 'date';
  if (oracle?.type === 'NUMBER') return types.includes('string') ? 'digits' : 'number';
  return 'text';
}

const NUMERIC_TEXT = /^\s*[-+]?(\d+(\.\d*)?|\.\d+)([eE][-+]?\d+)?\s*$/;
const ISO_LOCAL = /^(\d{4}-\d{2}-\d{2})[T ](\d{2}:\d{2}:\d{2})(\.0+)?$/;

/**
 * One value brought to its column's representation. Anything that cannot be converted without guessing
 * is returned unchanged, so that validation rejects it instead of the data being silently altered.
 */
export function coerceValue(kind: ColumnKind, value: unknown): unknown {
  if (value === null || value === undefined) return value;
  switch (kind) {
    case 'number':
      if (typeof value === 'string' && NUMERIC_TEXT.test(value)) return Number(value);
      if (typeof value === 'bigint' && value <= BigInt(Number.MAX_SAFE_INTEGER) && value >= BigInt(Number.MIN_SAFE_INTEGER)) {
        return Number(value);
      }
      return value;
    case 'digits':
      // A number past 2^53 has already lost digits: leave it a number so the contract rejects it.
      if (typeof value === 'number' && Number.isSafeInteger(value)) return String(value);
      if (typeof value === 'bigint') return value.toString();
      return value;
    case 'date': {
      if (value instanceof Date) return Number.isNaN(value.getTime()) ? value : toLegacyDateTime(value);
      if (typeof value === 'string') {
        const m = ISO_LOCAL.exec(value);
        if (m) return `${m[1]} ${m[2]}`;
      }
      return value;
    }
    case 'text':
      return value;
  }
}
