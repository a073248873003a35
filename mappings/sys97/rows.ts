// Row shapes of the 97 system's interface points, mirroring contracts/legacy/sys97/*.schema.json
// (names, nullability, value types as the transports hand them over). Declared here while the
// generated types (contracts/generated/legacy/sys97/<NAME>.ts) are not committed; the names match
// the generated ones so the swap is an import change.

/** 97-1 VIP97_GET_CHANGE */
export interface Vip97GetChangeRow {
  DKH_CARDID: string;
}

/** 97-2 VIP_GET_DKHINFO (0 or 1 row) */
export interface VipGetDkhinfoRow {
  DKH_CARDID: string;
  DKHNAME: string;
  USERTYPE?: string | null;
  EXCH?: string | null;
  BAREA?: string | null;
  CONN_PERSON?: string | null;
  CONN_TELE?: string | null;
  ADDR?: string | null;
  POSTCARD?: string | null;
}

/** 97-3 VIP_GET_PAYINFO */
export interface VipGetPayinfoRow {
  ACCT_NBR: string;
  PAYNAME?: string | null;
  PAYMETH?: string | null;
  BANKNAME?: string | null;
  BANKACCT?: string | null;
  ADDR?: string | null;
  PAYPOSTAL?: string | null;
}

/** 97-4 VIP_GET_SERVERS. SERV97_ID is NUMBER(20): digits as text. ACC_USEDATE is DATE text. */
export interface VipGetServersRow {
  ACC_CODE: string;
  ACCT_NBR?: string | null;
  SERV97_ID: string;
  PERSON?: string | null;
  ACC_SERVTYPE?: string | null;
  ACC_CUSTNAME?: string | null;
  ACC_PARENTNAME?: string | null;
  ACC_SITUATED?: string | null;
  ACC_PAYPOSTAL?: string | null;
  ACC_USEDATE?: string | null;
}

/** 97-5 VIP_GET_SOS. VIP is the customer id (DKH_ID), NUMBER(10). */
export interface VipGetSosRow {
  VIP: number;
  SO_NBR: string;
  SERV_NBR?: string | null;
  ACC_SERVTYPE?: string | null;
  SO_DATE?: string | null;
  CURR_TACHE?: string | null;
}

/** 97-6 VIP_GET_SOINFO: the steps of one order, in order. */
export interface VipGetSoinfoRow {
  WORK_AREA: string;
  WORK_GROUP?: string | null;
  STAFF_NAME?: string | null;
  ENTER_TIME?: string | null;
  OUT_TIME?: string | null;
  SX?: number | null;
  TD_TIME?: string | null;
  TD_REASON?: string | null;
}

/** 97-7 VIP97_SO_PROCESS (table shape: this project's assumption). */
export interface Vip97SoProcessRow {
  SO_NBR: string;
  VIP: number;
  SERV_NBR?: string | null;
  ACC_SERVTYPE?: string | null;
  SO_TYPE?: string | null;
  SO_DATE?: string | null;
  FINISH_DATE?: string | null;
  STS?: string | null;
  SX?: number | null;
  TIME_USED?: number | null;
}

/** 97-8 VIP97_ONCE_FEE / VIP97_GET_ONCE_FEE (shape: this project's assumption). */
export interface Vip97OnceFeeRow {
  FEE_ID: number;
  DKH_CARDID: string;
  SO_NBR?: string | null;
  ACC_CODE?: string | null;
  FEE_NAME?: string | null;
  AMOUNT: number;
  FEE_DATE: string;
}

/** 97-9 VIP97_GET_PRODUCT */
export interface Vip97GetProductRow {
  ProductId: string;
  Name?: string | null;
  Kind?: string | null;
}
