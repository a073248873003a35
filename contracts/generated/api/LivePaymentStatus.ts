/* eslint-disable */
/**
 * generated, do not edit: scripts/gen-types.ts writes this file from contracts/api/LivePaymentStatus.schema.json.
 * Change the contract, then run `npm run contracts:gen`.
 */

/**
 * Whether one billing account's bill of one cycle is paid, asked of billing now (VIPJF_GET_QF): the payment date, or in arrears.
 */
export interface LivePaymentStatus {
  /**
   * The bill: <account number>-<billing cycle>.
   */
  id: string;
  href: string;
  '@type': 'LivePaymentStatus';
  /**
   * YYYYMMDD, the cycle's first day.
   */
  billingCycle: number;
  billingPeriod: TimePeriod;
  paid: boolean;
  /**
   * Billing holds no payment for the cycle. Billing answers the same for a cycle it never billed: see bill.
   */
  inArrears: boolean;
  paymentDate: string | null;
  billingAccount: EntityRef;
  /**
   * The view's CustomerBill of the cycle; null when the view holds none (not yet loaded, or never billed).
   */
  bill: EntityRef | null;
  relatedParty: RelatedParty[];
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
}
/**
 * TMF validity period; an open end is left out.
 */
export interface TimePeriod {
  startDateTime?: string;
  endDateTime?: string;
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
/**
 * TMF related party: a reference to a party with the role it plays here (owner, customerManager, handler, complainant).
 */
export interface RelatedParty {
  id: string;
  href?: string;
  name?: string | null;
  role: string;
  /**
   * Customer, Individual, Organization.
   */
  '@referredType': string;
  '@type'?: 'RelatedParty';
}
