// Charges, call detail records and payments per billing cycle (计费周期, YYYYMMDD as a number).

/** The 10 telecom business categories of the HQ uplink (SYS040020). */
export const BUSINESS_CATEGORIES = [
  'local_telephone',
  'long_distance_telephone',
  'telephone_value_added',
  'telecom_card',
  'data',
  'internet_access',
  'platform',
  'network_elements_interconnection',
  'application',
  'other',
] as const;
export type BusinessCategory = (typeof BUSINESS_CATEGORIES)[number];

export type BillingCycle = number;

export interface Charge {
  serviceNumber: string;
  accountNumber: string | null;
  vipNumber: string | null;
  itemCode: string;
  category: BusinessCategory;
  /** Yuan, as a decimal string with two places: money is never a float in the store. */
  amount: string;
  billingCycle: BillingCycle;
}

export interface CallDetailRecord {
  vipNumber: string | null;
  serviceNumber: string;
  calledNumber: string | null;
  callType: string | null;
  calledArea: string | null;
  startedAt: Date | null;
  accountNumber: string | null;
  /** TimeLong; seconds is this project's assumption. */
  durationSeconds: number | null;
  amount: string;
  billingCycle: BillingCycle;
}

export interface PaymentStatus {
  accountNumber: string;
  billingCycle: BillingCycle;
  /** null while unpaid (VIPJF_GET_QF answered -1): the cycle is in arrears. */
  paidDate: string | null;
}

export interface ChargeItem {
  itemCode: string;
  name: string;
  category: BusinessCategory;
}

export interface AreaCode {
  areaCodeId: number;
  areaCode: string;
  name: string;
}

export interface PrivateNetwork {
  managerNumber: string;
  firstNumber: string | null;
  lastNumber: string | null;
  name: string | null;
}

/** JF-8: the top-1000 contracts by fee that belong to no key account (prospects). */
export interface TopContract {
  accountNumber: string;
  amount: string;
  billingCycle: BillingCycle;
}

/**
 * 97-8: a one-time charge of the 97 system (installation, relocation …), read from VIP97_ONCE_FEE or
 * VIP97_GET_ONCE_FEE. Both are this project's assumption: the source names neither.
 */
export interface OneTimeFee {
  feeId: string;
  vipNumber: string;
  orderNumber: string | null;
  serviceNumber: string | null;
  name: string | null;
  /** Yuan, decimal string with two places. */
  amount: string;
  chargedAt: Date;
}
