// Byte lengths under the legacy database character set. Oracle VARCHAR2(n) is n BYTES by default, so a
// value that passes `maxLength` (characters) can still be refused on write: 20 bytes hold 10 Chinese
// characters in ZHS16GBK and 6 in AL32UTF8. Reads never need this (the legacy column already holds the
// value); writes toward a legacy column check it before the call (docs/decisions/0006).

import { fitsNumber, isLegacyDateTime, type OracleColumnType } from './oracle-values.ts';

export type LegacyCharset = 'GBK' | 'UTF8';

const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;

let gbkDoubleByte: Set<number> | undefined;

// The code points GBK encodes in two bytes, taken from the platform's own GBK decoder (WHATWG gbk),
// so a character GBK cannot encode at all (an emoji, a rare CJK extension character) is refused
// instead of being counted as 2 bytes and then garbled by the database.
function gbkTable(): Set<number> {
  if (gbkDoubleByte) return gbkDoubleByte;
  const decoder = new TextDecoder('gbk', { fatal: true });
  const table = new Set<number>();
  const pair = new Uint8Array(2);
  for (let lead = 0x81; lead <= 0xfe; lead++) {
    for (let trail = 0x40; trail <= 0xfe; trail++) {
      if (trail === 0x7f) continue;
      pair[0] = lead;
      pair[1] = trail;
      try {
        const text = decoder.decode(pair);
        const cp = text.codePointAt(0);
        if (cp !== undefined && text.length === 1) table.add(cp);
      } catch {
        // not a GBK sequence
      }
    }
  }
  gbkDoubleByte = table;
  return table;
}

/** Bytes `value` takes in the charset, or null when the charset cannot encode one of its characters. */
export function legacyByteLength(value: string, charset: LegacyCharset): number | null {
  if (charset === 'UTF8') {
    // A lone surrogate cannot be stored as UTF-8 either (Buffer would count a replacement character).
    if (LONE_SURROGATE.test(value)) return null;
    return Buffer.byteLength(value, 'utf8');
  }
  let bytes = 0;
  for (const char of value) {
    const cp = char.codePointAt(0) ?? 0;
    if (cp < 0x80) bytes += 1;
    else if (gbkTable().has(cp)) bytes += 2;
    else return null;
  }
  return bytes;
}

/**
 * Whether a value can be written into a legacy column as `x-oracle` describes it. Null fits (whether a
 * column may be null is the schema's business); a VARCHAR2 is measured in bytes of the legacy charset.
 */
export function fitsLegacyColumn(value: unknown, xOracle: OracleColumnType, charset: LegacyCharset): boolean {
  if (value === null || value === undefined) return true;
  switch (xOracle.type) {
    case 'VARCHAR2': {
      if (typeof value !== 'string') return false;
      const limit = xOracle.byteLimit ?? xOracle.length;
      const bytes = legacyByteLength(value, charset);
      return bytes !== null && (limit === undefined || bytes <= limit);
    }
    case 'NUMBER': {
      if (typeof value === 'number') return fitsNumber(value, xOracle.precision, xOracle.scale);
      // NUMBER(p) with p > 15 travels as a digit string.
      if (typeof value === 'string' && /^-?\d+$/.test(value) && (xOracle.scale ?? 0) === 0) {
        const digits = value.replace(/^-?0*/, '').length;
        return xOracle.precision === undefined || digits <= xOracle.precision;
      }
      return false;
    }
    case 'DATE':
      if (value instanceof Date) return !Number.isNaN(value.getTime());
      return typeof value === 'string' && isLegacyDateTime(value);
  }
}
