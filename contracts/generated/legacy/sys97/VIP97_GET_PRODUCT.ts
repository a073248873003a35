/* eslint-disable */
/**
 * generated, do not edit: scripts/gen-types.ts writes this file from contracts/legacy/sys97/VIP97_GET_PRODUCT.schema.json.
 * Change the contract, then run `npm run contracts:gen`.
 */

/**
 * No parameter.
 */
export interface Vip97GetProductInput {}

/**
 * One product.
 */
export interface Vip97GetProductRow {
  /**
   * 产品编号 product id
   */
  ProductId: string;
  /**
   * 产品名称 product name
   */
  Name?: string | null;
  /**
   * 产品类别 product kind
   */
  Kind?: string | null;
}
