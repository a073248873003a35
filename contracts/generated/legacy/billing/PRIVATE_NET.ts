/* eslint-disable */
/**
 * generated, do not edit: scripts/gen-types.ts writes this file from contracts/legacy/billing/PRIVATE_NET.schema.json.
 * Change the contract, then run `npm run contracts:gen`.
 */

/**
 * A whole-table read: no parameter.
 */
export interface PrivateNetInput {}

/**
 * One private-network range.
 */
export interface PrivateNetRow {
  /**
   * 专网编号 private network id
   */
  ManagerNo: string;
  /**
   * 起始号码 first number of the range (legacy spelling kept)
   */
  BegingNo?: string | null;
  /**
   * 结束号码 last number of the range
   */
  EndNo?: string | null;
  /**
   * 专网名称 private network name
   */
  Name?: string | null;
}
