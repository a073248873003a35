// The simulated 1000 customer-service system: a SOAP 1.1 server (node-soap on node:http) that
// serves contracts/legacy/cs1000/VIP1000.wsdl and answers its five operations from the cs1000
// tables, misbehaving as the FaultRegistry says for CS-1 … CS-5.

import { createServer, type Server as HttpServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { readFile } from 'node:fs/promises';
import * as soap from 'soap';
import type { FaultRegistry } from '../faults/fault-config.ts';
import type { SqlRunner } from '../sql-runner.ts';
import {
  FIELD_ORDER,
  getCompletedComplaints,
  getCompletedFaults,
  getOpenComplaints,
  getOpenFaults,
  setVip,
  type ReadOperation,
} from './cs1000-operations.ts';
import { PendingCalls, applyBadRows, applyCallFaults, type Random, type SoapRow } from './fault-injection.ts';
import { SoapFaultError } from './soap-fault.ts';

export interface SoapServerOptions {
  /** The 1000 system's storage (tables of simulator/sql/cs1000/). */
  db: SqlRunner;
  faults: FaultRegistry;
  host?: string;
  /** 0 picks a free port. */
  port?: number;
  /** Source of the draws behind errorRate and badRows.rate; tests pass a fixed one. */
  random?: Random;
}

export interface SoapServerHandle {
  /** The endpoint the WSDL's soap:address names. */
  url: string;
  /** `${url}?wsdl` */
  wsdlUrl: string;
  close(): Promise<void>;
}

/** Interface point of each operation: the key of its FaultRegistry entry. */
export const CS1000_POINTS = {
  VIP1000_GET_112: 'CS-1',
  VIP1000_GET_180: 'CS-2',
  VIP1000_GET_112_SO: 'CS-3',
  VIP1000_GET_180_SO: 'CS-4',
  VIP1000_SET_VIP: 'CS-5',
} as const;

export type Cs1000Operation = keyof typeof CS1000_POINTS;

export const SERVICE_PATH = '/cs1000/VIP1000';
export const WSDL_FILE = new URL('../../contracts/legacy/cs1000/VIP1000.wsdl', import.meta.url);

const SERVICE_NAME = 'VIP1000Service';
const PORT_NAME = 'VIP1000Port';

/**
 * The contract's WSDL with its soap:address pointing at this server, so any client that follows the
 * served WSDL (node-soap, the Python check, SoapUI) calls the right port without being told.
 */
export async function loadWsdl(endpoint: string): Promise<string> {
  const xml = await readFile(WSDL_FILE, 'utf8');
  const address = /(<soap:address\s+location=")[^"]*(")/;
  if (!address.test(xml)) throw new Error(`${WSDL_FILE.pathname}: no <soap:address location="…"> to rewrite`);
  return xml.replace(address, `$1${endpoint}$2`);
}

function listen(server: HttpServer, host: string, port: number): Promise<AddressInfo> {
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, host, () => {
      server.off('error', reject);
      resolve(server.address() as AddressInfo);
    });
  });
}

export async function startSoapServer(options: SoapServerOptions): Promise<SoapServerHandle> {
  const { db, faults, host = '127.0.0.1', port = 0, random = Math.random } = options;
  const pending = new PendingCalls();
  const http = createServer();
  const address = await listen(http, host, port);
  const hostInUrl = address.address.includes(':') ? `[${address.address}]` : address.address;
  const url = `http://${hostInUrl}:${address.port}${SERVICE_PATH}`;

  // One wrapper for every operation: call faults first, then the work, then (reads only) row
  // faults. Anything that is not already a SOAP fault becomes a soap:Server fault, so a database
  // error reaches the client as a SOAP 1.1 fault rather than node-soap's SOAP 1.2-style default.
  const operation =
    <T>(name: Cs1000Operation, work: (args: unknown) => Promise<T>, rows?: (result: T) => SoapRow[]) =>
    async (args: unknown): Promise<unknown> => {
      const pointId = CS1000_POINTS[name];
      const config = faults.get(pointId);
      await applyCallFaults(config, { pointId, operation: name, random, pending });
      let result: T;
      try {
        result = await work(args);
      } catch (error) {
        if (error instanceof SoapFaultError) throw error;
        throw new SoapFaultError('Server', 'CS1000-500', error instanceof Error ? error.message : String(error));
      }
      if (rows === undefined) return result;
      const spoilt = applyBadRows(rows(result), FIELD_ORDER[name as ReadOperation], config, random);
      return { Rows: { Row: spoilt } };
    };
  const asRows = (result: SoapRow[]) => result;

  const services = {
    [SERVICE_NAME]: {
      [PORT_NAME]: {
        VIP1000_GET_112: operation('VIP1000_GET_112', (args) => getCompletedFaults(db, args), asRows),
        VIP1000_GET_180: operation('VIP1000_GET_180', (args) => getCompletedComplaints(db, args), asRows),
        VIP1000_GET_112_SO: operation('VIP1000_GET_112_SO', () => getOpenFaults(db), asRows),
        VIP1000_GET_180_SO: operation('VIP1000_GET_180_SO', () => getOpenComplaints(db), asRows),
        VIP1000_SET_VIP: operation('VIP1000_SET_VIP', async (args) => ({ Result: await setVip(db, args) })),
      },
    },
  };

  try {
    const xml = await loadWsdl(url);
    // node-soap attaches its request listener only once the WSDL is parsed; wait for that so the
    // first call after startSoapServer resolves cannot fall through to an empty server.
    await new Promise<void>((resolve, reject) => {
      soap.listen(http, {
        path: SERVICE_PATH,
        services,
        xml,
        suppressStack: true,
        callback: (err: unknown) => (err ? reject(err instanceof Error ? err : new Error(String(err))) : resolve()),
      });
    });
  } catch (error) {
    http.close();
    throw error;
  }

  let closing: Promise<void> | undefined;
  return {
    url,
    wsdlUrl: `${url}?wsdl`,
    close() {
      closing ??= new Promise<void>((resolve, reject) => {
        pending.close();
        // Hung calls hold their sockets open forever; they have to be cut, not waited for.
        http.closeAllConnections();
        http.close((err) => (err ? reject(err) : resolve()));
      });
      return closing;
    },
  };
}
