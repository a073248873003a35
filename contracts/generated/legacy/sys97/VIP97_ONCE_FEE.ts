/* eslint-disable */
/**
 * generated, do not edit: scripts/gen-types.ts writes this file from contracts/legacy/sys97/VIP97_ONCE_FEE.schema.json.
 * Change the contract, then run `npm run contracts:gen`.
 */

/**
 * Parameters of VIP97_GET_ONCE_FEE (assumed procedure); the whole-table read takes none. Parameter names and Oracle types are this project's (docs/architecture.md): the source names the inputs only.
 */
export interface Vip97OnceFeeInput {
  /**
   * 贵宾卡号 VIP number (DKH_CARDID)
   */
  p_vip: string;
}

/**
 * One one-time charge.
 */
export interface Vip97OnceFeeRow {
  /**
   * 费用编号 one-time fee id
   */
  FEE_ID: number;
  /**
   * 贵宾卡号 VIP number of the customer charged
   */
  DKH_CARDID: string;
  /**
   * 受理编号 the work order that caused the charge
   */
  SO_NBR?: string | null;
  /**
   * 服务号码 service number
   */
  ACC_CODE?: string | null;
  /**
   * 费用名称 charge name, e.g. 初装费
   */
  FEE_NAME?: string | null;
  /**
   * 金额 amount, yuan
   */
  AMOUNT: number;
  /**
   * 收费时间 time charged
   */
  FEE_DATE: string;
}
