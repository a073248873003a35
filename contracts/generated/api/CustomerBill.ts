/* eslint-disable */
/**
 * generated, do not edit: scripts/gen-types.ts writes this file from contracts/api/CustomerBill.schema.json.
 * Change the contract, then run `npm run contracts:gen`.
 */

/**
 * TMF678 CustomerBill: one billing account's charges of one billing cycle, with the payment status billing answered (VIPJF_GET_QF). state settled: paid; sent: unpaid, so the cycle is in arrears.
 */
export interface CustomerBill {
  /**
   * <account number>-<billing cycle>.
   */
  id: string;
  href: string;
  '@type': 'CustomerBill';
  billNo: string;
  /**
   * YYYYMMDD, the cycle's first day.
   */
  billingCycle: number;
  billingPeriod: TimePeriod;
  state: 'settled' | 'sent';
  inArrears: boolean;
  /**
   * When billing recorded the payment.
   */
  paymentDate?: string | null;
  amountDue: Money;
  remainingAmount: Money;
  billingAccount: EntityRef;
  relatedParty: RelatedParty[];
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
