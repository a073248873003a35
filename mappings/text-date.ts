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

// Day number (days since 1970-01-01) of the first of each month of the plausible years, from
// Date.UTC itself: the fast parses below then need no Date.UTC call and cannot disagree with it.
const MONTH_START_DAY = new Float64Array((MAX_YEAR - MIN_YEAR + 1) * 12);
for (let i = 0; i < MONTH_START_DAY.length; i++) {
  MONTH_START_DAY[i] = Date.UTC(MIN_YEAR + Math.floor(i / 12), i % 12, 1) / 86_400_000;
}

/** Two ASCII digits at `at` as a number, or -1. */
function twoDigits(text: string, at: number): number {
  const hi = text.charCodeAt(at) - 48;
  const lo = text.charCodeAt(at + 1) - 48;
  return hi >= 0 && hi <= 9 && lo >= 0 && lo <= 9 ? hi * 10 + lo : -1;
}

/** Whether y-m-d names a real day of a plausible year (shanghaiWallClock's date checks). */
function isPlausibleDay(year: number, month: number, day: number): boolean {
  return year >= MIN_YEAR && year <= MAX_YEAR && month >= 1 && month <= 12 && day >= 1 && day <= daysInMonth(year, month);
}

/**
 * The DATE column's own text, exactly 'YYYY-MM-DD HH:MM:SS', read by char codes: the form of nearly
 * every date a billing load reads, where parseTextDate's normalisation, regexes and Date.UTC were
 * the largest cost of a call record. Answers undefined for anything else (other forms, impossible
 * or implausible dates): parseTextDate decides those and gives the reason. Where it answers, the
 * instant is the one parseTextDate answers.
 */
export function parseCanonicalDateTime(text: string): Date | undefined {
  const ms = canonicalDateTimeMs(text);
  return ms === undefined ? undefined : new Date(ms);
}

/** parseCanonicalDateTime's instant as epoch milliseconds, without the Date (a COPY lane writes the number). */
export function canonicalDateTimeMs(text: string): number | undefined {
  if (
    text.length !== 19 ||
    text.charCodeAt(4) !== 0x2d || // -
    text.charCodeAt(7) !== 0x2d ||
    text.charCodeAt(10) !== 0x20 ||
    text.charCodeAt(13) !== 0x3a || // :
    text.charCodeAt(16) !== 0x3a
  ) {
    return undefined;
  }
  const century = twoDigits(text, 0);
  const yy = twoDigits(text, 2);
  const month = twoDigits(text, 5);
  const day = twoDigits(text, 8);
  const hour = twoDigits(text, 11);
  const minute = twoDigits(text, 14);
  const second = twoDigits(text, 17);
  // -1 (not digits) fails these checks too.
  if (century < 0 || yy < 0 || hour < 0 || hour > 23 || minute < 0 || minute > 59 || second < 0 || second > 59) return undefined;
  const year = century * 100 + yy;
  if (!isPlausibleDay(year, month, day)) return undefined;
  const days = MONTH_START_DAY[(year - MIN_YEAR) * 12 + month - 1]! + day - 1;
  return (days * 86_400 + hour * 3_600 + minute * 60 + second) * 1_000 - SHANGHAI_OFFSET_MINUTES * 60_000;
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

/**
 * A billing cycle as contract-checked rows bring it (an integer YYYYMMDD, or eight ASCII digits)
 * naming a real day, without parseBillingCycle's string round trip and Date. Answers undefined when
 * it cannot tell: parseBillingCycle decides and gives the reason. Where it answers, the value is
 * parseBillingCycle's.
 */
export function canonicalBillingCycle(value: unknown): number | undefined {
  let year: number;
  let month: number;
  let day: number;
  let cycle: number;
  if (typeof value === 'number') {
    // Eight-digit integers only: NaN, exponents and shorter or longer numbers are parseBillingCycle's.
    if (!(value >= 10_000_000 && value <= 99_999_999) || !Number.isInteger(value)) return undefined;
    cycle = value;
    year = Math.floor(value / 10_000);
    month = Math.floor(value / 100) % 100;
    day = value % 100;
  } else if (typeof value === 'string' && value.length === 8) {
    const century = twoDigits(value, 0);
    const yy = twoDigits(value, 2);
    month = twoDigits(value, 4);
    day = twoDigits(value, 6);
    if (century < 0 || yy < 0 || month < 0 || day < 0) return undefined;
    year = century * 100 + yy;
    cycle = year * 10_000 + month * 100 + day;
  } else {
    return undefined;
  }
  return isPlausibleDay(year, month, day) ? cycle : undefined;
}

/** YYYYMMDD (a validated cycle or paid date) as an ISO calendar date 'YYYY-MM-DD'. */
export function cycleToIsoDate(cycle: number): string {
  const s = String(cycle);
  return `${s.slice(0, 4)}-${s.slice(4, 6)}-${s.slice(6, 8)}`;
}
