/* eslint-disable */
/**
 * generated, do not edit: scripts/gen-types.ts writes this file from contracts/legacy/billing/VIPJF_SET_VIP.schema.json.
 * Change the contract, then run `npm run contracts:gen`.
 */

/**
 * Parameter names and Oracle types are this project's (docs/architecture.md): the source names the inputs only.
 */
export interface VipjfSetVipInput {
  /**
   * 号码 service number
   */
  p_acc_nbr: string;
  /**
   * 贵宾卡号 VIP number (DKH_CARDID)
   */
  p_vip: string;
  /**
   * 优惠方案 discount plan (value list not given)
   */
  p_discount_plan: string;
}

/**
 * 1 = set, 0 = not
 */
export type VipjfSetVipResult = 0 | 1;
