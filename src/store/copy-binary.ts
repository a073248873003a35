// PostgreSQL's binary COPY format, written by the hub: a signature and header, then per row a field
// count and per field its byte length (-1 for NULL) and the value in the type's binary form, then -1.
//
// Why: in a cycle load the view's server spent a quarter of its COPY parsing text (an instant's text
// alone costs it ~0.4 µs), and the hub built each line as a string only for it to be encoded to UTF-8
// again on the socket. Here each value goes into the chunk's bytes once, and the server only copies
// them. A table whose columns are all of the types below takes this form (copyFormatFor); any other
// keeps the text format.
//
// Each value is taken as the text format would take it: for a text column the same text
// (copyValueText), for the others the value the server would have parsed from that text; a value the
// text format would hand the server to parse but that has no exact binary form here (an instant as a
// string, a bool as 't') is refused with an error, which fails the COPY as the server's would.

import { copyValueText } from './copy-format.ts';
import { decimalOf } from './decimal-text.ts';

export type BinaryColumnType = 'text' | 'int2' | 'int4' | 'int8' | 'numeric' | 'timestamptz' | 'bool' | 'jsonb';

/** pg_type OIDs whose binary form the encoder writes. */
const TYPE_OF_OID: ReadonlyMap<number, BinaryColumnType> = new Map([
  [25, 'text'], [1043, 'text'], [21, 'int2'], [23, 'int4'], [20, 'int8'], [1700, 'numeric'], [1184, 'timestamptz'], [16, 'bool'], [3802, 'jsonb'],
]);

/**
 * What a lane writes a row with: one call per column, in column order, each of the column's type.
 * Every value must be one the text format would take as the same (a text of the column's text).
 */
export interface BinaryRowWriter {
  null(): void;
  text(s: string): void;
  /** text(s) when every character of s is printable ASCII (U+0020–U+007E); false otherwise. */
  printableAscii(s: string): boolean;
  /** int8: a safe integer. */
  int8(n: number): void;
  /** timestamptz: epoch milliseconds. */
  timestamptzMs(ms: number): void;
  /** numeric: whole hundredths, written with display scale 2 (the amount text 'yuan.cc'). */
  numericCents(cents: number): void;
}

/**
 * Writes rows of some shape straight into a binary COPY, without the value array and the values'
 * own objects (a Date, an amount's text) on the way. `write` answers false, having written nothing
 * that counts, for any row it does not take exactly as `values` would: that row then goes by
 * `values`. A lane is used only when its columns and types are those of the COPY.
 */
export interface BinaryLane<R> {
  readonly columns: readonly string[];
  readonly types: readonly BinaryColumnType[];
  /** `index`: the row's place in its batch, as `values` is given it. */
  write(row: R, out: BinaryRowWriter, index: number): boolean;
}

/** The binary types of the columns, or null when one of them has none here (the COPY then takes text). */
export function binaryTypesOf(columns: readonly string[], typeOids: ReadonlyMap<string, number>): BinaryColumnType[] | null {
  const types: BinaryColumnType[] = [];
  for (const c of columns) {
    const oid = typeOids.get(c);
    const type = oid === undefined ? undefined : TYPE_OF_OID.get(oid);
    if (type === undefined) return null;
    types.push(type);
  }
  return types;
}

const SIGNATURE = [0x50, 0x47, 0x43, 0x4f, 0x50, 0x59, 0x0a, 0xff, 0x0d, 0x0a, 0x00];
const HEADER_BYTES = SIGNATURE.length + 8;
const TWO_32 = 4_294_967_296;
const PG_EPOCH_MS = Date.UTC(2000, 0, 1);
const INT_RANGE: Record<'int2' | 'int4', [number, number]> = { int2: [-32_768, 32_767], int4: [-2_147_483_648, 2_147_483_647] };

/** Writes rows into growing byte chunks; a chunk is handed out only at a row boundary. */
export class CopyBinaryWriter implements BinaryRowWriter {
  private bytes: Buffer;
  private pos = 0;

  constructor(private readonly types: readonly BinaryColumnType[], private readonly chunkBytes: number) {
    this.bytes = Buffer.allocUnsafe(chunkBytes + 4096);
  }

  /** True once the chunk holds chunkBytes or more. */
  get full(): boolean {
    return this.pos >= this.chunkBytes;
  }

  get empty(): boolean {
    return this.pos === 0;
  }

  header(): void {
    this.ensure(HEADER_BYTES);
    for (const b of SIGNATURE) this.bytes[this.pos++] = b;
    this.int32(0); // flags: no OIDs
    this.int32(0); // header extension length
  }

  trailer(): void {
    this.ensure(2);
    this.int16(-1);
  }

  /** The bytes written since the last take; the writer starts a fresh chunk. */
  take(): Buffer {
    const chunk = this.bytes.subarray(0, this.pos);
    this.bytes = Buffer.allocUnsafe(this.chunkBytes + 4096);
    this.pos = 0;
    return chunk;
  }

  row(values: readonly unknown[]): void {
    const { types } = this;
    if (values.length !== types.length) throw new Error(`COPY row has ${values.length} values for ${types.length} columns`);
    this.ensure(2);
    this.int16(types.length);
    for (let i = 0; i < types.length; i++) {
      const v = values[i];
      if (v === null || v === undefined) {
        this.ensure(4);
        this.int32(-1);
        continue;
      }
      switch (types[i]) {
        case 'text':
          this.text(typeof v === 'string' ? v : copyValueText(v));
          break;
        case 'int8':
          this.int8(v);
          break;
        case 'numeric':
          this.numeric(v);
          break;
        case 'timestamptz':
          this.timestamptz(v);
          break;
        case 'int4':
        case 'int2':
          this.smallInt(v, types[i] as 'int4' | 'int2');
          break;
        case 'bool':
          if (typeof v !== 'boolean') throw new TypeError(`binary COPY: a bool column takes true or false, not ${describe(v)}`);
          this.ensure(5);
          this.int32(1);
          this.bytes[this.pos++] = v ? 1 : 0;
          break;
        case 'jsonb':
          // Version 1, then the JSON text the text format would have sent.
          this.text(typeof v === 'string' ? v : copyValueText(v), 1);
          break;
      }
    }
  }

  /** The row through the lane; false (nothing written) when the lane declines it. */
  laned<R>(lane: BinaryLane<R>, row: R, index = 0): boolean {
    const mark = this.pos;
    this.ensure(2);
    this.int16(this.types.length);
    if (lane.write(row, this, index)) return true;
    this.pos = mark;
    return false;
  }

  null(): void {
    this.ensure(4);
    this.int32(-1);
  }

  timestamptzMs(ms: number): void {
    this.ensure(12);
    this.int32(8);
    this.micros((ms - PG_EPOCH_MS) * 1000, ms);
  }

  numericCents(cents: number): void {
    if (!Number.isSafeInteger(cents)) throw new RangeError(`binary COPY: ${cents} is not a whole number of cents`);
    const g = GROUPS;
    let abs = Math.abs(cents);
    // Base-10000 groups: the cents as the first fraction group, then the yuan from the right.
    g[7] = (abs % 100) * 100;
    abs = Math.floor(abs / 100);
    let first = 7;
    while (abs > 0) {
      g[--first] = abs % 10_000;
      abs = Math.floor(abs / 10_000);
    }
    this.numericGroups(g, first, 8, 6 - first, cents < 0, 2);
  }

  printableAscii(s: string): boolean {
    const n = s.length;
    this.ensure(4 + n);
    const b = this.bytes;
    let p = this.pos + 4;
    for (let i = 0; i < n; i++) {
      const c = s.charCodeAt(i);
      // Past the end of what counts: the caller's row is rolled back by laned().
      if (c < 0x20 || c > 0x7e) return false;
      b[p++] = c;
    }
    this.int32(n);
    this.pos = p;
    return true;
  }

  /** Length-prefixed UTF-8; plain ASCII (nearly every legacy value) byte by byte, without a native call. */
  text(s: string, version?: number): void {
    const n = s.length;
    const lead = version === undefined ? 0 : 1;
    this.ensure(4 + lead + n * 3);
    const b = this.bytes;
    const at = this.pos;
    let p = at + 4;
    if (version !== undefined) b[p++] = version;
    for (let i = 0; i < n; i++) {
      const c = s.charCodeAt(i);
      if (c >= 0x80) {
        p = at + 4 + lead + b.write(s, at + 4 + lead, 'utf8');
        break;
      }
      b[p++] = c;
    }
    this.pos = at;
    this.int32(p - at - 4);
    this.pos = p;
  }

  int8(v: unknown): void {
    this.ensure(12);
    this.int32(8);
    if (typeof v === 'number' && Number.isSafeInteger(v)) {
      const hi = Math.floor(v / TWO_32);
      this.int32(hi);
      this.int32(v - hi * TWO_32);
      return;
    }
    const big = integerOf(v, 'int8');
    if (big < -(2n ** 63n) || big >= 2n ** 63n) throw new RangeError(`binary COPY: ${big} is out of range for int8`);
    this.bytes.writeBigInt64BE(big, this.pos);
    this.pos += 8;
  }

  private smallInt(v: unknown, type: 'int2' | 'int4'): void {
    const n = typeof v === 'number' && Number.isSafeInteger(v) ? v : Number(integerOf(v, type));
    const [min, max] = INT_RANGE[type];
    if (!(n >= min && n <= max)) throw new RangeError(`binary COPY: ${String(v)} is out of range for ${type}`);
    this.ensure(8);
    if (type === 'int2') {
      this.int32(2);
      this.int16(n);
    } else {
      this.int32(4);
      this.int32(n);
    }
  }

  private timestamptz(v: unknown): void {
    if (!(v instanceof Date)) throw new TypeError(`binary COPY: a timestamptz column takes a Date, not ${describe(v)}`);
    const ms = v.getTime();
    if (Number.isNaN(ms)) throw new RangeError('binary COPY: Invalid Date');
    this.ensure(12);
    this.int32(8);
    this.micros((ms - PG_EPOCH_MS) * 1000, ms);
  }

  private micros(micros: number, ms: number): void {
    if (Number.isSafeInteger(micros)) {
      const hi = Math.floor(micros / TWO_32);
      this.int32(hi);
      this.int32(micros - hi * TWO_32);
    } else {
      this.bytes.writeBigInt64BE(BigInt(ms - PG_EPOCH_MS) * 1000n, this.pos);
      this.pos += 8;
    }
  }

  /** NUMERIC's wire form: base-10000 digits, the weight of the first, the sign, the display scale. */
  private numeric(v: unknown): void {
    if (typeof v === 'string' && this.plainNumeric(v)) return;
    const text = typeof v === 'string' ? v : typeof v === 'number' || typeof v === 'bigint' ? copyValueText(v) : null;
    const d = text === null ? null : decimalOf(text);
    if (d === null) throw new TypeError(`binary COPY: a numeric column takes a decimal number, not ${describe(v)}`);
    // Base-10000 groups aligned on the decimal point: pad the integer digits on the left and the
    // fraction digits on the right to whole groups.
    const intLen = d.point;
    const padLeft = (4 - (intLen % 4)) % 4;
    const fracLen = d.digits.length - d.point;
    const padRight = (4 - (fracLen % 4)) % 4;
    const all = '0'.repeat(padLeft) + d.digits + '0'.repeat(padRight);
    const groups: number[] = [];
    for (let i = 0; i < all.length; i += 4) groups.push(Number(all.slice(i, i + 4)));
    this.numericGroups(groups, 0, groups.length, (padLeft + intLen) / 4 - 1, d.negative, d.scale);
  }

  /** Writes groups[start, count) as a NUMERIC, zero groups at either end dropped; weight is groups[start]'s. */
  private numericGroups(g: readonly number[], start: number, count: number, weight: number, negative: boolean, scale: number): void {
    let first = start;
    while (first < count && g[first] === 0) {
      first++;
      weight--;
    }
    while (count > first && g[count - 1] === 0) count--;
    const ndigits = count - first;
    if (ndigits === 0) weight = 0;
    this.ensure(12 + 2 * ndigits);
    this.int32(8 + 2 * ndigits);
    this.int16(ndigits);
    this.int16(weight);
    this.int16(negative && ndigits > 0 ? 0x4000 : 0);
    this.int16(scale);
    for (let k = first; k < count; k++) this.int16(g[k]!);
  }

  /**
   * numeric() for the text of nearly every amount, [-]digits[.digits] with at most 28 digits each
   * side, by char codes and without allocating; false (nothing written) for any other text.
   */
  private plainNumeric(t: string): boolean {
    const n = t.length;
    let i = n > 0 && t.charCodeAt(0) === 0x2d ? 1 : 0;
    const negative = i === 1;
    while (i < n && t.charCodeAt(i) === 0x30) i++; // leading zeros carry nothing
    const intStart = i;
    while (i < n && isDigit(t.charCodeAt(i))) i++;
    const intEnd = i;
    let fracStart = i;
    let fracEnd = i;
    if (i < n) {
      if (t.charCodeAt(i) !== 0x2e) return false;
      fracStart = ++i;
      while (i < n && isDigit(t.charCodeAt(i))) i++;
      fracEnd = i;
      if (i < n) return false;
    }
    const intDigits = intEnd - intStart;
    const scale = fracEnd - fracStart;
    // Nothing but a sign, or a point without digits on either side: the general path decides.
    if ((intDigits === 0 && scale === 0 && intStart === (negative ? 1 : 0)) || intDigits > 28 || scale > 28) return false;
    const g = GROUPS;
    let count = 0;
    // Integer groups from the point leftwards: the first may be short.
    let p = intStart;
    let width = intDigits % 4 || 4;
    while (p < intEnd) {
      let d = 0;
      for (const end = p + width; p < end; p++) d = d * 10 + t.charCodeAt(p) - 0x30;
      g[count++] = d;
      width = 4;
    }
    const weight = count - 1;
    for (p = fracStart; p < fracEnd; ) {
      let d = 0;
      for (let k = 0; k < 4; k++, p++) d = d * 10 + (p < fracEnd ? t.charCodeAt(p) - 0x30 : 0);
      g[count++] = d;
    }
    this.numericGroups(g, 0, count, weight, negative, scale);
    return true;
  }

  private int32(n: number): void {
    const b = this.bytes;
    b[this.pos] = n >>> 24;
    b[this.pos + 1] = n >>> 16;
    b[this.pos + 2] = n >>> 8;
    b[this.pos + 3] = n;
    this.pos += 4;
  }

  private int16(n: number): void {
    this.bytes[this.pos] = n >>> 8;
    this.bytes[this.pos + 1] = n;
    this.pos += 2;
  }

  private ensure(n: number): void {
    if (this.pos + n <= this.bytes.length) return;
    const grown = Buffer.allocUnsafe(Math.max(this.bytes.length * 2, this.pos + n));
    this.bytes.copy(grown, 0, 0, this.pos);
    this.bytes = grown;
  }
}

/** Scratch for plainNumeric's base-10000 groups (7 + 7 at most). */
const GROUPS = new Array<number>(16).fill(0);
const isDigit = (c: number): boolean => c >= 0x30 && c <= 0x39;

function describe(v: unknown): string {
  return typeof v === 'string' ? JSON.stringify(v) : typeof v === 'object' ? Object.prototype.toString.call(v) : `${typeof v} ${String(v)}`;
}

function integerOf(v: unknown, type: string): bigint {
  if (typeof v === 'bigint') return v;
  if (typeof v === 'string' && /^\s*[+-]?\d+\s*$/.test(v)) return BigInt(v.trim());
  throw new TypeError(`binary COPY: an ${type} column takes an integer, not ${describe(v)}`);
}
