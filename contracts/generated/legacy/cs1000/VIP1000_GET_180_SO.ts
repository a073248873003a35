/* eslint-disable */
/**
 * generated, do not edit: scripts/gen-types.ts writes this file from contracts/legacy/cs1000/VIP1000_GET_180_SO.schema.json.
 * Change the contract, then run `npm run contracts:gen`.
 */

/**
 * No input (the source's title says "by VIP"; its parameter list is empty).
 */
export interface Vip1000Get180SoInput {}

/**
 * One open complaint. The source gives no ticket id.
 */
export interface Vip1000Get180SoRow {
  /**
   * VIP 号 VIP number
   */
  VIP: string;
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
   * 投诉描述 description
   */
  Description?: string | null;
}
