// Golden files for the 1000 service, as node-soap's own test/request-response-samples: one folder
// per case under samples/ with request.json (operation, args, optional faults and earlier calls)
// and response.json (what node-soap's client makes of the answer, or the fault). A response.xml
// beside them pins the wire bytes too, which a client's parse would forgive (element order, prefixes).
//
// A case without response.json fails. CS1000_SAMPLES_RECORD=1 writes the missing ones from the
// current server so a new case can be reviewed by reading a file; it never overwrites one.

import { existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import * as soap from 'soap';
import { FaultRegistry, type FaultConfig } from '../../simulator/faults/fault-config.ts';
import type { SqlRunner } from '../../simulator/sql-runner.ts';
import { startSoapServer, type SoapServerHandle } from '../../simulator/soap/index.ts';
import { createCs1000Db } from './support/pglite-runner.ts';
import { seedCs1000 } from './support/seed.ts';

interface Call {
  operation: string;
  args: Record<string, unknown>;
}

interface SampleRequest extends Call {
  description: string;
  faults?: Record<string, FaultConfig>;
  before?: Call[];
}

const SAMPLES = fileURLToPath(new URL('./samples/', import.meta.url));
const RECORD = process.env.CS1000_SAMPLES_RECORD === '1';
const cases = readdirSync(SAMPLES, { withFileTypes: true })
  .filter((entry) => entry.isDirectory())
  .map((entry) => entry.name)
  .sort();

let db: SqlRunner;
let faults: FaultRegistry;
let server: SoapServerHandle;
let client: soap.Client;

beforeAll(async () => {
  db = await createCs1000Db();
  faults = new FaultRegistry();
  // Every draw is 0, so any rate above 0 always fires: a golden answer cannot depend on luck.
  server = await startSoapServer({ db, faults, random: () => 0 });
  client = await soap.createClientAsync(server.wsdlUrl);
});

afterAll(async () => {
  await server?.close();
  await db?.close();
});

/** The client's result, or the fault it raised, as one JSON value. */
async function invoke({ operation, args }: Call): Promise<{ answer: unknown; xml: string }> {
  const method = client[`${operation}Async`] as ((a: object) => Promise<[unknown, string]>) | undefined;
  if (method === undefined) throw new Error(`the WSDL has no operation ${operation}`);
  try {
    const [result, xml] = await method.call(client, args);
    return { answer: { result }, xml };
  } catch (error) {
    const e = error as { root?: { Envelope?: { Body?: { Fault?: unknown } } }; response?: { status?: number }; body?: string };
    const fault = e.root?.Envelope?.Body?.Fault;
    if (fault === undefined) throw error;
    return { answer: { status: e.response?.status, fault }, xml: e.body ?? '' };
  }
}

function read(file: string): string | undefined {
  return existsSync(file) ? readFileSync(file, 'utf8') : undefined;
}

describe('1000 service golden samples', () => {
  it('has cases', () => {
    expect(cases.length).toBeGreaterThan(0);
  });

  it.each(cases)('%s', async (name) => {
    const dir = `${SAMPLES}${name}/`;
    const request = JSON.parse(readFileSync(`${dir}request.json`, 'utf8')) as SampleRequest;
    await seedCs1000(db);
    faults.clear();
    for (const call of request.before ?? []) await invoke(call);
    for (const [pointId, config] of Object.entries(request.faults ?? {})) faults.set(pointId, config);

    const { answer, xml } = await invoke(request);

    const expectedJson = read(`${dir}response.json`);
    if (expectedJson === undefined && RECORD) writeFileSync(`${dir}response.json`, `${JSON.stringify(answer, null, 2)}\n`);
    expect(expectedJson, `${name}/response.json is missing`).toBeDefined();
    expect(answer).toEqual(JSON.parse(expectedJson ?? 'null'));

    const expectedXml = read(`${dir}response.xml`);
    if (expectedXml !== undefined) expect(xml).toBe(expectedXml.trimEnd());
  });
});
