// The 1000 customer-service system (112 faults, 180 complaints), spoken to in its own names. Reads
// answer contract-checked rows and go through the system's policy (which may retry them); the one
// write, VIP1000_SET_VIP, is handed to the policy as a write, which never retries it: the service
// gives no idempotency key, and a lost answer does not mean a lost write.

import {
  contractOf,
  toLegacyDateTime,
  validateInput,
  validateResult,
  type LegacyCharset,
  type ValidationIssue,
} from '../../contracts/registry.ts';
import type {
  Vip1000Get112Row,
  Vip1000Get112SoRow,
  Vip1000Get180Row,
  Vip1000Get180SoRow,
} from '../../contracts/generated/legacy/index.ts';
import type { CheckedRow, PolicyRunner } from '../shared/point-caller.ts';
import { LegacyError } from '../transport/errors.ts';
import type { HealthCheck } from '../transport/legacy-database.ts';
import { checkRows, rowsOf } from './cs1000.rows.ts';
import { CS1000_SYSTEM, type Cs1000OperationName, type Cs1000Transport } from './cs1000.transport.ts';

export interface Cs1000Port {
  /** CS-1: completed faults of a VIP number whose report time lies in [from, to). */
  VIP1000_GET_112(vip: string, from: Date, to: Date): Promise<CheckedRow<Vip1000Get112Row>[]>;
  /** CS-2: completed complaints of a VIP number, window as CS-1. */
  VIP1000_GET_180(vip: string, from: Date, to: Date): Promise<CheckedRow<Vip1000Get180Row>[]>;
  /** CS-3: every open fault. */
  VIP1000_GET_112_SO(): Promise<CheckedRow<Vip1000Get112SoRow>[]>;
  /** CS-4: every open complaint. */
  VIP1000_GET_180_SO(): Promise<CheckedRow<Vip1000Get180SoRow>[]>;
  /** CS-5: true when the 1000 system took the write, false when it refused it. */
  VIP1000_SET_VIP(serviceNumber: string, vip: string, serviceLevel: string): Promise<boolean>;
  check(): Promise<HealthCheck>;
}

export interface Cs1000AdapterOptions {
  /**
   * Charset of the 1000 system's storage. When known, the write's values must fit its columns in
   * bytes, not only in characters (VARCHAR2(n) is n bytes); unknown, only characters are checked.
   */
  charset?: LegacyCharset;
}

type ReadPoint = 'CS-1' | 'CS-2' | 'CS-3' | 'CS-4';

function describe(errors: ValidationIssue[]): string {
  return errors.map((e) => `${e.path} ${e.message}`).join('; ');
}

function failure(pointId: string, what: string, code: string): LegacyError {
  const { legacyName } = contractOf(pointId).point;
  return new LegacyError(`${pointId} ${legacyName}: ${what}`, { kind: 'permanent', system: CS1000_SYSTEM, pointId, code });
}

/** The request elements of a point, checked against its contract before anything is sent. */
function checkedInput(pointId: string, input: Record<string, unknown>, charset?: LegacyCharset): Record<string, unknown> {
  const checked = validateInput(pointId, input, charset === undefined ? {} : { charset });
  if (!checked.ok) throw failure(pointId, `invalid input: ${describe(checked.errors)}`, 'INVALID-INPUT');
  return checked.row;
}

/** A window bound as the service reads it: Asia/Shanghai wall clock, whatever the hub's zone. */
function wallClock(pointId: string, name: string, date: Date): string {
  if (!(date instanceof Date) || Number.isNaN(date.getTime())) throw failure(pointId, `invalid input: /${name} is not a valid Date`, 'INVALID-INPUT');
  return toLegacyDateTime(date);
}

function operationOf(pointId: string): Cs1000OperationName {
  return contractOf(pointId).point.legacyName as Cs1000OperationName;
}

/**
 * The `<op>Response` element node-soap parsed. A Body without it is not "no rows": reading it as []
 * would tell the sync that a VIP's tickets are gone.
 */
function responseOf(pointId: string, answer: unknown): Record<string, unknown> {
  if (answer === null || typeof answer !== 'object' || Array.isArray(answer)) {
    throw failure(pointId, `the answer holds no ${operationOf(pointId)}Response element`, 'SOAP-NO-ANSWER');
  }
  return answer as Record<string, unknown>;
}

export function createCs1000Adapter(
  transport: Cs1000Transport,
  policy: PolicyRunner,
  options: Cs1000AdapterOptions = {},
): Cs1000Port {
  const call = (pointId: string, kind: 'read' | 'write', args: Record<string, unknown>): Promise<unknown> =>
    policy.run(kind, (signal) => transport.call(operationOf(pointId), args, { signal, pointId }));

  async function rows<T>(pointId: ReadPoint, input: Record<string, unknown>): Promise<CheckedRow<T>[]> {
    const args = checkedInput(pointId, input);
    const response = responseOf(pointId, await call(pointId, 'read', args));
    return checkRows<T>(pointId, rowsOf(response['Rows']));
  }

  const window = (pointId: ReadPoint, vip: string, from: Date, to: Date) => {
    const StartTime = wallClock(pointId, 'StartTime', from);
    const EndTime = wallClock(pointId, 'EndTime', to);
    // A window that ends before it starts is a caller's bug, not an empty answer.
    if (to.getTime() < from.getTime()) throw failure(pointId, `invalid input: window ends (${EndTime}) before it starts (${StartTime})`, 'INVALID-INPUT');
    return { VIP: vip, StartTime, EndTime };
  };

  return {
    VIP1000_GET_112: async (vip, from, to) => rows<Vip1000Get112Row>('CS-1', window('CS-1', vip, from, to)),
    VIP1000_GET_180: async (vip, from, to) => rows<Vip1000Get180Row>('CS-2', window('CS-2', vip, from, to)),
    VIP1000_GET_112_SO: () => rows<Vip1000Get112SoRow>('CS-3', {}),
    VIP1000_GET_180_SO: () => rows<Vip1000Get180SoRow>('CS-4', {}),
    async VIP1000_SET_VIP(serviceNumber, vip, serviceLevel) {
      const args = checkedInput('CS-5', { AccNbr: serviceNumber, VIP: vip, SERV_LEVEL: serviceLevel }, options.charset);
      const response = responseOf('CS-5', await call('CS-5', 'write', args));
      const result = validateResult('CS-5', response['Result']);
      if (!result.ok) {
        throw failure('CS-5', `answer breaks its contract: Result ${JSON.stringify(response['Result'] ?? null)}: ${describe(result.errors)}`, 'BAD-ANSWER');
      }
      return result.row === 1;
    },
    check: () => transport.check(),
  };
}
