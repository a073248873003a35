// Row shapes of the billing system's interface points, mirroring contracts/legacy/billing/*.schema.json.
// Declared here while the generated types (contracts/generated/legacy/billing/<NAME>.ts) are not
// committed; the names match the generated ones so the swap is an import change. Note the legacy
// spellings: ConTractNo (fee tables, VARCHAR2(10)) against ConTractNO (CALL_LIST, TOP1000_FEE, (15)).

/** JF-3 AREA. AreaCodeId is NUMBER(16): digits as text. */
export interface AreaRow {
  AreaCodeId: string;
  AreaCode?: string | null;
  AreaName?: string | null;
}

/** JF-4 ITEM */
export interface ItemRow {
  ITEM: string;
  Name?: string | null;
}

/** JF-5 VIP_FEE */
export interface VipFeeRow {
  EquipmentNbr: string;
  ConTractNo?: string | null;
  VIP?: string | null;
  Item: string;
  Cost?: number | null;
  CallTime: number;
}

/** JF-6 PRIVATE_NET */
export interface PrivateNetRow {
  ManagerNo: string;
  BegingNo?: string | null;
  EndNo?: string | null;
  Name?: string | null;
}

/** JF-7 CALL_LIST. StartTime is DATE text. */
export interface CallListRow {
  VIP?: string | null;
  EquipmentNbr: string;
  CallNbr?: string | null;
  CallType?: string | null;
  AreaCode?: string | null;
  StartTime: string;
  ConTractNO?: string | null;
  TimeLong?: number | null;
  Cost?: number | null;
  CallTime: number;
}

/** JF-8 TOP1000_FEE */
export interface Top1000FeeRow {
  ConTractNO: string;
  Cost?: number | null;
  CallTime: number;
}

/** JF-9 VIPJF_GET_FEE_BY_ACCNBR; JF-10 and JF-11 answer the same shape. */
export interface VipjfGetFeeByAccnbrRow {
  EquipmentNbr: string;
  UserName?: string | null;
  ConTractNo?: string | null;
  PayName?: string | null;
  Item: string;
  Cost?: number | null;
  CallTime: number;
}
export type VipjfGetFeeByContractnoRow = VipjfGetFeeByAccnbrRow;
export type VipjfGetFeeByUsernameRow = VipjfGetFeeByAccnbrRow;

/** JF-12 VIPJF_GET_QF: the scalar p_result, YYYYMMDD paid or -1 unpaid. */
export interface VipjfGetQfAnswer {
  p_result: number;
}
