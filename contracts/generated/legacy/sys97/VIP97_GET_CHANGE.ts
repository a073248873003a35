/* eslint-disable */
/**
 * generated, do not edit: scripts/gen-types.ts writes this file from contracts/legacy/sys97/VIP97_GET_CHANGE.schema.json.
 * Change the contract, then run `npm run contracts:gen`.
 */

/**
 * Parameter names and Oracle types are this project's (docs/architecture.md): the source names the inputs only.
 */
export interface Vip97GetChangeInput {
  /**
   * 上次信息同步时间 last sync time (legacy wall clock)
   */
  p_last_time: string;
}

/**
 * One changed customer.
 */
export interface Vip97GetChangeRow {
  /**
   * 贵宾卡号 VIP number of a changed customer
   */
  DKH_CARDID: string;
}
