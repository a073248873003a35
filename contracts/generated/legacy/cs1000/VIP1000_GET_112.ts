/* eslint-disable */
/**
 * generated, do not edit: scripts/gen-types.ts writes this file from contracts/legacy/cs1000/VIP1000_GET_112.schema.json.
 * Change the contract, then run `npm run contracts:gen`.
 */

/**
 * Element names and types are assumptions (the source: VIP, start time, end time).
 */
export interface Vip1000Get112Input {
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
 * One completed fault. The source gives no ticket id.
 */
export interface Vip1000Get112Row {
  /**
   * 服务号码 service number
   */
  AccNbr: string;
  /**
   * 故障类型 fault type
   */
  Type?: string | null;
  /**
   * 故障处理人员 handler
   */
  Staff?: string | null;
  /**
   * 申告时间 reported, text YYYY-MM-DD HH:MM:SS (Asia/Shanghai)
   */
  StartTime: string;
  /**
   * 处理结束时间 finished, text YYYY-MM-DD HH:MM:SS (Asia/Shanghai)
   */
  FinishTime: string;
  /**
   * 故障描述 description
   */
  Description?: string | null;
  /**
   * 客户满意度 satisfaction, e.g. 满意 (value list not given)
   */
  Satisfaction?: string | null;
}
