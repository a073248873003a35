// The five procedures of the 1000 service (CS-1 … CS-5) over the simulator's cs1000 tables
// (simulator/sql/cs1000/001_tables.sql). Rows leave here with the catalogue's field names, in the
// WSDL's sequence order, times as legacy text, NULL columns left out (minOccurs="0" in the WSDL).
//
// A service number's VIP is the one its cs_vip mark names (written by VIP1000_SET_VIP), else the
// VIP stored on the ticket: the 1000 system files tickets under the number's current customer, so a
// write-back is visible to the next read without rewriting ticket history (docs/decisions/0020).

import type { SqlRunner } from '../sql-runner.ts';
import type { SoapRow } from './fault-injection.ts';
import { CLIENT_FAULT_CODE, SoapFaultError } from './soap-fault.ts';

export const FIELD_ORDER = {
  VIP1000_GET_112: ['AccNbr', 'Type', 'Staff', 'StartTime', 'FinishTime', 'Description', 'Satisfaction'],
  VIP1000_GET_180: ['UserName', 'Type', 'Staff', 'StartTime', 'FinishTime', 'Description', 'Satisfaction'],
  VIP1000_GET_112_SO: ['VIP', 'AccNbr', 'Type', 'Staff', 'StartTime', 'Description'],
  VIP1000_GET_180_SO: ['VIP', 'UserName', 'Type', 'Staff', 'StartTime', 'Description'],
} as const;

export type ReadOperation = keyof typeof FIELD_ORDER;

// Widths of the legacy columns a write must fit (cs_vip and the WSDL's SET_VIP input).
const ACCNBR_WIDTH = 20;
const VIP_WIDTH = 20;
const SERV_LEVEL_WIDTH = 10;

const LEGACY_TIME = /^(\d{4})-(\d{2})-(\d{2}) (\d{2}):(\d{2}):(\d{2})$/;

/** The text of one input element as node-soap hands it over (string, number, or nothing). */
function text(args: unknown, name: string): string | undefined {
  if (args === null || typeof args !== 'object') return undefined;
  const value = (args as Record<string, unknown>)[name];
  if (typeof value === 'string') return value;
  if (typeof value === 'number') return String(value);
  return undefined;
}

function clientFault(message: string): SoapFaultError {
  return new SoapFaultError('Client', CLIENT_FAULT_CODE, message);
}

/** A legacy time text that names a real moment; checked here so a bad one is a Client fault. */
function legacyTime(args: unknown, name: string): string {
  const value = text(args, name)?.trim();
  const m = value === undefined ? null : LEGACY_TIME.exec(value);
  if (value === undefined || m === null) {
    throw clientFault(`${name} must be "YYYY-MM-DD HH:MM:SS", got ${JSON.stringify(value ?? null)}`);
  }
  const [y, mo, d, h, mi, s] = m.slice(1).map(Number) as [number, number, number, number, number, number];
  const t = new Date(Date.UTC(y, mo - 1, d, h, mi, s));
  const real =
    t.getUTCFullYear() === y && t.getUTCMonth() === mo - 1 && t.getUTCDate() === d &&
    t.getUTCHours() === h && t.getUTCMinutes() === mi && t.getUTCSeconds() === s;
  if (!real) throw clientFault(`${name} is not a real time: ${value}`);
  return value;
}

function requiredText(args: unknown, name: string): string {
  const value = text(args, name)?.trim();
  if (value === undefined || value === '') throw clientFault(`${name} is required`);
  return value;
}

/** Row objects without the NULL columns, so the XML simply lacks those elements. */
function present(rows: Array<Record<string, string | null>>): SoapRow[] {
  return rows.map((row) => {
    const out: SoapRow = {};
    for (const [key, value] of Object.entries(row)) if (value !== null) out[key] = value;
    return out;
  });
}

const TIME = (column: string) => `to_char(${column}, 'YYYY-MM-DD HH24:MI:SS')`;

/** CS-1: completed faults of one VIP, StartTime in [StartTime, EndTime). */
export async function getCompletedFaults(db: SqlRunner, args: unknown): Promise<SoapRow[]> {
  const vip = requiredText(args, 'VIP');
  const from = legacyTime(args, 'StartTime');
  const to = legacyTime(args, 'EndTime');
  const { rows } = await db.query<Record<string, string | null>>(
    `SELECT f."ACCNBR" AS "AccNbr", f."TYPE" AS "Type", f."STAFF" AS "Staff",
            ${TIME('f."STARTTIME"')} AS "StartTime", ${TIME('f."FINISHTIME"')} AS "FinishTime",
            f."DESCRIPTION" AS "Description", f."SATISFACTION" AS "Satisfaction"
       FROM cs_fault f LEFT JOIN cs_vip v ON v."ACCNBR" = f."ACCNBR"
      WHERE COALESCE(v."VIP", f."VIP") = $1
        AND f."FINISHTIME" IS NOT NULL
        AND f."STARTTIME" >= $2::timestamp AND f."STARTTIME" < $3::timestamp
      ORDER BY f."STARTTIME", f.id`,
    [vip, from, to],
  );
  return present(rows);
}

/** CS-2: completed complaints of one VIP, same window. */
export async function getCompletedComplaints(db: SqlRunner, args: unknown): Promise<SoapRow[]> {
  const vip = requiredText(args, 'VIP');
  const from = legacyTime(args, 'StartTime');
  const to = legacyTime(args, 'EndTime');
  const { rows } = await db.query<Record<string, string | null>>(
    `SELECT c."USERNAME" AS "UserName", c."TYPE" AS "Type", c."STAFF" AS "Staff",
            ${TIME('c."STARTTIME"')} AS "StartTime", ${TIME('c."FINISHTIME"')} AS "FinishTime",
            c."DESCRIPTION" AS "Description", c."SATISFACTION" AS "Satisfaction"
       FROM cs_complaint c
      WHERE c."VIP" = $1
        AND c."FINISHTIME" IS NOT NULL
        AND c."STARTTIME" >= $2::timestamp AND c."STARTTIME" < $3::timestamp
      ORDER BY c."STARTTIME", c.id`,
    [vip, from, to],
  );
  return present(rows);
}

/** CS-3: every open fault. */
export async function getOpenFaults(db: SqlRunner): Promise<SoapRow[]> {
  const { rows } = await db.query<Record<string, string | null>>(
    `SELECT COALESCE(v."VIP", f."VIP") AS "VIP", f."ACCNBR" AS "AccNbr", f."TYPE" AS "Type",
            f."STAFF" AS "Staff", ${TIME('f."STARTTIME"')} AS "StartTime", f."DESCRIPTION" AS "Description"
       FROM cs_fault f LEFT JOIN cs_vip v ON v."ACCNBR" = f."ACCNBR"
      WHERE f."FINISHTIME" IS NULL
      ORDER BY f."STARTTIME", f.id`,
  );
  return present(rows);
}

/** CS-4: every open complaint. */
export async function getOpenComplaints(db: SqlRunner): Promise<SoapRow[]> {
  const { rows } = await db.query<Record<string, string | null>>(
    `SELECT c."VIP" AS "VIP", c."USERNAME" AS "UserName", c."TYPE" AS "Type", c."STAFF" AS "Staff",
            ${TIME('c."STARTTIME"')} AS "StartTime", c."DESCRIPTION" AS "Description"
       FROM cs_complaint c
      WHERE c."FINISHTIME" IS NULL
      ORDER BY c."STARTTIME", c.id`,
  );
  return present(rows);
}

/**
 * CS-5: marks a service number with a VIP number and service level. Answers 1 when written, 0 when
 * refused (a value that does not fit its legacy column); both are logged in sim_write_log, the mark
 * and its log entry in one statement so neither exists without the other.
 */
export async function setVip(db: SqlRunner, args: unknown): Promise<0 | 1> {
  const accNbr = text(args, 'AccNbr')?.trim() ?? '';
  const vip = text(args, 'VIP')?.trim() ?? '';
  const servLevel = text(args, 'SERV_LEVEL')?.trim() ?? '';
  const logged = JSON.stringify({ AccNbr: accNbr, VIP: vip, SERV_LEVEL: servLevel });
  const fits =
    accNbr !== '' && accNbr.length <= ACCNBR_WIDTH &&
    vip !== '' && vip.length <= VIP_WIDTH &&
    servLevel !== '' && servLevel.length <= SERV_LEVEL_WIDTH;
  if (!fits) {
    await db.query(
      `INSERT INTO sim_write_log (point_id, procedure, args, result) VALUES ('CS-5', 'VIP1000_SET_VIP', $1::jsonb, '0')`,
      [logged],
    );
    return 0;
  }
  await db.query(
    `WITH mark AS (
       INSERT INTO cs_vip ("ACCNBR", "VIP", serv_level, set_at) VALUES ($1, $2, $3, now())
       ON CONFLICT ("ACCNBR") DO UPDATE SET "VIP" = EXCLUDED."VIP", serv_level = EXCLUDED.serv_level, set_at = now()
       RETURNING 1)
     INSERT INTO sim_write_log (point_id, procedure, args, result)
     SELECT 'CS-5', 'VIP1000_SET_VIP', $4::jsonb, '1' FROM mark`,
    [accNbr, vip, servLevel, logged],
  );
  return 1;
}
