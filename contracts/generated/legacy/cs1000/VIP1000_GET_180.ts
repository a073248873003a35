/* eslint-disable */
/**
 * generated, do not edit: scripts/gen-types.ts writes this file from contracts/legacy/cs1000/VIP1000_GET_180.schema.json.
 * Change the contract, then run `npm run contracts:gen`.
 */

/**
 * Element names and types are assumptions (the source: VIP, start time, end time).
 */
export interface Vip1000Get180Input {
  /**
   * VIP 号 VIP number
   */
  VIP: string;
  /**
   * 起始时间 window start, text YYYY-MM-DD HH:MM:SS (Asia/Shanghai)
   */
  StartTime: string;
  /**
   * 结束时间 window end, text YYYY-MM-DD HH:MM:SS (Asia/Shanghai)
   */
  EndTime: string;
}

/**
 * One completed complaint. The source gives no ticket id.
 */
export interface Vip1000Get180Row {
  /**
   * 投诉人 complainant
   */
  UserName?: string | null;
  /**
   * 投诉类型 complaint type
   */
  Type?: string | null;
  /**
   * 处理人员 handler
   */
  Staff?: string | null;
  /**
   * 投诉时间 complained, text YYYY-MM-DD HH:MM:SS (Asia/Shanghai)
   */
  StartTime: string;
  /**
   * 处理结束时间 finished, text YYYY-MM-DD HH:MM:SS (Asia/Shanghai)
   */
  FinishTime: string;
  /**
   * 投诉描述 description
   */
  Description?: string | null;
  /**
   * 客户满意度 satisfaction (value list not given)
   */
  Satisfaction?: string | null;
}
