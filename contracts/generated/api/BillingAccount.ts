/* eslint-disable */
/**
 * generated, do not edit: scripts/gen-types.ts writes this file from contracts/api/BillingAccount.schema.json.
 * Change the contract, then run `npm run contracts:gen`.
 */

/**
 * TMF666 BillingAccount: a contract number (合同号, ACCT_NBR / ConTractNo). accountBalance carries the arrears the view knows (unpaid billing cycles).
 */
export interface BillingAccount {
  /**
   * The account (contract) number.
   */
  id: string;
  href: string;
  '@type': 'BillingAccount';
  /**
   * The payer's name, or the account number when the legacy gives none.
   */
  name: string;
  accountType: 'billing';
  relatedParty: RelatedParty[];
  defaultPaymentMethod: {
    id: string;
    name: 'bank_collection' | 'cash' | 'cheque' | 'bank_debit' | 'other';
    '@referredType': 'BankAccountDebit' | 'Cash' | 'Check' | 'PaymentMethod';
    /**
     * PAYMETH as the 97 system wrote it.
     */
    nameLegacy?: string | null;
    bankName?: string | null;
    /**
     * Personal data: masked unless the role may see bank accounts.
     */
    bankAccount?: string | null;
  };
  contact: {
    contactType: 'billing';
    contactName?: string | null;
    street1?: string | null;
    postCode?: string | null;
  }[];
  accountBalance: {
    balanceType: 'arrears';
    amount: Money;
    unpaidBillingCycles: number;
  }[];
  characteristic?: Characteristic[];
  lastUpdate?: string;
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
 * TMF amount with its currency (ISO 4217, CNY for the legacy charges).
 */
export interface Money {
  unit: string;
  value: number;
}
/**
 * TMF name/value pair for what has no member of its own (customer level, VIP number, attention tier).
 */
export interface Characteristic {
  id?: string;
  name: string;
  /**
   * string, integer, number, boolean, date…
   */
  valueType?: string;
  value: string | number | boolean | null;
  '@type'?: string;
}
