// Reads the fields of one legacy row and collects every reason the row cannot be taken in, so a
// quarantined row lists all its problems at once rather than one per replay.

import type { MapResult, QuarantineReason, QuarantineReasonCode } from '../src/domain/quarantine.ts';
import type { CodeTable } from './code-tables/code-table.ts';
import { detectBadEncoding, isPlainAscii, normalizeContactPhone, normalizePostcode, normalizeText } from './normalize.ts';
import { canonicalBillingCycle, parseBillingCycle, parseCanonicalDateTime, parseTextDate } from './text-date.ts';

export type LegacyRow = Readonly<Record<string, unknown>>;

/** A value in a reason's message; JSON.stringify throws on a bigint, which a driver may hand. */
const shown = (value: unknown): string => (typeof value === 'bigint' ? `${value}n` : JSON.stringify(value));

export interface ReaderOptions {
  /** false: every field the general way (the tests hold the fast paths to its answers). */
  fastPaths?: boolean;
}

interface FieldOptions {
  required?: boolean;
}

// Each reading method first tries the shape contract-checked rows have (plain ASCII text, the DATE
// column's canonical text, numbers as numbers): a hit answers what the general code below it would,
// without its normalisation and regexes; anything else goes the general way, reasons and all.
export class RowReader {
  /** Created by the first reason: most rows of a load have none. */
  private collected: QuarantineReason[] | undefined;
  /** Built on the first miss only: contract-checked rows always hit their exact names. */
  private folded: Map<string, string> | undefined;

  private readonly row: LegacyRow;
  private readonly fast: boolean;

  // Typed rows (interfaces without an index signature) and raw records are both read by name.
  constructor(row: object, options: ReaderOptions = {}) {
    this.row = row as LegacyRow;
    this.fast = options.fastPaths ?? true;
  }

  get reasons(): QuarantineReason[] {
    return (this.collected ??= []);
  }

  fail(code: QuarantineReasonCode, field: string | undefined, message: string): void {
    (this.collected ??= []).push(field === undefined ? { code, message } : { code, field, message });
  }

  raw(field: string): unknown {
    return Object.hasOwn(this.row, field) ? this.row[field] : this.rawFolded(field);
  }

  private rawFolded(field: string): unknown {
    // Rows replayed from the quarantine may carry Oracle's upper-case column names rather than the
    // contract's spelling; a name is found either way.
    this.folded ??= new Map(Object.keys(this.row).map((k) => [k.toLowerCase(), k]));
    const key = this.folded.get(field.toLowerCase());
    return key === undefined ? undefined : this.row[key];
  }

  /** Oracle makes '' and NULL the same thing; so does the hub. */
  private present(field: string, required: boolean): unknown {
    const value = this.raw(field);
    if (value === undefined || value === null || (typeof value === 'string' && value.trim() === '')) {
      if (required) this.fail('contract_violation', field, `${field} is required but missing`);
      return undefined;
    }
    return value;
  }

  /** A text field, normalised (full-width folded, blanks collapsed); mangled text is a reason. */
  text(field: string, opts: FieldOptions & { required: true }): string;
  text(field: string, opts?: FieldOptions): string | null;
  text(field: string, opts: FieldOptions = {}): string | null {
    if (this.fast) {
      const plain = this.raw(field);
      if (typeof plain === 'string') {
        if (isPlainAscii(plain)) return plain;
      } else if (plain === null && !opts.required) {
        return null;
      }
    }
    return this.generalText(field, opts);
  }

  private generalText(field: string, opts: FieldOptions): string | null {
    const value = this.present(field, opts.required ?? false);
    if (value === undefined) return opts.required ? '' : null;
    if (typeof value !== 'string' && typeof value !== 'number' && typeof value !== 'bigint') {
      this.fail('contract_violation', field, `${field} should be text, got ${typeof value}`);
      return opts.required ? '' : null;
    }
    const text = String(value);
    const bad = detectBadEncoding(text);
    if (bad !== null) this.fail('bad_encoding', field, `${field}: ${bad}`);
    const normalized = normalizeText(text);
    if (normalized === '' && opts.required) this.fail('contract_violation', field, `${field} is required but blank`);
    return normalized === '' && !opts.required ? null : normalized;
  }

  /** A postcode: six digits, or a reason (invalid_value); blank is null. */
  postcode(field: string): string | null {
    const text = this.text(field);
    if (text === null) return null;
    const code = normalizePostcode(text);
    if (code === null) this.fail('invalid_value', field, `${field} '${text}' is not a six-digit postcode`);
    return code;
  }

  /** A contact phone: recognised numbers in canonical form, anything else kept as typed. */
  phone(field: string): string | null {
    const text = this.text(field);
    return text === null ? null : normalizeContactPhone(text);
  }

  /**
   * A coded text through a code table: the code and the legacy text. A present value the table does
   * not know (and has no fallback for) is an unknown_code reason; an absent value answers code null.
   */
  code<C extends string>(field: string, table: CodeTable<C>, opts: FieldOptions = {}): { code: C | null; legacy: string | null } {
    const legacy = this.text(field, opts);
    if (legacy === null || legacy === '') return { code: null, legacy: null };
    const match = table.lookup(legacy);
    if (match === null) this.fail('unknown_code', field, `${field} '${legacy}' is not in code table ${table.name}`);
    return { code: match?.code ?? null, legacy };
  }

  /** A text date (or a DATE column's 'YYYY-MM-DD HH:MM:SS'), Asia/Shanghai wall clock. */
  date(field: string, opts: FieldOptions = {}): Date | null {
    if (this.fast) {
      const canonical = this.raw(field);
      if (typeof canonical === 'string') {
        const date = parseCanonicalDateTime(canonical);
        if (date !== undefined) return date;
      }
    }
    return this.generalDate(field, opts);
  }

  private generalDate(field: string, opts: FieldOptions): Date | null {
    const value = this.present(field, opts.required ?? false);
    if (value === undefined) return null;
    if (value instanceof Date) {
      if (!Number.isNaN(value.getTime())) return value;
      this.fail('unparseable_date', field, `${field}: invalid Date object`);
      return null;
    }
    if (typeof value !== 'string') {
      this.fail('unparseable_date', field, `${field}: a date as ${typeof value} (${String(value)})`);
      return null;
    }
    const bad = detectBadEncoding(value);
    if (bad !== null) {
      this.fail('bad_encoding', field, `${field}: ${bad}`);
      return null;
    }
    const parsed = parseTextDate(value);
    if (parsed.ok) return parsed.value;
    this.fail('unparseable_date', field, `${field}: ${parsed.reason}`);
    return null;
  }

  /** A NUMBER column: a JS number, or a numeric string (NUMBER(p) with p > 15 arrives as digits). */
  number(field: string, opts: FieldOptions & { integer?: boolean } = {}): number | null {
    if (this.fast) {
      const plain = this.raw(field);
      if (typeof plain === 'number' && (opts.integer ? Number.isSafeInteger(plain) : Number.isFinite(plain))) return plain;
    }
    return this.generalNumber(field, opts);
  }

  private generalNumber(field: string, opts: FieldOptions & { integer?: boolean }): number | null {
    const value = this.present(field, opts.required ?? false);
    if (value === undefined) return null;
    const n = typeof value === 'number' ? value : typeof value === 'string' ? Number(normalizeText(value)) : NaN;
    if (!Number.isFinite(n)) {
      this.fail('contract_violation', field, `${field} is not a number: ${shown(value)}`);
      return null;
    }
    if (opts.integer && !Number.isSafeInteger(n)) {
      this.fail('invalid_value', field, `${field} is not a whole number within exact range: ${String(value)}`);
      return null;
    }
    return n;
  }

  /** An identifier held in a NUMBER column (SERV97_ID, FEE_ID): kept as its digit string. */
  digits(field: string, opts: FieldOptions = {}): string | null {
    const value = this.present(field, opts.required ?? false);
    if (value === undefined) return null;
    if (typeof value === 'number' && !Number.isSafeInteger(value)) {
      this.fail('invalid_value', field, `${field} ${value} lost digits as a float; fetch it as a string`);
      return null;
    }
    const text = typeof value === 'bigint' || typeof value === 'number' ? String(value) : typeof value === 'string' ? normalizeText(value) : '';
    if (!/^\d+$/.test(text)) {
      this.fail('contract_violation', field, `${field} is not a digit string: ${shown(value)}`);
      return null;
    }
    return text;
  }

  /** A money column (NUMBER(16,2)) as a decimal string with two places: never a float downstream. */
  money(field: string, opts: FieldOptions = {}): string | null {
    const plain = this.fast ? moneyFast(this.raw(field)) : undefined;
    return plain !== undefined ? plain : this.generalMoney(field, opts);
  }

  private generalMoney(field: string, opts: FieldOptions): string | null {
    const value = this.present(field, opts.required ?? false);
    if (value === undefined) return null;
    const result = toMoney(value);
    if (result.ok) return result.value;
    this.fail(result.code, field, `${field}: ${result.reason}`);
    return null;
  }

  /** A billing cycle (NUMBER(8) YYYYMMDD). */
  cycle(field: string, opts: FieldOptions = {}): number | null {
    const plain = this.fast ? canonicalBillingCycle(this.raw(field)) : undefined;
    return plain !== undefined ? plain : this.generalCycle(field, opts);
  }

  private generalCycle(field: string, opts: FieldOptions): number | null {
    const value = this.present(field, opts.required ?? false);
    if (value === undefined) return null;
    const result = parseBillingCycle(value);
    if (result.ok) return result.value;
    this.fail('invalid_value', field, `${field}: ${result.reason}`);
    return null;
  }

  /** What the row cannot supply itself (the hub's customer id …), given by the sync in the context. */
  reference<T>(name: string, value: T | null | undefined, field?: string): T | null {
    if (value === undefined || value === null || value === '') {
      this.fail('missing_reference', field, `${name} is not resolved for this row`);
      return null;
    }
    return value;
  }

  /** The mapper's answer: the entity when no reason was collected. */
  result<T>(build: () => T): MapResult<T> {
    const reasons = this.collected;
    return reasons !== undefined && reasons.length > 0 ? { ok: false, reasons } : { ok: true, value: build() };
  }
}

/**
 * Whether a row's fields may be read by name directly, as the canonical fast paths of the hot
 * mappers do: a plain object (what contract checks, JSON and the drivers give), so a name either is
 * its own property or is absent (answered undefined, which sends the row the general way). A row of
 * any other prototype is read by RowReader alone.
 */
export function isPlainRow(row: object): boolean {
  const proto: unknown = Object.getPrototypeOf(row);
  return proto === Object.prototype || proto === null;
}

/**
 * RowReader.text's answer for one column of the canonical fast paths when it needs no work (plain
 * ASCII, or null for an optional field), else undefined. It remembers the column's last plain value:
 * a cycle's rows come grouped by service, so VIP, service and account numbers, call types and areas
 * repeat row after row, and a repeat is known plain without scanning it again.
 */
export class PlainColumn {
  private last: string | undefined;

  /** An optional field: null stays null. */
  optional(value: unknown): string | null | undefined {
    return value === null ? null : this.required(value);
  }

  /** A required field: null is not plain text. */
  required(value: unknown): string | undefined {
    if (typeof value !== 'string') return undefined;
    if (value === this.last) return value;
    if (!isPlainAscii(value)) return undefined;
    this.last = value;
    return value;
  }
}

type MoneyResult = { ok: true; value: string } | { ok: false; code: QuarantineReasonCode; reason: string };

const MONEY_TEXT = /^(-?)(\d+)(?:\.(\d{1,2}))?$/;

/** Yuan with two decimal places as an exact string; a third decimal is not a NUMBER(16,2) value. */
export function toMoney(value: unknown): MoneyResult {
  if (typeof value === 'string') {
    const m = MONEY_TEXT.exec(normalizeText(value));
    if (!m) return { ok: false, code: 'contract_violation', reason: `not an amount with at most 2 decimals: '${value}'` };
    const whole = m[2]!.replace(/^0+(?=\d)/, '');
    const sign = m[1] === '-' && /[1-9]/.test(whole + (m[3] ?? '')) ? '-' : '';
    return { ok: true, value: `${sign}${whole}.${(m[3] ?? '').padEnd(2, '0')}` };
  }
  if (typeof value !== 'number' || !Number.isFinite(value)) {
    return { ok: false, code: 'contract_violation', reason: `not an amount: ${String(value)}` };
  }
  const cents = Math.round(value * 100);
  // Past 2^53 cents a double no longer holds every cent: such amounts must come as strings.
  if (!Number.isSafeInteger(cents)) return { ok: false, code: 'invalid_value', reason: `${value} is beyond exact cents` };
  if (Math.abs(value * 100 - cents) > 1e-6 * Math.max(1, Math.abs(value))) {
    return { ok: false, code: 'invalid_value', reason: `${value} has more than 2 decimal places` };
  }
  const abs = Math.abs(cents);
  const sign = cents < 0 ? '-' : '';
  return { ok: true, value: `${sign}${Math.trunc(abs / 100)}.${String(abs % 100).padStart(2, '0')}` };
}

// Two-digit cents without padStart: money() formats every amount of a load.
const CENTS = Array.from({ length: 100 }, (_, i) => String(i).padStart(2, '0'));

/**
 * toMoney's answer for the amounts a load is made of (a number of yuan, or ASCII digits with at most
 * two decimals and an optional minus), by the same arithmetic but without its regex, normalisation
 * and result object; undefined for anything else, which toMoney decides with its reason.
 */
export function moneyFast(value: unknown): string | undefined {
  if (typeof value === 'number') {
    const cents = moneyCents(value);
    return cents === undefined ? undefined : formatCents(cents);
  }
  return typeof value === 'string' ? moneyText(value) : undefined;
}

/** moneyFast's amount of a number as whole cents (a COPY lane writes them without the text); undefined where it has none. */
export function moneyCents(value: number): number | undefined {
  const cents = Math.round(value * 100);
  // NaN, infinities and amounts past exact cents fail here too: toMoney gives their reasons.
  if (!Number.isSafeInteger(cents) || Math.abs(value * 100 - cents) > 1e-6 * Math.max(1, Math.abs(value))) return undefined;
  return cents;
}

/** Whole cents as the amount text: yuan, a point, two digits; no sign on zero. */
export function formatCents(cents: number): string {
  const abs = Math.abs(cents);
  return cents < 0 ? `-${Math.trunc(abs / 100)}.${CENTS[abs % 100]!}` : `${Math.trunc(abs / 100)}.${CENTS[abs % 100]!}`;
}

/** MONEY_TEXT by char codes: [-]digits[.d[d]], leading zeros dropped, no sign on zero. */
function moneyText(text: string): string | undefined {
  const n = text.length;
  let i = text.charCodeAt(0) === 0x2d ? 1 : 0;
  const wholeStart = i;
  let nonZero = false;
  for (; i < n; i++) {
    const c = text.charCodeAt(i);
    if (c < 0x30 || c > 0x39) break;
    if (c !== 0x30) nonZero = true;
  }
  const wholeEnd = i;
  if (wholeEnd === wholeStart) return undefined;
  let fraction = '.00';
  if (i < n) {
    const places = n - i - 1;
    if (text.charCodeAt(i) !== 0x2e || places < 1 || places > 2) return undefined;
    for (let j = i + 1; j < n; j++) {
      const c = text.charCodeAt(j);
      if (c < 0x30 || c > 0x39) return undefined;
      if (c !== 0x30) nonZero = true;
    }
    fraction = places === 2 ? text.slice(i) : `${text.slice(i)}0`;
  }
  let start = wholeStart;
  while (start < wholeEnd - 1 && text.charCodeAt(start) === 0x30) start++;
  const sign = wholeStart === 1 && nonZero ? '-' : '';
  return `${sign}${text.slice(start, wholeEnd)}${fraction}`;
}
