/* eslint-disable */
/**
 * generated, do not edit: scripts/gen-types.ts writes this file from contracts/api/AppliedCustomerBillingRate.schema.json.
 * Change the contract, then run `npm run contracts:gen`.
 */

/**
 * TMF678 AppliedCustomerBillingRate: one charge of one service for one charge item in one billing cycle (JF-5), with the item's business category.
 */
export interface AppliedCustomerBillingRate {
  /**
   * <service number>:<item code>:<billing cycle>.
   */
  id: string;
  href: string;
  '@type': 'AppliedCustomerBillingRate';
  /**
   * The charge item's name, or its code when billing's ITEM table lacks it.
   */
  name: string;
  itemCode: string;
  category:
    | 'local_telephone'
    | 'long_distance_telephone'
    | 'telephone_value_added'
    | 'telecom_card'
    | 'data'
    | 'internet_access'
    | 'platform'
    | 'network_elements_interconnection'
    | 'application'
    | 'other';
  billingCycle: number;
  periodCoverage: TimePeriod;
  taxExcludedAmount: Money;
  isBilled: true;
  product: EntityRef;
  billingAccount?: EntityRef | null;
  bill?: EntityRef | null;
}
/**
 * TMF validity period; an open end is left out.
 */
export interface TimePeriod {
  startDateTime?: string;
  endDateTime?: string;
}
/**
 * TMF amount with its currency (ISO 4217, CNY for the legacy charges).
 */
export interface Money {
  unit: string;
  value: number;
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
