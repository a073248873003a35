/* eslint-disable */
/**
 * generated, do not edit: scripts/gen-types.ts writes this file from contracts/legacy/sys97/VIP_GET_DKHINFO.schema.json.
 * Change the contract, then run `npm run contracts:gen`.
 */

/**
 * Parameter names and Oracle types are this project's (docs/architecture.md): the source names the inputs only.
 */
export interface VipGetDkhinfoInput {
  /**
   * 贵宾卡号 VIP number (DKH_CARDID)
   */
  p_vip: string;
}

/**
 * The customer of a VIP number.
 */
export interface VipGetDkhinfoRow {
  /**
   * 贵宾卡号 VIP number
   */
  DKH_CARDID: string;
  /**
   * 客户名称 customer name
   */
  DKHNAME: string;
  /**
   * 客户类型 customer type (value list not given)
   */
  USERTYPE?: string | null;
  /**
   * 所属电信区域 telecom area
   */
  EXCH?: string | null;
  /**
   * 所属行政区域 administrative area (as the 97 interface glosses it)
   */
  BAREA?: string | null;
  /**
   * 联系人 contact person
   */
  CONN_PERSON?: string | null;
  /**
   * 联系电话 contact phone
   */
  CONN_TELE?: string | null;
  /**
   * 客户地址 address
   */
  ADDR?: string | null;
  /**
   * 邮政编号 postcode
   */
  POSTCARD?: string | null;
}
