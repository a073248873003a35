// Dates the legacy systems hold as text (SO_DATE, ENTER_TIME, the 1000 service's times) and the
// DATE columns the transports hand over as 'YYYY-MM-DD HH:MM:SS'. All are Asia/Shanghai wall clock.
//
// Asia/Shanghai is a fixed UTC+8: China has observed no daylight saving time since 1991, before any
// of these systems (the 97 system is from 1997) held a row. A fixed offset keeps the parse pure and
// independent of the ICU time-zone data a runtime happens to ship.

import { normalizeText } from './normalize.ts';

export const SHANGHAI_OFFSET_MINUTES = 8 * 60;

export type TextDateResult = { ok: true; value: Date; format: TextDateFormat } | { ok: false; reason: string };

export type TextDateFormat =
  | 'YYYY-MM-DD HH24:MI:SS'
  | 'YYYY-MM-DD'
  | 'YYYYMMDDHH24MISS'
  | 'YYYYMMDD'
  | 'YYYY/MM/DD HH24:MI'
  | 'YYYY/MM/DD'
  | 'YYYY.MM.DD HH24:MI:SS'
  | 'YYYY.MM.DD'
  | 'YYYY年MM月DD日 HH时MI分'
  | 'YYYY年MM月DD日';

interface Pattern {
  /** The format's name with a time, and without (when the time part is optional). */
  format: TextDateFormat;
  dateOnly: TextDateFormat;
  re: RegExp;
}

// Separated forms accept one- or two-digit parts (2026-1-5 9:05) and an optional time: legacy
// screens wrote both. Oracle's TO_CHAR of a TIMESTAMP adds a fraction (".0"), which carries nothing.
const TIME = String.raw`(?:[ T](\d{1,2}):(\d{2})(?::(\d{2})(?:\.\d{1,6})?)?)?`;
const PATTERNS: Pattern[] = [
  {
    format: 'YYYY-MM-DD HH24:MI:SS',
    dateOnly: 'YYYY-MM-DD',
    re: new RegExp(String.raw`^(\d{4})-(\d{1,2})-(\d{1,2})${TIME}$`),
  },
  { format: 'YYYY/MM/DD HH24:MI', dateOnly: 'YYYY/MM/DD', re: new RegExp(String.raw`^(\d{4})/(\d{1,2})/(\d{1,2})${TIME}$`) },
  { format: 'YYYY.MM.DD HH24:MI:SS', dateOnly: 'YYYY.MM.DD', re: new RegExp(String.raw`^(\d{4})\.(\d{1,2})\.(\d{1,2})${TIME}$`) },
  { format: 'YYYYMMDDHH24MISS', dateOnly: 'YYYYMMDDHH24MISS', re: /^(\d{4})(\d{2})(\d{2})(\d{2})(\d{2})(\d{2})$/ },
  { format: 'YYYYMMDD', dateOnly: 'YYYYMMDD', re: /^(\d{4})(\d{2})(\d{2})$/ },
  {
    format: 'YYYY年MM月DD日 HH时MI分',
    dateOnly: 'YYYY年MM月DD日',
    re: /^(\d{4})年(\d{1,2})月(\d{1,2})[日号](?: ?(\d{1,2})(?:时|点|:)(?:(\d{1,2})(?:(?:分|:)(?:(\d{1,2})秒?)?)?)?)?$/,
  },
];

// Plausible years for a telecom record; "0000-00-00" and "9999-12-31" are placeholders, not dates.
const MIN_YEAR = 1900;
const MAX_YEAR = 2099;

/** Parses one legacy text date as Asia/Shanghai wall clock. */
export function parseTextDate(text: string): TextDateResult {
  const input = normalizeText(text);
  if (input === '') return { ok: false, reason: 'empty date text' };
  for (const pattern of PATTERNS) {
    const m = pattern.re.exec(input);
    if (!m) continue;
    const format = m[4] === undefined ? pattern.dateOnly : pattern.format;
    const [y, mo, d, h, mi, s] = m.slice(1, 7).map((part) => (part === undefined ? 0 : Number(part)));
    const checked = shanghaiWallClock(y!, mo!, d!, h!, mi!, s!);
    return checked.ok ? { ok: true, value: checked.value, format } : { ok: false, reason: `'${input}': ${checked.reason}` };
  }
  return { ok: false, reason: `'${input}' matches none of the known date formats` };
}

/** A validated Asia/Shanghai wall-clock time as an instant; impossible dates answer a reason. */
export function shanghaiWallClock(
  year: number,
  month: number,
  day: number,
  hour = 0,
  minute = 0,
  second = 0,
): { ok: true; value: Date } | { ok: false; reason: string } {
  if (year < MIN_YEAR || year > MAX_YEAR) return { ok: false, reason: `year ${year} outside ${MIN_YEAR}..${MAX_YEAR}` };
  if (month < 1 || month > 12) return { ok: false, reason: `month ${month} does not exist` };
  const last = daysInMonth(year, month);
  if (day < 1 || day > last) return { ok: false, reason: `day ${day} does not exist in ${year}-${pad(month)} (${last} days)` };
  if (hour > 23) return { ok: false, reason: `hour ${hour} does not exist` };
  if (minute > 59) return { ok: false, reason: `minute ${minute} does not exist` };
  // No leap second in legacy data: 60 is a typing error like any other.
  if (second > 59) return { ok: false, reason: `second ${second} does not exist` };
  const utc = Date.UTC(year, month - 1, day, hour, minute, second) - SHANGHAI_OFFSET_MINUTES * 60_000;
  return { ok: true, value: new Date(utc) };
}

// Arithmetic rather than a Date per call: every date and cycle of a billing load is checked here.
const DAYS_IN_MONTH = [31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];

function daysInMonth(year: number, month: number): number {
  // Date.UTC reads years 0..99 as 1900..1999: those keep its answer, so nothing changes for them.
  if (year < 100) return new Date(Date.UTC(year, month, 0)).getUTCDate();
  if (month === 2) return year % 4 === 0 && (year % 100 !== 0 || year % 400 === 0) ? 29 : 28;
  return DAYS_IN_MONTH[month - 1] ?? NaN;
}

function pad(n: number, width = 2): string {
  return String(n).padStart(width, '0');
}

/** The Asia/Shanghai wall clock of an instant as 'YYYY-MM-DD HH:MM:SS' (the legacy DATE text form). */
export function formatShanghai(date: Date): string {
  const t = new Date(date.getTime() + SHANGHAI_OFFSET_MINUTES * 60_000);
  return (
    `${pad(t.getUTCFullYear(), 4)}-${pad(t.getUTCMonth() + 1)}-${pad(t.getUTCDate())} ` +
    `${pad(t.getUTCHours())}:${pad(t.getUTCMinutes())}:${pad(t.getUTCSeconds())}`
  );
}

export type BillingCycleResult = { ok: true; value: number } | { ok: false; reason: string };

/**
 * A billing cycle (CallTime, NUMBER(8) YYYYMMDD): a number or a digit string naming a real day.
 * The simulator uses the cycle's first day, but the legacy format does not require it, so any real
 * day is accepted.
 */
export function parseBillingCycle(value: unknown): BillingCycleResult {
  let digits: string;
  if (typeof value === 'number') {
    if (!Number.isInteger(value)) return { ok: false, reason: `billing cycle ${value} is not an integer` };
    digits = String(value);
  } else if (typeof value === 'string') {
    digits = normalizeText(value);
  } else {
    return { ok: false, reason: `billing cycle of type ${value === null ? 'null' : typeof value}` };
  }
  if (!/^\d{8}$/.test(digits)) return { ok: false, reason: `billing cycle '${digits}' is not YYYYMMDD` };
  const checked = shanghaiWallClock(Number(digits.slice(0, 4)), Number(digits.slice(4, 6)), Number(digits.slice(6, 8)));
  if (!checked.ok) return { ok: false, reason: `billing cycle ${digits}: ${checked.reason}` };
  return { ok: true, value: Number(digits) };
}

/** YYYYMMDD (a validated cycle or paid date) as an ISO calendar date 'YYYY-MM-DD'. */
export function cycleToIsoDate(cycle: number): string {
  const s = String(cycle);
  return `${s.slice(0, 4)}-${s.slice(4, 6)}-${s.slice(6, 8)}`;
}
