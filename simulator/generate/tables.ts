// The columns the generator writes, per table, in row order, with the legacy VARCHAR2 widths of
// simulator/sql/*/001_tables.sql. Widths are byte limits under the legacy charset (GBK: a CJK
// character takes 2 bytes), so every generated text must fit them in GBK bytes, not only characters.

export type System = 'sys97' | 'billing' | 'cs1000';
export const SYSTEMS: readonly System[] = ['sys97', 'billing', 'cs1000'];

export type Cell = string | number | boolean | null;
export type Row = Cell[];

export interface Column {
  /** Name as created (upper case = legacy, quoted; lower case = bookkeeping). */
  name: string;
  /** varchar(n): byte limit under GBK. */
  width?: number;
}

export interface TableSpec {
  system: System;
  /** Table name as PostgreSQL folds it. */
  name: string;
  columns: readonly Column[];
}

const c = (name: string, width?: number): Column => (width === undefined ? { name } : { name, width });

export const TABLES = {
  dkh_customer: { system: 'sys97', name: 'dkh_customer', columns: [c('DKH_ID'), c('DKH_CARDID', 20), c('DKHNAME', 50), c('USERTYPE', 20), c('EXCH', 20), c('BAREA', 20), c('CONN_PERSON', 20), c('CONN_TELE', 20), c('ADDR', 50), c('POSTCARD', 6), c('industry_code'), c('local_network'), c('level'), c('tier'), c('status'), c('status_time'), c('manager'), c('changed_at')] },
  dkh_account: { system: 'sys97', name: 'dkh_account', columns: [c('ACCT_NBR', 20), c('DKH_ID'), c('PAYNAME', 100), c('PAYMETH', 20), c('BANKNAME', 100), c('BANKACCT', 20), c('ADDR', 20), c('PAYPOSTAL', 6)] },
  dkh_service: { system: 'sys97', name: 'dkh_service', columns: [c('SERV97_ID'), c('ACC_CODE', 20), c('ACCT_NBR', 20), c('DKH_ID'), c('PERSON', 10), c('ACC_SERVTYPE', 50), c('ACC_CUSTNAME', 100), c('ACC_PARENTNAME', 100), c('ACC_SITUATED', 100), c('ACC_PAYPOSTAL', 6), c('ACC_USEDATE'), c('serv_level', 10), c('monthly_base')] },
  so_order: { system: 'sys97', name: 'so_order', columns: [c('SO_NBR', 100), c('VIP'), c('SERV_NBR', 20), c('ACC_SERVTYPE', 50), c('SO_DATE', 20), c('CURR_TACHE', 20), c('finished'), c('finished_at')] },
  so_step: { system: 'sys97', name: 'so_step', columns: [c('SO_NBR', 100), c('step_no'), c('WORK_AREA', 100), c('WORK_GROUP', 100), c('STAFF_NAME', 100), c('ENTER_TIME', 100), c('OUT_TIME', 100), c('SX'), c('TD_TIME', 100), c('TD_REASON', 100)] },
  vip97_so_process: { system: 'sys97', name: 'vip97_so_process', columns: [c('SO_NBR', 100), c('VIP'), c('SERV_NBR', 20), c('ACC_SERVTYPE', 50), c('SO_TYPE', 20), c('SO_DATE', 20), c('FINISH_DATE', 20), c('STS', 10), c('SX'), c('TIME_USED')] },
  vip97_once_fee: { system: 'sys97', name: 'vip97_once_fee', columns: [c('FEE_ID'), c('DKH_CARDID', 20), c('SO_NBR', 100), c('ACC_CODE', 20), c('FEE_NAME', 50), c('AMOUNT'), c('FEE_DATE')] },
  vip97_product: { system: 'sys97', name: 'vip97_product', columns: [c('PRODUCTID', 10), c('NAME', 50), c('KIND', 20)] },
  sim_change_log: { system: 'sys97', name: 'sim_change_log', columns: [c('dkh_cardid', 20), c('changed_at')] },
  area: { system: 'billing', name: 'area', columns: [c('AREACODEID'), c('AREACODE', 11), c('AREANAME', 20)] },
  item: { system: 'billing', name: 'item', columns: [c('ITEM', 4), c('NAME', 80)] },
  private_net: { system: 'billing', name: 'private_net', columns: [c('MANAGERNO', 10), c('BEGINGNO', 15), c('ENDNO', 15), c('NAME', 20)] },
  bill_fee: { system: 'billing', name: 'bill_fee', columns: [c('EQUIPMENTNBR', 14), c('CONTRACTNO', 10), c('VIP', 20), c('ITEM', 4), c('COST'), c('CALLTIME'), c('USERNAME', 50), c('PAYNAME', 50)] },
  bill_call: { system: 'billing', name: 'bill_call', columns: [c('VIP', 20), c('EQUIPMENTNBR', 20), c('CALLNBR', 20), c('CALLTYPE', 5), c('AREACODE', 16), c('STARTTIME'), c('CONTRACTNO', 15), c('TIMELONG'), c('COST'), c('CALLTIME')] },
  bill_top1000: { system: 'billing', name: 'bill_top1000', columns: [c('CONTRACTNO', 15), c('COST'), c('CALLTIME')] },
  bill_payment: { system: 'billing', name: 'bill_payment', columns: [c('CONTRACTNO', 10), c('CALLTIME'), c('paid_date')] },
  bill_vip: { system: 'billing', name: 'bill_vip', columns: [c('EQUIPMENTNBR', 20), c('VIP', 20), c('discount_plan', 20), c('set_at')] },
  cs_fault: { system: 'cs1000', name: 'cs_fault', columns: [c('id'), c('VIP', 20), c('ACCNBR', 20), c('TYPE', 20), c('STAFF', 20), c('STARTTIME'), c('FINISHTIME'), c('DESCRIPTION', 255), c('SATISFACTION', 10)] },
  cs_complaint: { system: 'cs1000', name: 'cs_complaint', columns: [c('id'), c('VIP', 20), c('USERNAME', 50), c('TYPE', 20), c('STAFF', 20), c('STARTTIME'), c('FINISHTIME'), c('DESCRIPTION', 255), c('SATISFACTION', 10)] },
  cs_vip: { system: 'cs1000', name: 'cs_vip', columns: [c('ACCNBR', 20), c('VIP', 20), c('serv_level', 10), c('set_at')] },
} as const satisfies Record<string, TableSpec>;

export type TableName = keyof typeof TABLES;
export const TABLE_NAMES = Object.keys(TABLES) as TableName[];

/** Bytes of a text under GBK: ASCII 1, everything else (CJK, full-width punctuation) 2. */
export function gbkBytes(text: string): number {
  let n = 0;
  for (const ch of text) n += ch.codePointAt(0)! < 0x80 ? 1 : 2;
  return n;
}

/** Cuts a text to at most `width` GBK bytes (whole characters only). */
export function fitGbk(text: string, width: number): string {
  let n = 0;
  let out = '';
  for (const ch of text) {
    const w = ch.codePointAt(0)! < 0x80 ? 1 : 2;
    if (n + w > width) break;
    n += w;
    out += ch;
  }
  return out;
}
