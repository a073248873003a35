/* eslint-disable */
/**
 * generated, do not edit: scripts/gen-types.ts writes this file from contracts/legacy/sys97/VIP_GET_PAYINFO.schema.json.
 * Change the contract, then run `npm run contracts:gen`.
 */

/**
 * Parameter names and Oracle types are this project's (docs/architecture.md): the source names the inputs only.
 */
export interface VipGetPayinfoInput {
  /**
   * 贵宾卡号 VIP number (DKH_CARDID)
   */
  p_vip: string;
}

/**
 * One billing account of the customer.
 */
export interface VipGetPayinfoRow {
  /**
   * 合同号 contract (billing account) number, e.g. HT688888
   */
  ACCT_NBR: string;
  /**
   * 付费名称 payer name
   */
  PAYNAME?: string | null;
  /**
   * 付费方式 pay method, e.g. 托收 (bank collection)
   */
  PAYMETH?: string | null;
  /**
   * 付费银行 bank
   */
  BANKNAME?: string | null;
  /**
   * 付费帐号 bank account (personal data: mask when shown)
   */
  BANKACCT?: string | null;
  /**
   * 付费地址 payer address
   */
  ADDR?: string | null;
  /**
   * 邮政编码 postcode
   */
  PAYPOSTAL?: string | null;
}
