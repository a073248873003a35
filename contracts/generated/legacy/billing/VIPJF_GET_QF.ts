/* eslint-disable */
/**
 * generated, do not edit: scripts/gen-types.ts writes this file from contracts/legacy/billing/VIPJF_GET_QF.schema.json.
 * Change the contract, then run `npm run contracts:gen`.
 */

/**
 * Parameter names and Oracle types are this project's (docs/architecture.md): the source names the inputs only.
 */
export interface VipjfGetQfInput {
  /**
   * 合同号 contract number
   */
  p_contract_nbr: string;
  /**
   * 计费周期 billing cycle, YYYYMMDD
   */
  p_cycle: number;
}

/**
 * 缴费时间 payment date YYYYMMDD, or -1 when not yet paid (arrears)
 */
export type VipjfGetQfResult = number;
