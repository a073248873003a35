/* eslint-disable */
/**
 * generated, do not edit: scripts/gen-types.ts writes this file from contracts/api/LiveAppliedCustomerBillingRates.schema.json.
 * Change the contract, then run `npm run contracts:gen`.
 */

/**
 * Charges asked of billing now: by service number (VIPJF_GET_FEE_BY_ACCNBR), by contract number (VIPJF_GET_FEE_BY_CONTRACTNO) or by a fragment of the user or payer name (VIPJF_GET_FEE_BY_USERNAME), each charge in the shape of the view's AppliedCustomerBillingRate.
 */
export interface LiveAppliedCustomerBillingRates {
  '@type': 'LiveAppliedCustomerBillingRates';
  /**
   * true: the legacy system could not answer in time and this answer comes from the hub's view (headers Warning: 110 and X-Data-Source: view).
   */
  stale: boolean;
  /**
   * legacy: billing or the 97 system answered this request (or its short-lived cache did); view: the hub's synchronised copy.
   */
  dataSource: 'legacy' | 'view';
  /**
   * The legacy answer was served from the hub's short-lived cache (headers X-Cache: hit, Age).
   */
  cacheHit: boolean;
  /**
   * When the legacy answered; for a view answer, when the view last confirmed the data (null when unknown).
   */
  asOf: string | null;
  /**
   * Legacy rows left out because they broke their contract or could not be mapped (header X-Legacy-Rows-Rejected).
   */
  rejectedRows: number;
  /**
   * More charges matched than one answer carries; narrow the cycles or the name.
   */
  truncated: boolean;
  items: AppliedCustomerBillingRate[];
}
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
