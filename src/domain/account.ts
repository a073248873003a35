// A billing account is a contract number (合同号: ACCT_NBR in the 97 system, ConTractNo in billing).

export type PayMethod = 'bank_collection' | 'cash' | 'cheque' | 'bank_debit' | 'other';

export interface Account {
  accountNumber: string;
  customerId: string;
  payerName: string | null;
  payMethod: PayMethod;
  /** The method as the legacy wrote it, kept so an unmapped code stays visible. */
  payMethodLegacy: string | null;
  bankName: string | null;
  /** Personal data: masked in the API unless the caller may see it. */
  bankAccount: string | null;
  address: string | null;
  postcode: string | null;
}
