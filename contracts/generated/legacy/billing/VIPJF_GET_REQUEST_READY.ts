/* eslint-disable */
/**
 * generated, do not edit: scripts/gen-types.ts writes this file from contracts/legacy/billing/VIPJF_GET_REQUEST_READY.schema.json.
 * Change the contract, then run `npm run contracts:gen`.
 */

/**
 * Parameter names and Oracle types are this project's (docs/architecture.md): the source names the inputs only.
 */
export interface VipjfGetRequestReadyInput {
  /**
   * 计费周期 billing cycle, YYYYMMDD
   */
  p_cycle: number;
}

/**
 * 1 = ready, 0 = not
 */
export type VipjfGetRequestReadyResult = 0 | 1;
