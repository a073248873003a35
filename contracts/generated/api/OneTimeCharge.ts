/* eslint-disable */
/**
 * generated, do not edit: scripts/gen-types.ts writes this file from contracts/api/OneTimeCharge.schema.json.
 * Change the contract, then run `npm run contracts:gen`.
 */

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
