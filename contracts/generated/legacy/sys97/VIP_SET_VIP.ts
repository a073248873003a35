/* eslint-disable */
/**
 * generated, do not edit: scripts/gen-types.ts writes this file from contracts/legacy/sys97/VIP_SET_VIP.schema.json.
 * Change the contract, then run `npm run contracts:gen`.
 */

/**
 * Parameter names and Oracle types are this project's (docs/architecture.md): the source names the inputs only.
 */
export interface VipSetVipInput {
  /**
   * 号码 service number
   */
  p_acc_nbr: string;
  /**
   * 贵宾卡号 VIP number (DKH_CARDID)
   */
  p_vip: string;
  /**
   * 服务等级 service level (value list not given; SLA A / AA / AAA likely)
   */
  p_serv_level: string;
}

/**
 * 1 = done (refused otherwise), 0 = not
 */
export type VipSetVipResult = 0 | 1;
