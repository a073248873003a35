/* eslint-disable */
/**
 * generated, do not edit: scripts/gen-types.ts writes this file from contracts/legacy/billing/TOP1000_FEE.schema.json.
 * Change the contract, then run `npm run contracts:gen`.
 */

/**
 * Bind of `SELECT … WHERE CallTime = :cycle`; rows of a cycle are visible once its request is ready.
 */
export interface Top1000FeeInput {
  /**
   * the billing cycle, YYYYMMDD
   */
  cycle: number;
}

/**
 * One top-1000 contract of a cycle.
 */
export interface Top1000FeeRow {
  /**
   * 合同号 contract number (spelled ConTractNO here)
   */
  ConTractNO: string;
  /**
   * 费用值 the contract's charges of the cycle, yuan
   */
  Cost?: number | null;
  /**
   * 计费周期 billing cycle, YYYYMMDD
   */
  CallTime: number;
}
