/* eslint-disable */
/**
 * generated, do not edit: scripts/gen-types.ts writes this file from contracts/legacy/billing/ITEM.schema.json.
 * Change the contract, then run `npm run contracts:gen`.
 */

/**
 * A whole-table read: no parameter.
 */
export interface ItemInput {}

/**
 * One charge item.
 */
export interface ItemRow {
  /**
   * 费用编号 charge item code
   */
  ITEM: string;
  /**
   * 费用名称 charge item name
   */
  Name?: string | null;
}
