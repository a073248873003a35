/* eslint-disable */
/**
 * generated, do not edit: scripts/gen-types.ts writes this file from contracts/legacy/billing/VIP_FEE.schema.json.
 * Change the contract, then run `npm run contracts:gen`.
 */

/**
 * Bind of `SELECT … WHERE CallTime = :cycle`; rows of a cycle are visible once its request is ready.
 */
export interface VipFeeInput {
  /**
   * the billing cycle, YYYYMMDD
   */
  cycle: number;
}

/**
 * One charge item of a number in a cycle.
 */
export interface VipFeeRow {
  /**
   * 服务号码 service number
   */
  EquipmentNbr: string;
  /**
   * 合同号 contract number
   */
  ConTractNo?: string | null;
  /**
   * 大客户编号 VIP number
   */
  VIP?: string | null;
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
