/* eslint-disable */
/**
 * generated, do not edit: scripts/gen-types.ts writes this file from contracts/legacy/sys97/VIP_GET_SOS.schema.json.
 * Change the contract, then run `npm run contracts:gen`.
 */

/**
 * No parameter: the procedure answers every open order.
 */
export interface VipGetSosInput {}

/**
 * One open work order.
 */
export interface VipGetSosRow {
  /**
   * 客户编号 customer id (DKH_ID), not the VIP card number
   */
  VIP: number;
  /**
   * 受理编号 acceptance (work order) number
   */
  SO_NBR: string;
  /**
   * 服务号码 service number: links the order to a customer
   */
  SERV_NBR?: string | null;
  /**
   * 服务类型 service type
   */
  ACC_SERVTYPE?: string | null;
  /**
   * 受理时间 acceptance time, a date held as text
   */
  SO_DATE?: string | null;
  /**
   * 当前实施环节 current step
   */
  CURR_TACHE?: string | null;
}
