/* eslint-disable */
/**
 * generated, do not edit: scripts/gen-types.ts writes this file from contracts/legacy/cs1000/VIP1000_SET_VIP.schema.json.
 * Change the contract, then run `npm run contracts:gen`.
 */

/**
 * Element names and types are assumptions (the source: number, VIP number, service level).
 */
export interface Vip1000SetVipInput {
  /**
   * 号码 service number
   */
  AccNbr: string;
  /**
   * VIP 号 VIP number
   */
  VIP: string;
  /**
   * 服务等级 service level (value list not given; same label as VIP_SET_VIP)
   */
  SERV_LEVEL: string;
}

/**
 * 1 = set, 0 = not
 */
export type Vip1000SetVipResult = 0 | 1;
