/* eslint-disable */
/**
 * generated, do not edit: scripts/gen-types.ts writes this file from contracts/api/ProductOffering.schema.json.
 * Change the contract, then run `npm run contracts:gen`.
 */

/**
 * TMF620 ProductOffering: a product of the 97 system's catalogue (VIP97_GET_PRODUCT).
 */
export interface ProductOffering {
  /**
   * ProductId.
   */
  id: string;
  href: string;
  '@type': 'ProductOffering';
  name: string;
  /**
   * The catalogue holds what the 97 system lists now.
   */
  lifecycleStatus: 'active';
  category: EntityRef[];
  lastUpdate?: string;
}
/**
 * TMF reference to another resource; @referredType names the class referred to.
 */
export interface EntityRef {
  id: string;
  href?: string;
  name?: string;
  /**
   * The class of the referred entity (e.g. Customer, BillingAccount).
   */
  '@referredType': string;
  '@type'?: string;
  '@baseType'?: string;
  '@schemaLocation'?: string;
}
