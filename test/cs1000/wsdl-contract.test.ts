// The WSDL and the JSON Schemas of CS-1 … CS-5 describe the same payloads twice (one for SOAP
// clients, one for the hub's validation). This keeps them from drifting apart, and checks that what
// the server actually sends passes the contracts — and that each spoilt-row kind does not.

import { readFileSync } from 'node:fs';
import { XMLParser } from 'fast-xml-parser';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import * as soap from 'soap';
import { contractOf, interfacePoints, validateResult, validateRow } from '../../contracts/registry.ts';
import { FaultRegistry, type BadRowKind } from '../../simulator/faults/fault-config.ts';
import type { SqlRunner } from '../../simulator/sql-runner.ts';
import { CS1000_POINTS, WSDL_FILE, startSoapServer, type SoapServerHandle } from '../../simulator/soap/index.ts';
import { createCs1000Db } from './support/pglite-runner.ts';
import { JANUARY, VIP_A, seedCs1000 } from './support/seed.ts';

interface XsdElement {
  '@_name': string;
  '@_type'?: string;
  '@_minOccurs'?: string;
  '@_maxOccurs'?: string;
  complexType?: { sequence?: { element?: XsdElement[] } | '' };
}
interface XsdNamed {
  '@_name': string;
  sequence?: { element?: XsdElement[] } | '';
  restriction?: { maxLength?: { '@_value': string } };
}

const parser = new XMLParser({
  ignoreAttributes: false,
  removeNSPrefix: true,
  isArray: (name) => ['element', 'complexType', 'simpleType', 'operation', 'message'].includes(name),
});
const wsdl = parser.parse(readFileSync(WSDL_FILE, 'utf8')).definitions;
const schema = wsdl.types.schema;
const elements = new Map<string, XsdElement>(schema.element.map((e: XsdElement) => [e['@_name'], e]));
const complexTypes = new Map<string, XsdNamed>(schema.complexType.map((t: XsdNamed) => [t['@_name'], t]));
const simpleTypes = new Map<string, XsdNamed>(schema.simpleType.map((t: XsdNamed) => [t['@_name'], t]));
const local = (qname: string) => qname.split(':').pop() as string;

function sequenceOf(element: XsdElement): XsdElement[] {
  const inline = element.complexType?.[0 as never] as XsdElement['complexType'] | undefined;
  const type = inline ?? (element['@_type'] ? complexTypes.get(local(element['@_type'])) : undefined);
  const sequence = type?.sequence;
  return sequence === undefined || sequence === '' ? [] : (sequence.element ?? []);
}

/** Fields of a WSDL element as the JSON Schema would state them. */
function fields(children: XsdElement[]) {
  return children.map((child) => {
    const type = child['@_type'] ? simpleTypes.get(local(child['@_type'])) : undefined;
    const maxLength = type?.restriction?.maxLength?.['@_value'];
    return { name: child['@_name'], required: child['@_minOccurs'] !== '0', maxLength: maxLength === undefined ? undefined : Number(maxLength) };
  });
}

function rowElement(operation: string): XsdElement {
  const [rows] = sequenceOf(elements.get(`${operation}Response`) as XsdElement);
  const [row] = sequenceOf(rows as XsdElement);
  expect(row?.['@_maxOccurs']).toBe('unbounded');
  return row as XsdElement;
}

describe('VIP1000.wsdl agrees with the CS contracts', () => {
  const points = interfacePoints().filter((p) => p.system === 'cs1000');

  it('has exactly the catalogue operations', () => {
    const ops = wsdl.portType.operation.map((o: { '@_name': string }) => o['@_name']).sort();
    expect(ops).toEqual(points.map((p) => p.operation?.name).sort());
    expect(Object.fromEntries(points.map((p) => [p.operation?.name, p.id]))).toEqual(CS1000_POINTS);
  });

  it.each(Object.entries(CS1000_POINTS))('%s (%s): inputs, row fields, optionality and widths', (operation, id) => {
    const contract = contractOf(id);
    const asJsonSchema = (object: NonNullable<typeof contract.row>) =>
      Object.entries(object.properties).map(([name, column]) => ({
        name,
        required: (object.required ?? []).includes(name),
        maxLength: column.maxLength,
      }));
    expect(fields(sequenceOf(elements.get(operation) as XsdElement))).toEqual(asJsonSchema(contract.input));
    if (contract.row) {
      expect(fields(sequenceOf(rowElement(operation)))).toEqual(asJsonSchema(contract.row));
    } else {
      expect(sequenceOf(elements.get(`${operation}Response`) as XsdElement).map((e) => e['@_name'])).toEqual([
        contract.schema.$defs.result?.['x-element'],
      ]);
    }
  });
});

describe('what the server sends, judged by the contracts', () => {
  let db: SqlRunner;
  let faults: FaultRegistry;
  let server: SoapServerHandle;
  let client: soap.Client;

  beforeAll(async () => {
    db = await createCs1000Db();
    await seedCs1000(db);
    faults = new FaultRegistry();
    server = await startSoapServer({ db, faults });
    client = await soap.createClientAsync(server.wsdlUrl);
  });

  afterAll(async () => {
    await server?.close();
    await db?.close();
  });

  const reads: Array<[string, object]> = [
    ['VIP1000_GET_112', { VIP: VIP_A, ...JANUARY }],
    ['VIP1000_GET_180', { VIP: VIP_A, ...JANUARY }],
    ['VIP1000_GET_112_SO', {}],
    ['VIP1000_GET_180_SO', {}],
  ];

  async function rowsOf(operation: string, args: object): Promise<Array<Record<string, unknown>>> {
    const method = client[`${operation}Async`] as (a: object) => Promise<[{ Rows: { Row: Array<Record<string, unknown>> } }]>;
    const [result] = await method.call(client, args);
    return result.Rows.Row;
  }

  it.each(reads)('%s: every clean row is valid', async (operation, args) => {
    const rows = await rowsOf(operation, args);
    expect(rows.length).toBeGreaterThan(0);
    for (const row of rows) expect(validateRow(CS1000_POINTS[operation as keyof typeof CS1000_POINTS], row)).toMatchObject({ ok: true });
  });

  it('VIP1000_SET_VIP: the Result is valid', async () => {
    const [result] = (await client.VIP1000_SET_VIPAsync({ AccNbr: '057188000001', VIP: '1201000001', SERV_LEVEL: 'A' })) as [{ Result: unknown }];
    expect(validateResult('CS-5', result.Result)).toMatchObject({ ok: true });
  });

  const rowKinds: Array<[BadRowKind, string]> = [
    ['badDate', '/StartTime'],
    ['overLength', '/Staff'],
    ['missingRequired', '/StartTime'],
  ];
  it.each(rowKinds)('%s rows fail the contract at %s', async (kind, path) => {
    faults.set('CS-3', { badRows: { rate: 1, kinds: [kind] } });
    try {
      for (const row of await rowsOf('VIP1000_GET_112_SO', {})) {
        const result = validateRow('CS-3', row);
        expect(result.ok).toBe(false);
        if (!result.ok) expect(result.errors.map((e) => e.path)).toContain(path);
      }
    } finally {
      faults.clear('CS-3');
    }
  });

  it('duplicateKey rows are each valid; only the x-key of the set shows them', async () => {
    faults.set('CS-3', { badRows: { rate: 1, kinds: ['duplicateKey'] } });
    try {
      const rows = await rowsOf('VIP1000_GET_112_SO', {});
      for (const row of rows) expect(validateRow('CS-3', row).ok).toBe(true);
      const key = contractOf('CS-3').row?.['x-key'] ?? [];
      expect(key).toEqual(['AccNbr', 'StartTime']);
      const keys = rows.map((r) => key.map((k) => String(r[k])).join('|'));
      expect(new Set(keys).size).toBe(keys.length / 2);
    } finally {
      faults.clear('CS-3');
    }
  });

  it('badEncoding rows carry U+FFFD where the Chinese text was', async () => {
    faults.set('CS-3', { badRows: { rate: 1, kinds: ['badEncoding'] } });
    try {
      const [row] = await rowsOf('VIP1000_GET_112_SO', {});
      expect(String(row?.Description)).toContain('\uFFFD');
    } finally {
      faults.clear('CS-3');
    }
  });
});
