/* eslint-disable */
/**
 * generated, do not edit: scripts/gen-types.ts writes this file from contracts/legacy/billing/AREA.schema.json.
 * Change the contract, then run `npm run contracts:gen`.
 */

/**
 * A whole-table read: no parameter.
 */
export interface AreaInput {}

/**
 * One area code.
 */
export interface AreaRow {
  /**
   * 区号编号 area code id (digits as text: NUMBER(16) exceeds 15 digits)
   */
  AreaCodeId: string;
  /**
   * 区号代码 area code
   */
  AreaCode?: string | null;
  /**
   * 地区名称 area name
   */
  AreaName?: string | null;
}
