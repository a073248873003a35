/* eslint-disable */
/**
 * generated, do not edit: scripts/gen-types.ts writes this file from contracts/api/LiveOneTimeCharges.schema.json.
 * Change the contract, then run `npm run contracts:gen`.
 */

/**
 * A customer's one-time charges, asked of the 97 system now (VIP97_GET_ONCE_FEE, an assumed procedure), newest first. The view keeps no copy: while the 97 system is down this answers 503.
 */
export interface LiveOneTimeCharges {
  '@type': 'LiveOneTimeCharges';
  relatedParty: RelatedParty[];
  items: OneTimeCharge[];
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
/**
 * One one-time charge of the 97 system (installation, relocation …; VIP97_ONCE_FEE, an assumed table).
 */
export interface OneTimeCharge {
  /**
   * FEE_ID.
   */
  id: string;
  '@type': 'OneTimeCharge';
  /**
   * FEE_NAME as the legacy wrote it, e.g. 初装费.
   */
  name: string | null;
  amount: Money;
  chargedAt: string;
  /**
   * The service charged, when the row names one.
   */
  product: EntityRef | null;
  /**
   * The work order that caused the charge, when the row names one.
   */
  serviceOrder: EntityRef | null;
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
