// The one place the hub learns what a legacy payload looks like: the catalogue of the 28 interface points
// and their JSON Schemas (contracts/legacy/), compiled once with ajv. Adapters normalise what the driver
// handed them (column-name case, numeric text, Date objects) and validate it here before anything maps
// it; rows that fail are quarantined by the caller with the errors this module reports.

import { readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { Ajv2020, type ErrorObject, type ValidateFunction } from 'ajv/dist/2020.js';
import addFormats from 'ajv-formats';
import type { LegacyInputs, LegacyResults, LegacyRows, ResultPointId, RowPointId } from './generated/legacy/index.ts';
import { fitsLegacyColumn, type LegacyCharset } from './legacy-charset.ts';
import {
  coerceValue,
  columnKind,
  fitsNumber,
  isLegacyDateTime,
  isYyyymmdd,
  type ColumnKind,
  type OracleColumnType,
} from './oracle-values.ts';

// Every generated type (VipGetServersRow, VipFeeRow, LegacyRows …) is importable from here too.
export type * from './generated/legacy/index.ts';
export { fitsLegacyColumn, legacyByteLength, type LegacyCharset } from './legacy-charset.ts';
export { toLegacyDateTime, LEGACY_TIME_ZONE, type OracleColumnType, type ColumnKind } from './oracle-values.ts';

export type SystemId = 'sys97' | 'billing' | 'cs1000';

export interface ProcedureParameter {
  name: string;
  /** Oracle type as docs/architecture.md writes it, e.g. `VARCHAR2(20)`, `NUMBER(8)`, `DATE`. */
  oracleType: string;
}

export interface ProcedureOut {
  name: 'p_cur' | 'p_result';
  kind: 'cursor' | 'scalar';
  oracleType?: string;
  meaning?: string;
  note?: string;
}

export interface InterfacePoint {
  id: string;
  system: SystemId;
  legacyName: string;
  kind: 'procedure' | 'table' | 'soap';
  direction: 'read' | 'write';
  /** Contract file, relative to contracts/legacy/. */
  contract: string;
  use: string;
  /** Procedures: IN parameters in call order, then the one OUT parameter. */
  in?: ProcedureParameter[];
  out?: ProcedureOut;
  /** Tables: the table and the column a cycle's rows are selected by (`SELECT … WHERE CallTime = :cycle`). */
  table?: { name: string; cycleColumn: string | null; nameAssumed?: boolean; decision?: string };
  /** 97-8: the real-time procedure over the table (assumed by this project). */
  procedure?: { name: string; in: ProcedureParameter[]; out: ProcedureOut; assumed: boolean; decision: string };
  /** SOAP operations of the 1000 service: request element names and the answer's shape. */
  operation?: { name: string; in: string[]; out: { kind: 'rows' | 'scalar'; element?: string } };
  /** Set when the point itself (not only some of its fields) is this project's assumption. */
  assumption?: string;
}

/** The JSON Schema of one column or parameter, with the annotations the contracts use. */
export interface ColumnSchema {
  type: string | string[];
  description?: string;
  maxLength?: number;
  'x-oracle': OracleColumnType;
  'x-legacy-date-text'?: boolean;
  'x-legacy-name'?: string;
  'x-assumption'?: string;
  'x-decision'?: string;
  [keyword: string]: unknown;
}

export interface ObjectSchema {
  type: 'object';
  description?: string;
  properties: Record<string, ColumnSchema>;
  required?: string[];
  additionalProperties: false;
  'x-key'?: string[];
  [keyword: string]: unknown;
}

export interface Contract {
  point: InterfacePoint;
  /** The whole contract file. */
  schema: Record<string, unknown> & { $defs: { input: ObjectSchema; row?: ObjectSchema; result?: ColumnSchema } };
  input: ObjectSchema;
  row?: ObjectSchema;
  result?: ColumnSchema;
}

export interface ValidationIssue {
  /** JSON pointer into the value, e.g. `/ConTractNo`; `/` for the value itself. */
  path: string;
  message: string;
}

export type ValidationResult<T> = { ok: true; row: T } | { ok: false; errors: ValidationIssue[] };

const LEGACY_DIR = path.join(path.dirname(fileURLToPath(import.meta.url)), 'legacy');
// Annotations: they document the legacy facts and this project's assumptions; ajv must not refuse them.
const ANNOTATIONS = [
  'x-oracle',
  'x-assumption',
  'x-decision',
  'x-source',
  'x-interface-point',
  'x-legacy-date-text',
  'x-legacy-name',
  'x-key',
  'x-element',
];

/** The ajv every contract is compiled with (exported for tests that check schemas of their own against it). */
export function createAjv(): Ajv2020 {
  const ajv = new Ajv2020({ strict: true, allowUnionTypes: true, allErrors: true });
  addFormats.default(ajv);
  ajv.addVocabulary(ANNOTATIONS.filter((k) => k !== 'x-oracle'));
  ajv.addFormat('legacy-date-time', { type: 'string', validate: isLegacyDateTime });
  // Calendar check of YYYYMMDD numbers (cycles, payment dates) that bounds alone cannot express.
  ajv.addKeyword({
    keyword: 'x-format',
    schemaType: 'string',
    error: {
      message: (cxt) =>
        cxt.schema === 'YYYYMMDD|-1' ? 'must be a YYYYMMDD date number or -1' : 'must be a YYYYMMDD date number',
    },
    validate: (format: string, data: unknown) =>
      typeof data !== 'number' || isYyyymmdd(data) || (format === 'YYYYMMDD|-1' && data === -1),
  });
  // NUMBER(p,s) scale: JSON Schema's multipleOf is unreliable on doubles near 1e14, so count decimals.
  ajv.addKeyword({
    keyword: 'x-oracle',
    schemaType: 'object',
    error: { message: 'must fit the NUMBER precision and scale of the legacy column' },
    validate: (oracle: OracleColumnType, data: unknown) =>
      typeof data !== 'number' || oracle.type !== 'NUMBER' || fitsNumber(data, oracle.precision, oracle.scale),
  });
  return ajv;
}

interface Compiled {
  contract: Contract;
  input: ValidateFunction;
  row?: ValidateFunction;
  result?: ValidateFunction;
  /** Lower-cased column name → the contract's spelling and representation. */
  columns: Map<string, { name: string; kind: ColumnKind }>;
  /** Driver column name as it came → columns' entry (null: not a contract column); saves a toLowerCase per value. */
  driverColumns: Map<string, { name: string; kind: ColumnKind } | null>;
}

function load(): { points: InterfacePoint[]; byId: Map<string, Compiled> } {
  const catalogue = JSON.parse(readFileSync(path.join(LEGACY_DIR, 'catalogue.json'), 'utf8')) as {
    points: InterfacePoint[];
  };
  const ajv = createAjv();
  const byId = new Map<string, Compiled>();
  for (const point of catalogue.points) {
    const schema = JSON.parse(readFileSync(path.join(LEGACY_DIR, point.contract), 'utf8')) as Contract['schema'];
    const id = schema.$id as string;
    ajv.addSchema(schema);
    const get = (def: string): ValidateFunction => {
      const fn = ajv.getSchema(`${id}#/$defs/${def}`);
      if (!fn) throw new Error(`contracts: ${point.contract} has no $defs/${def}`);
      return fn;
    };
    const { input, row, result } = schema.$defs;
    const columns = new Map<string, { name: string; kind: ColumnKind }>();
    for (const [name, column] of Object.entries(row?.properties ?? {})) {
      columns.set(name.toLowerCase(), { name, kind: columnKind(column) });
    }
    byId.set(point.id, {
      contract: { point, schema, input, row, result },
      input: get('input'),
      row: row ? get('row') : undefined,
      result: result ? get('result') : undefined,
      columns,
      driverColumns: new Map(),
    });
  }
  return { points: catalogue.points, byId };
}

const registry = load();

function compiled(id: string): Compiled {
  const entry = registry.byId.get(id);
  if (!entry) throw new Error(`contracts: unknown interface point ${JSON.stringify(id)}`);
  return entry;
}

/** The 28 interface points in catalogue order (97-1 … 97-10, JF-1 … JF-13, CS-1 … CS-5). */
export function interfacePoints(): readonly InterfacePoint[] {
  return registry.points;
}

/** The contract of one interface point; throws on an unknown id. */
export function contractOf(id: string): Contract {
  return compiled(id).contract;
}

/**
 * A driver row brought to the contract's spelling and representation: column names matched
 * case-insensitively (Oracle answers `CONTRACTNO` for `ConTractNo`), numeric text to numbers, digit
 * strings for NUMBER(p > 15), Date objects to Asia/Shanghai wall-clock text. Unknown columns are kept
 * as they came so that validateRow rejects them.
 */
export function normalizeRow(id: string, raw: Readonly<Record<string, unknown>>): Record<string, unknown> {
  const { columns, driverColumns, contract } = compiled(id);
  if (!contract.row) throw new Error(`contracts: ${id} answers a scalar, not rows`);
  const out: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(raw)) {
    if (value === undefined) continue;
    let column = driverColumns.get(key);
    if (column === undefined) {
      column = columns.get(key.toLowerCase()) ?? null;
      // A driver answers the same few names row after row; anything else is not worth keeping.
      if (driverColumns.size < 1_000) driverColumns.set(key, column);
    }
    if (!column) {
      out[key] = value;
    } else if (Object.hasOwn(out, column.name)) {
      // Two driver columns fold to one contract column: keep the second visible so validation fails.
      out[`${key} (duplicate of ${column.name})`] = value;
    } else {
      out[column.name] = coerceValue(column.kind, value);
    }
  }
  return out;
}

function issues(errors: ErrorObject[] | null | undefined): ValidationIssue[] {
  return (errors ?? []).map((error) => {
    const at = error.instancePath === '' ? '' : error.instancePath;
    if (error.keyword === 'required') {
      return { path: `${at}/${String(error.params['missingProperty'])}`, message: 'is required' };
    }
    if (error.keyword === 'additionalProperties') {
      return { path: `${at}/${String(error.params['additionalProperty'])}`, message: 'is not a field of the contract' };
    }
    return { path: at === '' ? '/' : at, message: error.message ?? error.keyword };
  });
}

function run<T>(validate: ValidateFunction, value: unknown): ValidationResult<T> {
  return validate(value) ? { ok: true, row: value as T } : { ok: false, errors: issues(validate.errors) };
}

/** Check a (normalised) row against the contract's `$defs.row`. */
export function validateRow<Id extends RowPointId>(id: Id, row: unknown): ValidationResult<LegacyRows[Id]>;
export function validateRow(id: string, row: unknown): ValidationResult<Record<string, unknown>>;
export function validateRow(id: string, row: unknown): ValidationResult<unknown> {
  const entry = compiled(id);
  if (!entry.row) throw new Error(`contracts: ${id} answers a scalar, not rows`);
  return run(entry.row, row);
}

/** Check a scalar answer (`p_result`, the SOAP `Result`) against `$defs.result`. */
export function validateResult<Id extends ResultPointId>(id: Id, value: unknown): ValidationResult<LegacyResults[Id]>;
export function validateResult(id: string, value: unknown): ValidationResult<unknown>;
export function validateResult(id: string, value: unknown): ValidationResult<unknown> {
  const entry = compiled(id);
  if (!entry.result) throw new Error(`contracts: ${id} answers rows, not a scalar`);
  const coerced = typeof value === 'string' || typeof value === 'bigint' ? coerceValue('number', value) : value;
  return run(entry.result, coerced);
}

export interface InputOptions {
  /**
   * Legacy database charset. When given, every text parameter must also fit its column's byte limit
   * (what a write must respect); without it only the character counts of the schema are checked.
   */
  charset?: LegacyCharset;
}

/** Check call parameters (procedure IN parameters, table binds, SOAP request elements). */
export function validateInput<Id extends keyof LegacyInputs>(
  id: Id,
  input: unknown,
  options?: InputOptions,
): ValidationResult<LegacyInputs[Id]>;
export function validateInput(id: string, input: unknown, options?: InputOptions): ValidationResult<Record<string, unknown>>;
export function validateInput(id: string, input: unknown, options: InputOptions = {}): ValidationResult<unknown> {
  const entry = compiled(id);
  const result = run<Record<string, unknown>>(entry.input, input);
  const charset = options.charset;
  if (!result.ok || charset === undefined) return result;
  const errors: ValidationIssue[] = [];
  for (const [name, column] of Object.entries(entry.contract.input.properties)) {
    const value = result.row[name];
    if (!fitsLegacyColumn(value, column['x-oracle'], charset)) {
      const limit = column['x-oracle'].byteLimit ?? column['x-oracle'].length;
      errors.push({ path: `/${name}`, message: `does not fit ${limit} bytes in ${charset}` });
    }
  }
  return errors.length === 0 ? result : { ok: false, errors };
}
