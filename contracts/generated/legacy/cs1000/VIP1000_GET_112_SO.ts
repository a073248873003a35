/* eslint-disable */
/**
 * generated, do not edit: scripts/gen-types.ts writes this file from contracts/legacy/cs1000/VIP1000_GET_112_SO.schema.json.
 * Change the contract, then run `npm run contracts:gen`.
 */

/**
 * No input.
 */
export interface Vip1000Get112SoInput {}

/**
 * One open fault. The source gives no ticket id.
 */
export interface Vip1000Get112SoRow {
  /**
   * VIP 号 VIP number
   */
  VIP: string;
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
   * 故障描述 description
   */
  Description?: string | null;
}
