/* eslint-disable */
/**
 * generated, do not edit: scripts/gen-types.ts writes this file from contracts/legacy/sys97/VIP97_SO_PROCESS.schema.json.
 * Change the contract, then run `npm run contracts:gen`.
 */

/**
 * A whole-table read: no parameter.
 */
export interface Vip97SoProcessInput {}

/**
 * One work order with its fulfilment figures.
 */
export interface Vip97SoProcessRow {
  /**
   * 受理编号 work order number
   */
  SO_NBR: string;
  /**
   * 客户编号 customer id (DKH_ID), as in VIP_GET_SOS
   */
  VIP: number;
  /**
   * 服务号码 service number
   */
  SERV_NBR?: string | null;
  /**
   * 服务类型 service type
   */
  ACC_SERVTYPE?: string | null;
  /**
   * 工单类型 order type, e.g. 新装 / 移机 / 变更 / 拆机
   */
  SO_TYPE?: string | null;
  /**
   * 受理时间 acceptance time (text)
   */
  SO_DATE?: string | null;
  /**
   * 竣工时间 completion time (text), NULL while open
   */
  FINISH_DATE?: string | null;
  /**
   * 状态 order state, e.g. 在途 / 竣工 / 退单
   */
  STS?: string | null;
  /**
   * 时限 total time limit of the order's steps, hours
   */
  SX?: number | null;
  /**
   * 历时 hours from acceptance to completion (or to now while open)
   */
  TIME_USED?: number | null;
}
