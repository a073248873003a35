/* eslint-disable */
/**
 * generated, do not edit: scripts/gen-types.ts writes this file from contracts/legacy/billing/VIPJF_GET_FEE_BY_ACCNBR.schema.json.
 * Change the contract, then run `npm run contracts:gen`.
 */

/**
 * Parameter names and Oracle types are this project's (docs/architecture.md): the source names the inputs only.
 */
export interface VipjfGetFeeByAccnbrInput {
  /**
   * 号码 service number
   */
  p_acc_nbr: string;
  /**
   * 起始 billing cycle, YYYYMMDD
   */
  p_from_cycle: number;
  /**
   * 结束 billing cycle, YYYYMMDD
   */
  p_to_cycle: number;
}

/**
 * One charge of a number in a cycle (the seven fields shared by JF-9, JF-10 and JF-11).
 */
export interface VipjfGetFeeByAccnbrRow {
  /**
   * 服务号码 service number
   */
  EquipmentNbr: string;
  /**
   * 用户名称 user name
   */
  UserName?: string | null;
  /**
   * 合同号 contract (billing account) number
   */
  ConTractNo?: string | null;
  /**
   * 付费名称 payer name
   */
  PayName?: string | null;
  /**
   * 费用类型 charge item (ITEM.ITEM)
   */
  Item: string;
  /**
   * 费用值 amount, yuan (unit not given: assumption)
   */
  Cost?: number | null;
  /**
   * 计费周期 billing cycle, YYYYMMDD
   */
  CallTime: number;
}
