// TMF630 query mechanics, read from the URL once and checked against what the resource declares:
//   fields=a,b             projection (id, href, @type always kept)
//   sort=-level,name       sort keys, `-` descending, `+` or nothing ascending
//   offset=40&limit=20     paging (X-Total-Count / X-Result-Count / Link)
//   cursor=                keyset paging for large collections (no offset, no total): empty starts
//                          the walk, each answer's Link rel=next carries the next cursor
//   status=formal          any other key filters on an attribute; `a,b` means either value
//   statusTime.gte=…       ordered attributes also take .gt .gte .lt .lte, and every one .ne
// One documented form (the dot suffix) rather than TMF's `attr>value`, which needs a `>` in a URL
// that proxies and shells like to mangle. Values become SQL parameters; columns come only from the
// resource's allow-list.

import { ApiProblem, type ValidationIssue } from './problem.ts';
import { and, column, or, sql, type SqlFragment } from './sql-fragment.ts';

export type AttributeType = 'string' | 'integer' | 'number' | 'date' | 'boolean';

export interface FilterableAttribute {
  column: string;
  type: AttributeType;
  /** When set, the only values accepted (an enum in the contract). */
  values?: readonly string[];
}

export interface SortableAttribute {
  column: string;
  /** Keyset (cursor) paging needs NOT NULL sort columns: a NULL never compares greater. */
  nullable?: boolean;
}

export interface CollectionSpec {
  filterable: Readonly<Record<string, FilterableAttribute>>;
  sortable: Readonly<Record<string, SortableAttribute>>;
  /** Unique, NOT NULL: the last sort key, so paging is stable. */
  key: { attribute: string; column: string };
  defaultSort?: readonly string[];
  defaultLimit?: number;
  maxLimit?: number;
}

export const RESERVED_QUERY_KEYS = ['fields', 'sort', 'offset', 'limit', 'cursor'] as const;
export const ALWAYS_PROJECTED = ['id', 'href', '@type'] as const;
const OPERATORS = ['eq', 'ne', 'gt', 'gte', 'lt', 'lte'] as const;
type Operator = (typeof OPERATORS)[number];
const SQL_OPERATOR: Record<Operator, string> = { eq: '=', ne: '<>', gt: '>', gte: '>=', lt: '<', lte: '<=' };
const MAX_OFFSET = 1_000_000;
const MAX_LIST_VALUES = 50;
const MAX_VALUE_LENGTH = 200;

export interface SortKey {
  attribute: string;
  column: string;
  descending: boolean;
}

export interface TmfQuery {
  /** Undefined: every field. */
  fields: string[] | undefined;
  filter: SqlFragment;
  sort: SortKey[];
  offset: number;
  limit: number;
  /** Decoded keyset position; set only on cursor paging. */
  after: unknown[] | undefined;
  cursorMode: boolean;
}

type RawQuery = Record<string, string[]>;

/** `fields=` alone, for single-resource reads. */
export function parseFields(raw: RawQuery, projectable: readonly string[] | undefined, issues: ValidationIssue[]): string[] | undefined {
  const values = raw['fields'];
  if (values === undefined) return undefined;
  if (values.length > 1) issues.push({ path: 'query.fields', message: 'give fields once, comma-separated' });
  const names = (values[0] ?? '').split(',').map((f) => f.trim()).filter((f) => f !== '');
  if (names.length === 0) issues.push({ path: 'query.fields', message: 'name at least one field' });
  const allowed = new Set([...(projectable ?? []), ...ALWAYS_PROJECTED]);
  for (const name of names) {
    if (!allowed.has(name)) issues.push({ path: 'query.fields', message: `unknown field "${clip(name)}"; known: ${[...allowed].join(', ')}` });
  }
  return names;
}

export function parseTmfQuery(raw: RawQuery, spec: CollectionSpec, projectable: readonly string[] | undefined): TmfQuery {
  const issues: ValidationIssue[] = [];
  const fields = parseFields(raw, projectable, issues);
  const maxLimit = spec.maxLimit ?? 500;
  const limit = integerParam(raw, 'limit', spec.defaultLimit ?? 50, 1, maxLimit, issues);
  const offset = integerParam(raw, 'offset', 0, 0, MAX_OFFSET, issues);
  const sort = parseSort(raw, spec, issues);
  const cursorText = single(raw, 'cursor', issues);
  let after: unknown[] | undefined;
  if (cursorText !== undefined) {
    if (raw['offset'] !== undefined) issues.push({ path: 'query.cursor', message: 'cursor and offset exclude each other' });
    const nullable = sort.filter((k) => spec.sortable[k.attribute]?.nullable);
    if (nullable.length > 0) {
      issues.push({ path: 'query.sort', message: `cursor paging cannot sort by nullable ${nullable.map((k) => k.attribute).join(', ')}` });
    }
    after = cursorText === '' ? undefined : decodeCursor(cursorText, sort, issues);
  }
  const filter = parseFilters(raw, spec, issues);
  if (issues.length > 0) throw new ApiProblem('validation', 'The query parameters are not valid for this collection.', { errors: issues });
  return { fields, filter, sort, offset, limit, after, cursorMode: cursorText !== undefined };
}

function single(raw: RawQuery, name: string, issues: ValidationIssue[]): string | undefined {
  const values = raw[name];
  if (values === undefined) return undefined;
  if (values.length > 1) issues.push({ path: `query.${name}`, message: `give ${name} once` });
  return values[0];
}

function integerParam(raw: RawQuery, name: string, fallback: number, min: number, max: number, issues: ValidationIssue[]): number {
  const text = single(raw, name, issues);
  if (text === undefined) return fallback;
  if (!/^\d{1,9}$/.test(text) || Number(text) < min || Number(text) > max) {
    issues.push({ path: `query.${name}`, message: `expected an integer ${min}–${max}` });
    return fallback;
  }
  return Number(text);
}

function parseSort(raw: RawQuery, spec: CollectionSpec, issues: ValidationIssue[]): SortKey[] {
  const text = single(raw, 'sort', issues);
  const names = text === undefined ? [...(spec.defaultSort ?? [])] : text.split(',').map((s) => s.trim()).filter((s) => s !== '');
  const keys: SortKey[] = [];
  for (const name of names) {
    const descending = name.startsWith('-');
    const attribute = name.replace(/^[+-]/, '');
    const sortable = Object.hasOwn(spec.sortable, attribute) ? spec.sortable[attribute] : undefined;
    if (!sortable) {
      issues.push({ path: 'query.sort', message: `cannot sort by "${clip(attribute)}"; sortable: ${Object.keys(spec.sortable).join(', ')}` });
      continue;
    }
    if (keys.some((k) => k.attribute === attribute)) continue;
    keys.push({ attribute, column: sortable.column, descending });
  }
  // The unique key last makes every order total, which offset and keyset paging both need.
  if (!keys.some((k) => k.attribute === spec.key.attribute)) {
    keys.push({ attribute: spec.key.attribute, column: spec.key.column, descending: false });
  }
  return keys;
}

function parseFilters(raw: RawQuery, spec: CollectionSpec, issues: ValidationIssue[]): SqlFragment {
  const parts: SqlFragment[] = [];
  for (const [key, values] of Object.entries(raw)) {
    if ((RESERVED_QUERY_KEYS as readonly string[]).includes(key)) continue;
    const dot = key.lastIndexOf('.');
    const suffix = dot > 0 ? key.slice(dot + 1) : '';
    const operator: Operator = (OPERATORS as readonly string[]).includes(suffix) ? (suffix as Operator) : 'eq';
    const attribute = suffix === operator ? key.slice(0, dot) : key;
    const path = `query.${clip(key)}`;
    const attr = Object.hasOwn(spec.filterable, attribute) ? spec.filterable[attribute] : undefined;
    if (!attr) {
      issues.push({ path, message: `unknown query parameter or filter; filterable: ${Object.keys(spec.filterable).join(', ') || 'none'}` });
      continue;
    }
    if (values.length > 1) {
      issues.push({ path, message: 'give each filter once; use a comma-separated list for alternatives' });
      continue;
    }
    const ordered = attr.type !== 'boolean' && attr.type !== 'string';
    if (['gt', 'gte', 'lt', 'lte'].includes(operator) && !ordered) {
      issues.push({ path, message: `.${operator} needs an ordered attribute (number or date)` });
      continue;
    }
    const texts = (values[0] ?? '').split(',');
    if (texts.length > MAX_LIST_VALUES || (texts.length > 1 && operator !== 'eq' && operator !== 'ne')) {
      issues.push({ path, message: `a list of up to ${MAX_LIST_VALUES} values is allowed with = and .ne only` });
      continue;
    }
    const converted = texts.map((t) => convertValue(t, attr, path, issues));
    if (converted.some((v) => v === INVALID)) continue;
    const col = column(attr.column);
    const each = converted.map((v) => ({ text: `${col.text} ${SQL_OPERATOR[operator]} ?`, params: [v] }));
    parts.push(operator === 'ne' ? and(each) : or(each));
  }
  return and(parts);
}

const INVALID = Symbol('invalid');

function convertValue(text: string, attr: FilterableAttribute, path: string, issues: ValidationIssue[]): unknown {
  const fail = (message: string) => {
    issues.push({ path, message });
    return INVALID;
  };
  if (text.length > MAX_VALUE_LENGTH) return fail(`a value is at most ${MAX_VALUE_LENGTH} characters`);
  if (attr.values && !attr.values.includes(text)) return fail(`expected one of ${attr.values.join(', ')}`);
  switch (attr.type) {
    case 'string':
      return text;
    case 'integer':
      return /^-?\d{1,15}$/.test(text) ? Number(text) : fail('expected an integer');
    case 'number':
      return /^-?\d{1,15}(\.\d{1,6})?$/.test(text) ? Number(text) : fail('expected a number');
    case 'boolean':
      return text === 'true' ? true : text === 'false' ? false : fail('expected true or false');
    case 'date': {
      const ok = /^\d{4}-\d{2}-\d{2}(T\d{2}:\d{2}(:\d{2}(\.\d{1,6})?)?(Z|[+-]\d{2}:\d{2}))?$/.test(text);
      return ok && !Number.isNaN(Date.parse(text)) ? new Date(text).toISOString() : fail('expected an ISO 8601 date or date-time with zone');
    }
  }
}

/** The keyset position of a row: its sort values, in order. */
export function encodeCursor(sort: readonly SortKey[], values: readonly unknown[]): string {
  const normal = values.map((v) => (v instanceof Date ? v.toISOString() : v));
  return Buffer.from(JSON.stringify({ s: sort.map(sortToken), v: normal })).toString('base64url');
}

function sortToken(k: SortKey): string {
  return `${k.descending ? '-' : ''}${k.attribute}`;
}

function decodeCursor(text: string, sort: readonly SortKey[], issues: ValidationIssue[]): unknown[] | undefined {
  const fail = (message: string) => {
    issues.push({ path: 'query.cursor', message });
    return undefined;
  };
  if (text.length > 2048 || !/^[A-Za-z0-9_-]+$/.test(text)) return fail('not a cursor this API issued');
  let decoded: unknown;
  try {
    decoded = JSON.parse(Buffer.from(text, 'base64url').toString('utf8'));
  } catch {
    return fail('not a cursor this API issued');
  }
  const shape = decoded as { s?: unknown; v?: unknown };
  if (!Array.isArray(shape.s) || !Array.isArray(shape.v) || shape.v.length !== sort.length) return fail('not a cursor this API issued');
  if (shape.s.join(',') !== sort.map(sortToken).join(',')) return fail('the cursor belongs to another sort order; start again without it');
  if (!shape.v.every((v) => v === null || ['string', 'number', 'boolean'].includes(typeof v))) return fail('not a cursor this API issued');
  return shape.v as unknown[];
}

/** Rows after the cursor: (a > va) OR (a = va AND b > vb) OR …, each key in its own direction. */
export function keysetPredicate(sort: readonly SortKey[], after: readonly unknown[]): SqlFragment {
  const alternatives: SqlFragment[] = sort.map((key, i) => {
    const equal = sort.slice(0, i).map((k, j) => sql`${column(k.column)} = ${after[j]}`);
    const beyond = key.descending ? sql`${column(key.column)} < ${after[i]}` : sql`${column(key.column)} > ${after[i]}`;
    return and([...equal, beyond]);
  });
  return or(alternatives);
}

export function orderBy(sort: readonly SortKey[]): string {
  return sort.map((k) => `${column(k.column).text} ${k.descending ? 'DESC' : 'ASC'}`).join(', ');
}

function clip(text: string): string {
  return text.length > 60 ? `${text.slice(0, 60)}…` : text;
}
