// Every interface point of the shared catalogue has its contract, with the legacy spelling and widths,
// and the contracts follow docs/architecture.md's calling convention. The documents are parsed, so an
// edit on either side that breaks the agreement fails here.

import { existsSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { contractOf, interfacePoints, type ColumnSchema, type Contract } from '../../contracts/registry.ts';
import { readArchitectureRows, readSpecPoints, REPO_ROOT, SPEC_PATH, type SpecField } from './spec-tables.ts';

const specPoints = readSpecPoints();
if (!specPoints) {
  console.warn(`catalogue.test: ${SPEC_PATH} is missing; checking the committed catalogue on its own`);
}

function typesOf(column: ColumnSchema): string[] {
  return Array.isArray(column.type) ? column.type : [column.type];
}

/** The column or parameter a catalogue field name stands for: a row column, an input, or an input's legacy label. */
function findField(contract: Contract, name: string): ColumnSchema | undefined {
  const row = contract.row?.properties[name];
  if (row) return row;
  const inputs = Object.entries(contract.input.properties);
  return inputs.find(([key]) => key === name)?.[1] ?? inputs.find(([, c]) => c['x-legacy-name'] === name)?.[1];
}

function expectTypeMatches(id: string, field: SpecField, column: ColumnSchema): void {
  const where = `${id} ${field.name}`;
  const oracle = column['x-oracle'];
  if (field.type === 'VARCHAR2') {
    expect(oracle, where).toEqual({ type: 'VARCHAR2', length: field.length, byteLimit: field.length });
    expect(column.maxLength, where).toBe(field.length);
    expect(typesOf(column), where).toContain('string');
  } else if (field.type === 'NUMBER') {
    expect(oracle.type, where).toBe('NUMBER');
    expect(oracle.precision, where).toBe(field.precision);
    expect(oracle.scale, where).toBe(field.scale);
    const bigInteger = field.precision !== undefined && field.precision > 15 && field.scale === 0;
    // NUMBER(p > 15) travels as digits in a string (docs/architecture.md), every other NUMBER as a number.
    expect(typesOf(column).some((t) => t === (bigInteger ? 'string' : 'number') || (!bigInteger && t === 'integer')), where).toBe(
      true,
    );
  } else if (field.type === 'DATE') {
    expect(oracle, where).toEqual({ type: 'DATE' });
    expect(column['pattern'], where).toBeTypeOf('string');
  }
}

describe('the shared catalogue against the contracts', () => {
  it.runIf(specPoints)('lists exactly the interface points of the catalogue, in its order', () => {
    expect(interfacePoints().map((p) => p.id)).toEqual(specPoints?.map((p) => p.id));
  });

  it('has the 28 points 97-1…97-10, JF-1…JF-13, CS-1…CS-5', () => {
    const ids = interfacePoints().map((p) => p.id);
    const expected = [
      ...Array.from({ length: 10 }, (_, i) => `97-${i + 1}`),
      ...Array.from({ length: 13 }, (_, i) => `JF-${i + 1}`),
      ...Array.from({ length: 5 }, (_, i) => `CS-${i + 1}`),
    ];
    expect(ids).toEqual(expected);
  });

  for (const spec of specPoints ?? []) {
    it(`${spec.id}: legacy name, every field spelled exactly, widths and types as the catalogue`, () => {
      const contract = contractOf(spec.id);
      if (spec.legacyName) expect(contract.point.legacyName).toBe(spec.legacyName);
      for (const field of spec.fields) {
        const column = findField(contract, field.name);
        expect(column, `${spec.id}: field ${field.name} has no column or parameter of that exact spelling`).toBeDefined();
        if (!column) continue;
        expectTypeMatches(spec.id, field, column);
        if (field.saysText && column['x-oracle'].type === 'VARCHAR2') {
          expect(column['x-legacy-date-text'], `${spec.id} ${field.name} is a date held as text`).toBe(true);
        }
      }
      if (spec.everyTextLength !== undefined) {
        for (const [name, column] of Object.entries(contract.row?.properties ?? {})) {
          if (column['x-oracle'].type === 'VARCHAR2') expect(column.maxLength, `${spec.id} ${name}`).toBe(spec.everyTextLength);
        }
      }
    });
  }
});

describe("docs/architecture.md's calling convention", () => {
  const rows = readArchitectureRows();

  it('has a parameter row for every procedure and table point of 97 and billing', () => {
    const wanted = interfacePoints()
      .filter((p) => p.system !== 'cs1000')
      .map((p) => p.id);
    expect(rows.map((r) => r.id)).toEqual(wanted);
  });

  for (const row of rows) {
    it(`${row.id}: parameter names, order, types and OUT as the agreement says`, () => {
      const { point, input, result } = contractOf(row.id);
      expect(row.nameCell).toMatch(new RegExp(`\\b${point.legacyName}\\b`));
      const call = point.kind === 'procedure' ? point : point.procedure;
      if (row.in.length === 0 || (point.kind === 'table' && !point.procedure)) {
        expect(point.kind === 'table' || (call?.in ?? []).length === 0).toBe(true);
      } else {
        expect(call?.in?.map((p) => p.name)).toEqual(row.in.map((p) => p.name));
        // The schema's parameters are the same, in the same order (the order is the call's bind order).
        expect(Object.keys(input.properties)).toEqual(row.in.map((p) => p.name));
        for (const param of row.in) {
          const declared = call?.in?.find((p) => p.name === param.name);
          if (param.oracleType) expect(declared?.oracleType, `${row.id} ${param.name}`).toBe(param.oracleType);
        }
      }
      if (row.out.select) {
        expect(point.kind).toBe('table');
        expect(point.table?.name).toBe(point.legacyName);
      } else {
        const out = point.kind === 'procedure' ? point.out : point.procedure?.out;
        expect(out?.name).toBe(row.out.name);
        if (row.out.name === 'p_result') {
          expect(out?.oracleType).toBe(row.out.oracleType);
          expect(result?.['x-oracle'].precision).toBe(Number(/\d+/.exec(row.out.oracleType ?? '')?.[0]));
        }
      }
    });
  }

  it('selects a cycle table by CallTime and only the cycle tables take a cycle bind', () => {
    for (const point of interfacePoints().filter((p) => p.kind === 'table')) {
      const { input, row } = contractOf(point.id);
      const cycle = point.table?.cycleColumn;
      if (cycle) {
        expect(row?.properties[cycle]?.['x-format'], point.id).toBe('YYYYMMDD');
        expect(Object.keys(input.properties), point.id).toEqual(['cycle']);
      } else if (!point.procedure) {
        expect(Object.keys(input.properties), point.id).toEqual([]);
      }
    }
  });
});

describe('contract files are well-formed', () => {
  for (const point of interfacePoints()) {
    it(`${point.id} ${point.legacyName}`, () => {
      const contract = contractOf(point.id);
      expect(existsSync(path.join(REPO_ROOT, 'contracts/legacy', point.contract))).toBe(true);
      expect(point.contract).toBe(`${point.system}/${point.legacyName}.schema.json`);
      expect(contract.schema['x-interface-point']).toBe(point.id);
      // Rows for cursors, tables and SOAP row answers; a scalar result for p_result / SOAP Result.
      const scalar = point.out?.kind === 'scalar' || point.operation?.out.kind === 'scalar';
      expect(Boolean(contract.result)).toBe(scalar);
      expect(Boolean(contract.row)).toBe(!scalar);
      for (const [defName, def] of [
        ['input', contract.input],
        ['row', contract.row],
      ] as const) {
        if (!def) continue;
        expect(def.additionalProperties, `${point.id} ${defName}`).toBe(false);
        const required = new Set(def.required ?? []);
        for (const name of required) expect(Object.keys(def.properties), point.id).toContain(name);
        for (const name of def['x-key'] ?? []) expect(required.has(name), `${point.id} key ${name} is required`).toBe(true);
        for (const [name, column] of Object.entries(def.properties)) {
          const where = `${point.id} ${defName}.${name}`;
          const oracle = column['x-oracle'];
          expect(['VARCHAR2', 'NUMBER', 'DATE'], where).toContain(oracle.type);
          // Optional columns may hold NULL in the legacy; required ones may not.
          expect(typesOf(column).includes('null'), where).toBe(!required.has(name));
          if (oracle.type === 'VARCHAR2') {
            expect(column.maxLength, where).toBe(oracle.length);
            expect(oracle.byteLimit, where).toBe(oracle.length);
          } else {
            expect(column.maxLength, where).toBeUndefined();
          }
          if (column['x-legacy-date-text']) expect(oracle.type, where).toBe('VARCHAR2');
          if (oracle.type === 'DATE') expect(column['format'], where).toBe('legacy-date-time');
        }
      }
    });
  }

  it('marks the assumed interface points and table names as assumptions', () => {
    for (const id of ['97-7', '97-8']) {
      expect(contractOf(id).point.assumption, id).toBeTruthy();
      expect(contractOf(id).schema['x-assumption'], id).toBeTruthy();
    }
    expect(contractOf('97-8').point.procedure).toMatchObject({ name: 'VIP97_GET_ONCE_FEE', assumed: true });
    for (const id of ['JF-5', 'JF-6', 'JF-8']) expect(contractOf(id).point.table?.nameAssumed, id).toBe(true);
    for (const id of ['CS-1', 'CS-2', 'CS-3', 'CS-4', 'CS-5']) {
      const { input, row, result } = contractOf(id);
      for (const column of [...Object.values(input.properties), ...Object.values(row?.properties ?? {})]) {
        expect(column['x-assumption'], id).toBeTruthy();
      }
      if (result) expect(result['x-assumption'], id).toBeTruthy();
    }
  });

  it('points every x-decision at a decision record that exists', () => {
    const decisions = new Set<string>();
    const walk = (value: unknown): void => {
      if (Array.isArray(value)) value.forEach(walk);
      else if (value && typeof value === 'object') {
        for (const [key, inner] of Object.entries(value)) {
          if (key === 'x-decision' || key === 'decision') decisions.add(String(inner));
          walk(inner);
        }
      }
    };
    for (const point of interfacePoints()) {
      walk(contractOf(point.id).schema);
      walk(point);
    }
    expect(decisions.size).toBeGreaterThan(5);
    for (const file of decisions) expect(existsSync(path.join(REPO_ROOT, file)), file).toBe(true);
  });
});
