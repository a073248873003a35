/* eslint-disable */
/**
 * generated, do not edit: scripts/gen-types.ts writes this file from contracts/legacy/sys97/VIP_GET_SOINFO.schema.json.
 * Change the contract, then run `npm run contracts:gen`.
 */

/**
 * Parameter names and Oracle types are this project's (docs/architecture.md): the source names the inputs only.
 */
export interface VipGetSoinfoInput {
  /**
   * 申请单号 work order number
   */
  p_so_nbr: string;
}

/**
 * One step of the order, in the order the procedure answers them.
 */
export interface VipGetSoinfoRow {
  /**
   * 环节名称 step name
   */
  WORK_AREA: string;
  /**
   * 施工班组 work crew
   */
  WORK_GROUP?: string | null;
  /**
   * 施工人员 worker
   */
  STAFF_NAME?: string | null;
  /**
   * 进入环节时间 step entered (text)
   */
  ENTER_TIME?: string | null;
  /**
   * 退出环节时间 step left (text), empty while in the step
   */
  OUT_TIME?: string | null;
  /**
   * 环节时限 step time limit
   */
  SX?: number | null;
  /**
   * 退单时间 return (rejection) time (text)
   */
  TD_TIME?: string | null;
  /**
   * 退单原因 return reason
   */
  TD_REASON?: string | null;
}
