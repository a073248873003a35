// Legacy-side changes made while the simulator runs, as the 97 and billing systems' own users would
// make them: each 97 change is logged in sim_change_log, so VIP97_GET_CHANGE reports it to the hub.
// Column names are checked against fixed lists before they reach SQL.

import type { SqlRunner } from './sql-runner.ts';

const CUSTOMER_COLUMNS = ['DKH_CARDID', 'DKHNAME', 'USERTYPE', 'EXCH', 'BAREA', 'CONN_PERSON', 'CONN_TELE', 'ADDR',
  'POSTCARD', 'industry_code', 'local_network', 'level', 'tier', 'status', 'status_time', 'manager'] as const;
const ACCOUNT_COLUMNS = ['PAYNAME', 'PAYMETH', 'BANKNAME', 'BANKACCT', 'ADDR', 'PAYPOSTAL'] as const;
const SERVICE_COLUMNS = ['ACCT_NBR', 'PERSON', 'ACC_SERVTYPE', 'ACC_CUSTNAME', 'ACC_PARENTNAME', 'ACC_SITUATED',
  'ACC_PAYPOSTAL', 'ACC_USEDATE', 'serv_level', 'monthly_base'] as const;

export type CustomerChanges = Partial<Record<(typeof CUSTOMER_COLUMNS)[number], string | number | null>>;
export type AccountChanges = Partial<Record<(typeof ACCOUNT_COLUMNS)[number], string | null>>;
export type ServiceChanges = Partial<Record<(typeof SERVICE_COLUMNS)[number], string | number | null>>;

export interface Mutate {
  /** Change a customer found by its current VIP number; answers its VIP number afterwards. */
  customer(vip: string, changes: CustomerChanges): Promise<string>;
  account(acctNbr: string, changes: AccountChanges): Promise<void>;
  service(accCode: string, changes: ServiceChanges): Promise<void>;
  /** Close an open work order (it leaves VIP_GET_SOS). */
  finishWorkOrder(soNbr: string): Promise<void>;
  /** Billing: a contract's bill of a cycle is paid on paidDate (YYYYMMDD), or unpaid again (null). */
  payment(contractNo: string, cycle: number, paidDate: number | null): Promise<void>;
}

function assignments(changes: object, allowed: readonly string[], firstParam: number): { sql: string; values: unknown[] } {
  const entries = Object.entries(changes).filter(([, v]) => v !== undefined);
  const bad = entries.filter(([k]) => !allowed.includes(k)).map(([k]) => k);
  if (bad.length > 0) throw new Error(`cannot change ${bad.join(', ')} (allowed: ${allowed.join(', ')})`);
  if (entries.length === 0) throw new Error('no changes given');
  return {
    sql: entries.map(([k], i) => `"${k}" = $${firstParam + i}`).join(', '),
    values: entries.map(([, v]) => v),
  };
}

export function createMutate(sys97: SqlRunner, billing: SqlRunner): Mutate {
  // One statement per change: the in-process runner takes PGlite's session lock per statement, and a
  // data-modifying CTE keeps the row change and its change-log entry together.
  const logged = async (table: string, where: string, key: string, set: { sql: string; values: unknown[] }): Promise<void> => {
    const { rows } = await sys97.query<{ n: string }>(
      `WITH changed AS (UPDATE ${table} SET ${set.sql} WHERE ${where} = $1 RETURNING "DKH_ID"),
            logged AS (INSERT INTO sim_change_log (dkh_cardid, changed_at)
                       SELECT c."DKH_CARDID", now() FROM DKH_CUSTOMER c WHERE c."DKH_ID" IN (SELECT "DKH_ID" FROM changed)
                       RETURNING 1)
       SELECT count(*) AS n FROM changed`,
      [key, ...set.values],
    );
    if (Number(rows[0]?.n ?? 0) === 0) throw new Error(`${table}: no row with ${where} = ${key}`);
  };
  return {
    async customer(vip, changes) {
      const set = assignments(changes, CUSTOMER_COLUMNS, 2);
      const { rows } = await sys97.query<{ vip: string }>(
        `WITH changed AS (UPDATE DKH_CUSTOMER SET ${set.sql}, changed_at = now() WHERE "DKH_CARDID" = $1
                          RETURNING "DKH_CARDID"),
              logged AS (INSERT INTO sim_change_log (dkh_cardid, changed_at) SELECT "DKH_CARDID", now() FROM changed)
         SELECT "DKH_CARDID" AS vip FROM changed`,
        [vip, ...set.values],
      );
      if (rows[0] === undefined) throw new Error(`DKH_CUSTOMER: no customer with VIP ${vip}`);
      return rows[0].vip;
    },
    account: (acctNbr, changes) => logged('DKH_ACCOUNT', '"ACCT_NBR"', acctNbr, assignments(changes, ACCOUNT_COLUMNS, 2)),
    service: (accCode, changes) => logged('DKH_SERVICE', '"ACC_CODE"', accCode, assignments(changes, SERVICE_COLUMNS, 2)),
    async finishWorkOrder(soNbr) {
      const { rows } = await sys97.query(
        `UPDATE SO_ORDER SET finished = true, finished_at = now() WHERE "SO_NBR" = $1 RETURNING 1`, [soNbr]);
      if (rows.length === 0) throw new Error(`SO_ORDER: no order ${soNbr}`);
    },
    async payment(contractNo, cycle, paidDate) {
      await billing.query(
        `INSERT INTO bill_payment ("CONTRACTNO", "CALLTIME", paid_date) VALUES ($1, $2, $3)
         ON CONFLICT ("CONTRACTNO", "CALLTIME") DO UPDATE SET paid_date = excluded.paid_date`,
        [contractNo, cycle, paidDate],
      );
    },
  };
}
