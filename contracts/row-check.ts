// The good-row fast path of checkRow: each contract's `$defs.row` compiled into one function per driver
// row shape (the key list a driver hands, the same row after row) that normalises and checks in a single
// pass, over ten times cheaper than normalizeRow + ajv on a billing cycle's millions of rows. ajv stays
// the authority and the only source of error reports: this path answers a row only when it is certainly
// valid and null otherwise, and checkRow then asks ajv. The compiler refuses any schema keyword it does
// not implement, so a contract change cannot let through rows it never checked
// (test/contracts/row-check.test.ts proves the answers equal ajv's on every contract).

import { contractOf, interfacePoints, type ColumnSchema, type ObjectSchema } from './registry.ts';
import { coerceValue, columnKind, daysInMonth, decimalsOf, isYyyymmdd, type ColumnKind } from './oracle-values.ts';

/** A normalised row when it is certainly valid, null when it may not be (ask ajv). */
export type RowChecker = (raw: Readonly<Record<string, unknown>>) => Record<string, unknown> | null;

const ROW_KEYWORDS = new Set(['type', 'properties', 'required', 'additionalProperties']);
const COLUMN_KEYWORDS = new Set(['type', 'maxLength', 'minLength', 'minimum', 'maximum', 'pattern', 'format', 'x-format', 'x-oracle']);
// Keywords that change no answer of ajv's (they are registered as annotations in contracts/registry.ts).
const ANNOTATIONS = new Set([
  'description', 'title', '$comment', 'examples',
  'x-assumption', 'x-decision', 'x-source', 'x-interface-point', 'x-legacy-date-text', 'x-legacy-name', 'x-key', 'x-element',
]);
const TYPES = new Set(['string', 'number', 'integer', 'null']);
// The pattern every DATE column carries next to `format: legacy-date-time`, which already implies it.
const DATE_TIME_PATTERN = '^[0-9]{4}-(0[1-9]|1[0-2])-(0[1-9]|[12][0-9]|3[01]) ([01][0-9]|2[0-3]):[0-5][0-9]:[0-5][0-9]$';
// Property names an object literal or ajv's `data.name !== undefined` would not treat as plain data.
const RESERVED = (name: string) => name === '__proto__' || name in Object.prototype;

/** ajv's own count (ajv/dist/runtime/ucs2length): code points, a lone surrogate counting as one. */
export function ucs2length(text: string): number {
  const length = text.length;
  let count = 0;
  let pos = 0;
  while (pos < length) {
    count++;
    const unit = text.charCodeAt(pos++);
    if (unit >= 0xd800 && unit <= 0xdbff && pos < length && (text.charCodeAt(pos) & 0xfc00) === 0xdc00) pos++;
  }
  return count;
}

function digitsAt(text: string, from: number, count: number): number {
  let value = 0;
  for (let i = from; i < from + count; i++) {
    const d = text.charCodeAt(i) - 48;
    if (d < 0 || d > 9) return -1;
    value = value * 10 + d;
  }
  return value;
}

/** isLegacyDateTime without its regex and array: the same answer for every string. */
export function isDateTimeText(text: string): boolean {
  if (text.length !== 19) return false;
  if (text.charCodeAt(4) !== 45 || text.charCodeAt(7) !== 45 || text.charCodeAt(10) !== 32) return false;
  if (text.charCodeAt(13) !== 58 || text.charCodeAt(16) !== 58) return false;
  const year = digitsAt(text, 0, 4);
  const month = digitsAt(text, 5, 2);
  const day = digitsAt(text, 8, 2);
  const hour = digitsAt(text, 11, 2);
  const minute = digitsAt(text, 14, 2);
  const second = digitsAt(text, 17, 2);
  if (year < 0 || hour < 0 || hour > 23 || minute < 0 || minute > 59 || second < 0 || second > 59) return false;
  return month >= 1 && month <= 12 && day >= 1 && day <= daysInMonth(year, month);
}

const POWERS_OF_TEN = Array.from({ length: 16 }, (_, i) => 10 ** i);

/**
 * `[-+]?digits[.digits]` (what drivers send for NUMERIC) of at most 15 digits as Number() reads it, else
 * undefined. Exact by Clinger's fast path: the digits and 10^fraction are exact doubles, so the one
 * division rounds correctly, as Number() does; anything longer or odder is left to coerceValue.
 */
export function plainNumber(text: string): number | undefined {
  const length = text.length;
  let i = 0;
  let c = text.charCodeAt(0);
  const negative = c === 45;
  if (negative || c === 43) c = text.charCodeAt(++i);
  let mantissa = 0;
  let digits = 0;
  while (c >= 48 && c <= 57) {
    mantissa = mantissa * 10 + (c - 48);
    digits++;
    c = text.charCodeAt(++i);
  }
  let decimals = 0;
  if (c === 46) {
    c = text.charCodeAt(++i);
    while (c >= 48 && c <= 57) {
      mantissa = mantissa * 10 + (c - 48);
      decimals++;
      c = text.charCodeAt(++i);
    }
  }
  if (i !== length || digits + decimals === 0 || digits + decimals > 15) return undefined;
  const value = decimals === 0 ? mantissa : mantissa / POWERS_OF_TEN[decimals]!;
  return negative ? -value : value;
}

/**
 * At most `scale` decimals, as decimalsOf counts them. Math.round(v·10^s)/10^s === v means a decimal of
 * at most s places rounds to v, and the shortest round-trip text of v never has more places than any
 * decimal that rounds to it; below 2^50/10^s the converse holds too, so decimalsOf is rarely needed.
 */
export function fitsScale(value: number, scale: number, factor: number): boolean {
  return Number.isInteger(value) || Math.round(value * factor) / factor === value || decimalsOf(value) <= scale;
}

/** What a column's own check function answers for a value it is not sure of. */
const FAIL = Symbol('not certainly valid');
const helpers = { ucs2length, isDateTimeText, plainNumber, fitsScale, isYyyymmdd, coerceValue, FAIL };

interface Column {
  name: string;
  required: boolean;
  /** Statements: coerce the driver value `v` into `c` as coerceValue does, then `return null` on any doubt. */
  code: (v: string, c: string) => string;
  regexes: RegExp[];
}

function refuse(where: string, what: string): never {
  throw new Error(`contracts/row-check: ${where}: ${what} is not implemented by the fast row checker`);
}

function only(schema: Record<string, unknown>, allowed: Set<string>, where: string): void {
  for (const keyword of Object.keys(schema)) {
    if (!allowed.has(keyword) && !ANNOTATIONS.has(keyword)) refuse(where, `keyword ${JSON.stringify(keyword)}`);
  }
}

function count(schema: ColumnSchema, keyword: string, where: string): number | undefined {
  const value = schema[keyword];
  if (value === undefined) return undefined;
  if (typeof value !== 'number' || !Number.isFinite(value)) refuse(where, `${keyword} ${JSON.stringify(value)}`);
  return value;
}

const coerceCode: Record<ColumnKind, (v: string, c: string) => string> = {
  text: (v, c) => `${c} = ${v};`,
  number: (v, c) =>
    `${c} = typeof ${v} === 'string' ? (h.plainNumber(${v}) ?? h.coerceValue('number', ${v}))` +
    ` : typeof ${v} === 'bigint' ? h.coerceValue('number', ${v}) : ${v};`,
  digits: (v, c) =>
    `${c} = typeof ${v} === 'number' && Number.isSafeInteger(${v}) ? String(${v})` +
    ` : typeof ${v} === 'bigint' ? h.coerceValue('digits', ${v}) : ${v};`,
  // Text already `YYYY-MM-DD HH:MM:SS` is what coerceValue would answer; anything else goes through it.
  date: (v, c) =>
    `${c} = typeof ${v} === 'string' && ${v}.length === 19 && ${v}.charCodeAt(10) === 32 ? ${v}` +
    ` : typeof ${v} === 'string' || (typeof ${v} === 'object' && ${v} !== null) ? h.coerceValue('date', ${v}) : ${v};`,
};

/** One column's checks; its patterns are numbered from `firstRegex` in the contract's list. */
function compileColumn(name: string, schema: ColumnSchema, required: boolean, where: string, firstRegex: number): Column {
  only(schema, COLUMN_KEYWORDS, where);
  const types = Array.isArray(schema.type) ? (schema.type as unknown[]) : [schema.type];
  if (types.length === 0 || types.some((t) => typeof t !== 'string' || !TYPES.has(t))) refuse(where, `type ${JSON.stringify(schema.type)}`);
  const kind = columnKind(schema);
  const strings: string[] = [];
  const numbers: string[] = [];
  const regexes: RegExp[] = [];
  const maxLength = count(schema, 'maxLength', where);
  const minLength = count(schema, 'minLength', where);
  // UTF-16 length bounds the code points from above and twice of it from below: count only in between.
  if (maxLength !== undefined) strings.push(`if (c.length > ${maxLength} && h.ucs2length(c) > ${maxLength}) return null;`);
  if (minLength !== undefined && minLength > 0) {
    const counted = minLength > 1 ? ` || (c.length < ${2 * minLength - 1} && h.ucs2length(c) < ${minLength})` : '';
    strings.push(`if (c.length < ${minLength}${counted}) return null;`);
  }
  const format = schema['format'];
  if (format !== undefined) {
    if (format !== 'legacy-date-time') refuse(where, `format ${JSON.stringify(format)}`);
    strings.push('if (!h.isDateTimeText(c)) return null;');
  }
  const pattern = schema['pattern'];
  if (pattern !== undefined) {
    if (typeof pattern !== 'string') refuse(where, `pattern ${JSON.stringify(pattern)}`);
    if (!(pattern === DATE_TIME_PATTERN && format === 'legacy-date-time')) {
      // ajv compiles patterns with the u flag (unicodeRegExp defaults to true).
      strings.push(`if (!h.regexes[${firstRegex + regexes.length}].test(c)) return null;`);
      regexes.push(new RegExp(pattern, 'u'));
    }
  }
  const minimum = count(schema, 'minimum', where);
  const maximum = count(schema, 'maximum', where);
  if (minimum !== undefined) numbers.push(`if (c < ${minimum}) return null;`);
  if (maximum !== undefined) numbers.push(`if (c > ${maximum}) return null;`);
  const xFormat = schema['x-format'];
  if (xFormat !== undefined) {
    if (xFormat !== 'YYYYMMDD' && xFormat !== 'YYYYMMDD|-1') refuse(where, `x-format ${JSON.stringify(xFormat)}`);
    numbers.push(`if (!h.isYyyymmdd(c)${xFormat === 'YYYYMMDD|-1' ? ' && c !== -1' : ''}) return null;`);
  }
  const oracle = schema['x-oracle'] as unknown;
  if (oracle !== undefined) {
    if (typeof oracle !== 'object' || oracle === null) refuse(where, `x-oracle ${JSON.stringify(oracle)}`);
    const { type, precision, scale } = oracle as { type?: unknown; precision?: unknown; scale?: unknown };
    if (type === 'NUMBER') {
      // fitsNumber, with its 10 ** (precision - scale) folded into the code.
      const valid = (n: unknown) => n === undefined || (typeof n === 'number' && Number.isInteger(n) && n >= 0 && n <= 22);
      if (!valid(precision) || !valid(scale)) refuse(where, `x-oracle ${JSON.stringify(oracle)}`);
      const s = (scale as number | undefined) ?? 0;
      if (precision !== undefined || scale !== undefined) {
        if (s > 0) numbers.push(`if (!h.fitsScale(c, ${s}, ${10 ** s})) return null;`);
        else if (!types.includes('integer') || types.includes('number')) numbers.push('if (!Number.isInteger(c)) return null;');
      }
      if (precision !== undefined) {
        const bound = 10 ** ((precision as number) - s);
        numbers.push(`if (!(c < ${bound} && c > ${-bound})) return null;`);
      }
    }
  }
  // ajv's type check (strictNumbers: a number is finite) and then the keywords of that type.
  const numberTest = types.includes('number') ? 'Number.isFinite(c)' : types.includes('integer') ? 'Number.isInteger(c)' : null;
  const check = [
    `if (c === null) { ${types.includes('null') ? '' : 'return null;'} }`,
    types.includes('string') ? `else if (typeof c === 'string') { ${strings.join(' ')} }` : '',
    numberTest ? `else if (typeof c === 'number') { if (!${numberTest}) return null; ${numbers.join(' ')} }` : '',
    'else return null;',
  ]
    .filter(Boolean)
    .join('\n');
  return {
    name,
    required,
    regexes,
    // Each column's checks run in a block of their own with `c` bound to the coerced value.
    code: (v, c) => `${coerceCode[kind](v, c)}\n{ const c = ${c};\n${check}\n}`,
  };
}

/**
 * The fast checker of one row schema. Throws when the schema uses anything this compiler does not
 * implement, so that the schema and the fast path cannot drift apart unnoticed.
 */
export function compileRowChecker(row: ObjectSchema, where = 'row'): RowChecker {
  only(row, ROW_KEYWORDS, where);
  if (row.type !== 'object') refuse(where, `type ${JSON.stringify(row.type)}`);
  if (row.additionalProperties !== false) refuse(where, `additionalProperties ${JSON.stringify(row.additionalProperties)}`);
  const required = row.required ?? [];
  if (!Array.isArray(required) || required.some((name) => typeof name !== 'string' || !Object.hasOwn(row.properties, name))) {
    refuse(where, `required ${JSON.stringify(required)}`);
  }
  const columns: Column[] = [];
  const byLowerName = new Map<string, number>();
  for (const [name, schema] of Object.entries(row.properties)) {
    if (RESERVED(name)) refuse(where, `column name ${JSON.stringify(name)}`);
    const firstRegex = columns.reduce((n, c) => n + c.regexes.length, 0);
    columns.push(compileColumn(name, schema, required.includes(name), `${where}/${name}`, firstRegex));
    // registry's normalizeRow matches driver names the same way.
    byLowerName.set(name.toLowerCase(), columns.length - 1);
  }
  return shapeDispatcher(columns, byLowerName);
}

// A driver hands one or a few shapes per contract. Past MAX_SHAPES the cache starts over; past
// MAX_COMPILES (a compile costs as much as a few hundred rows) new shapes stay on the generic path.
const MAX_SHAPES = 32;
const MAX_COMPILES = 256;
const MAX_SEEN = 1_000;

type Factory = (h: object) => RowChecker;

function shapeDispatcher(columns: Column[], byLowerName: Map<string, number>): RowChecker {
  const context = { ...helpers, regexes: columns.flatMap((c) => c.regexes) };
  const generic = genericChecker(columns, byLowerName, context);
  const shapes = new Map<string, RowChecker>();
  const seen = new Set<string>();
  let compiles = 0;
  let lastKeys: string[] = [];
  let last: RowChecker = () => null;
  const miss = (raw: Readonly<Record<string, unknown>>) => {
    const keys = Object.keys(raw);
    const signature = JSON.stringify(keys);
    let fn = shapes.get(signature);
    if (!fn) {
      // An odd row's shape is checked generically; only a shape met again is worth compiling.
      if (!seen.has(signature) || compiles >= MAX_COMPILES) {
        if (seen.size >= MAX_SEEN) seen.clear();
        seen.add(signature);
        return generic(raw);
      }
      seen.delete(signature);
      if (shapes.size >= MAX_SHAPES) shapes.clear();
      compiles++;
      fn = compileShape(columns, byLowerName, keys, context);
      shapes.set(signature, fn);
    }
    lastKeys = keys;
    last = fn;
    return fn(raw);
  };
  return (raw) => {
    // for…in walks the same own keys in the same order as Object.keys without allocating; inherited
    // enumerable keys come after the own ones, so an own last key proves none of them was inherited.
    const keys = lastKeys;
    let i = 0;
    for (const key in raw) if (key !== keys[i++]) return miss(raw);
    if (i !== keys.length || (i > 0 && !Object.hasOwn(raw, keys[i - 1] as string))) return miss(raw);
    return last(raw);
  };
}

/** normalizeRow's loop with each column's compiled check: for rows of shapes not (yet) compiled. */
function genericChecker(columns: Column[], byLowerName: Map<string, number>, context: object): RowChecker {
  const checks = columns.map((column) => {
    const body = column.code('v', 'value').replaceAll('return null;', 'return h.FAIL;');
    return (new Function('h', `'use strict';\nreturn function checkColumn(v) {\nlet value;\n${body}\nreturn value;\n};`) as Factory)(context) as (
      value: unknown,
    ) => unknown;
  });
  const requiredCount = columns.filter((c) => c.required).length;
  return (raw) => {
    const out: Record<string, unknown> = {};
    let required = 0;
    for (const key of Object.keys(raw)) {
      const value = raw[key];
      if (value === undefined) continue;
      const j = byLowerName.get(key.toLowerCase());
      if (j === undefined) return null;
      const column = columns[j] as Column;
      if (Object.hasOwn(out, column.name)) return null;
      const coerced = (checks[j] as (value: unknown) => unknown)(value);
      if (coerced === FAIL) return null;
      out[column.name] = coerced;
      if (column.required) required++;
    }
    return required === requiredCount ? out : null;
  };
}

function compileShape(columns: Column[], byLowerName: Map<string, number>, keys: string[], context: object): RowChecker {
  const slotsOf = columns.map((): number[] => []);
  const lines: string[] = [];
  keys.forEach((key, i) => {
    lines.push(`const v${i} = raw[${JSON.stringify(key)}];`);
    const column = byLowerName.get(key.toLowerCase());
    // normalizeRow keeps a column the contract does not name, which additionalProperties then refuses.
    if (column === undefined) lines.push(`if (v${i} !== undefined) return null;`);
    else slotsOf[column]?.push(i);
  });
  const defined = (i: number) => `v${i} !== undefined`;
  columns.forEach((column, j) => {
    const slots = slotsOf[j] ?? [];
    // Two driver names folding to one column: normalizeRow keeps the second apart and validation fails.
    if (slots.length > 1) lines.push(`if (${slots.map((i) => `(${defined(i)})`).join(' + ')} > 1) return null;`);
    if (column.required) lines.push(slots.length === 0 ? 'return null;' : `if (!(${slots.map(defined).join(' || ')})) return null;`);
    for (const i of slots) {
      const body = column.code(`v${i}`, `c${i}`);
      lines.push(`let c${i};`, column.required && slots.length === 1 ? body : `if (${defined(i)}) {\n${body}\n}`);
    }
  });
  // Output keys in the driver's order, as normalizeRow inserts them; undefined values are skipped.
  const known = keys.flatMap((key, i) => {
    const column = byLowerName.get(key.toLowerCase());
    return column === undefined ? [] : [{ i, name: JSON.stringify((columns[column] as Column).name), column: columns[column] as Column }];
  });
  const folded = known.length !== new Set(known.map((k) => k.name)).size;
  const optional = known.filter((k) => !(k.column.required && !folded)).map((k) => defined(k.i));
  if (!folded) {
    const literal = `{ ${known.map((k) => `${k.name}: c${k.i}`).join(', ')} }`;
    lines.push(optional.length === 0 ? `return ${literal};` : `if (${optional.join(' && ')}) return ${literal};`);
  }
  if (folded || optional.length > 0) {
    lines.push('const out = {};', ...known.map((k) => `if (${defined(k.i)}) out[${k.name}] = c${k.i};`), 'return out;');
  }
  // Driver keys enter the code only as JSON string literals; everything else comes from the contract.
  return (new Function('h', `'use strict';\nreturn function checkRowShape(raw) {\n${lines.join('\n')}\n};`) as Factory)(context);
}

const checkers = new Map<string, RowChecker>();
for (const point of interfacePoints()) {
  const row = contractOf(point.id).row;
  if (row) checkers.set(point.id, compileRowChecker(row, `${point.contract} $defs/row`));
}

/**
 * The normalised row (what normalizeRow answers) when the row is certainly valid against its contract,
 * null otherwise: then normalizeRow + validateRow decide and say why.
 */
export function checkRowFast(pointId: string, raw: Readonly<Record<string, unknown>>): Record<string, unknown> | null {
  const checker = checkers.get(pointId);
  return checker ? checker(raw) : null;
}
