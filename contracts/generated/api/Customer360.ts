/* eslint-disable */
/**
 * generated, do not edit: scripts/gen-types.ts writes this file from contracts/api/Customer360.schema.json.
 * Change the contract, then run `npm run contracts:gen`.
 */

/**
 * TMF717-shaped Customer360: one customer's standing and what hangs off it, answered from the unified view alone (no legacy call). Profile, level, tier and SLA are in customer.characteristic. fields= trims it to the parts named.
 */
export interface Customer360 {
  /**
   * The customer's id.
   */
  id: string;
  href: string;
  '@type': 'Customer360';
  customer?: Customer;
  billingAccount?: BillingAccount[];
  product?: Product[];
  /**
   * Open work orders, with current step and overdue flag.
   */
  serviceOrder?: ServiceOrder[];
  /**
   * Charges of the last 12 billing cycles loaded into the view, newest first, per business category.
   */
  chargeSummary?: {
    billingCycle: number;
    billingPeriod: TimePeriod;
    totalAmount: Money;
    category: {
      category: string;
      amount: Money;
    }[];
  }[];
  arrears?: {
    totalAmount: Money;
    /**
     * Unpaid bills, oldest first.
     */
    customerBill: CustomerBill[];
  };
  /**
   * Open faults and complaints, then those reported in the 90 days before the answer.
   */
  troubleTicket?: TroubleTicket[];
}
/**
 * TMF629 Customer: a key account of the province as the unified view holds it. The legacy keys and the customer's standing (VIP number and the numbers it had before, level 1A..5A, attention tier, SLA A/AA/AAA, industry, areas, the 97 system's id) are characteristics; the customer manager is a related party. Only what the view has: no creditProfile, no agreements.
 */
export interface Customer {
  /**
   * The hub's own stable id (the VIP number changes with level and region).
   */
  id: string;
  href: string;
  '@type': 'Customer';
  name: string;
  status: 'potential' | 'formal' | 'churned' | 'cancelled';
  /**
   * When the status last changed, where the legacy says.
   */
  statusTime?: string | null;
  /**
   * The organisation (or person) the customer role is played by.
   */
  engagedParty: {
    id: string;
    name: string;
    '@referredType': 'Organization' | 'Individual';
  };
  /**
   * vipNumber, formerVipNumbers (comma-separated), customerType, level, tier, serviceLevel (SLA), industrySection, regionCode, exchangeArea, administrativeArea, legacyCustomerId; a value the view lacks is left out.
   */
  characteristic: Characteristic[];
  relatedParty: RelatedParty[];
  contactMedium: {
    mediumType: 'phone' | 'postalAddress';
    preferred?: boolean;
    characteristic: {
      contactType?: string;
      contactPerson?: string | null;
      /**
       * Personal data: masked unless the role may see personal phones.
       */
      phoneNumber?: string | null;
      street1?: string | null;
      postCode?: string | null;
    };
  }[];
  /**
   * The customer's billing accounts (TMF666).
   */
  account: EntityRef[];
  /**
   * When a value of the customer last changed in the view.
   */
  lastUpdate?: string;
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
 * TMF amount with its currency (ISO 4217, CNY for the legacy charges).
 */
export interface Money {
  unit: string;
  value: number;
}
/**
 * TMF637 Product (inventory item): one service number of a customer (服务号码 ACC_CODE / AccNbr / EquipmentNbr). The 97 system's SERV97_ID, service type and names are productCharacteristic.
 */
export interface Product {
  /**
   * The service number.
   */
  id: string;
  href: string;
  '@type': 'Product';
  /**
   * The sub-account name, or the service number.
   */
  name: string;
  /**
   * The service number.
   */
  productSerialNumber: string;
  /**
   * The view holds the services the 97 system lists now.
   */
  status: 'active';
  startDate?: string | null;
  billingAccount?: EntityRef | null;
  relatedParty: RelatedParty[];
  /**
   * serviceType, serviceTypeLegacy, legacyServiceId (SERV97_ID, a digit string), userName, subAccountName, parentName, installAddress, postcode.
   */
  productCharacteristic: Characteristic[];
  lastUpdate?: string;
}
/**
 * TMF641 ServiceOrder: a work order of the 97 system (受理编号 SO_NBR) with its steps (环节) as milestones. overdue is computed when read: a step took (or has taken so far) longer than its time limit SX, in hours. rejected: a step was returned (退单).
 */
export interface ServiceOrder {
  /**
   * The work-order number (SO_NBR).
   */
  id: string;
  href: string;
  '@type': 'ServiceOrder';
  /**
   * SO_NBR as the 97 system gives it.
   */
  externalId: string;
  /**
   * inProgress while the 97 system lists the order as open.
   */
  state: 'inProgress' | 'completed';
  /**
   * When the order was accepted (SO_DATE).
   */
  orderDate?: string | null;
  /**
   * When the hub saw the order leave the open list (the legacy gives no finish time).
   */
  completionDate?: string | null;
  /**
   * Some step is (or was) over its time limit.
   */
  overdue: boolean;
  /**
   * Some step was returned (退单).
   */
  rejected: boolean;
  currentStep: null | {
    /**
     * Step code (accept, survey, construction, activation …; CURR_TACHE mapped).
     */
    name: string;
    stepNo?: number | null;
    enteredAt?: string | null;
    timeLimitHours?: number | null;
    overdue: boolean;
  };
  relatedParty: RelatedParty[];
  orderItem: {
    id: string;
    '@type': 'ServiceOrderItem';
    state: 'inProgress' | 'completed';
    service?: {
      /**
       * The service number.
       */
      id: string;
      href?: string;
      /**
       * The service type as the order names it.
       */
      name?: string | null;
      '@referredType': 'Product';
    };
  }[];
  /**
   * The steps, in order.
   */
  milestone: {
    /**
     * The step number.
     */
    id: string;
    '@type': 'ServiceOrderStep';
    name: string;
    status: 'inProgress' | 'done' | 'rejected';
    /**
     * When the step was left (or entered, while in progress).
     */
    milestoneDate?: string | null;
    crew?: string | null;
    staffName?: string | null;
    enteredAt?: string | null;
    leftAt?: string | null;
    timeLimitHours?: number | null;
    overdue: boolean;
    rejected: boolean;
    rejectedAt?: string | null;
    rejectionReason?: string | null;
  }[];
}
/**
 * TMF validity period; an open end is left out.
 */
export interface TimePeriod {
  startDateTime?: string;
  endDateTime?: string;
}
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
 * TMF621 TroubleTicket: a fault (112) or a complaint (180) of the 1000 customer-service system. The legacy gives them no id: id and externalId are the hub's derived key of the legacy row.
 */
export interface TroubleTicket {
  id: string;
  href: string;
  '@type': 'TroubleTicket';
  /**
   * Key derived from the legacy row (kind, who, type, report time).
   */
  externalId: string;
  ticketType: 'fault' | 'complaint';
  status: 'inProgress' | 'closed';
  /**
   * The fault or complaint type (code).
   */
  name: string;
  description?: string | null;
  creationDate?: string | null;
  resolutionDate?: string | null;
  relatedParty: RelatedParty[];
  relatedEntity: {
    role: 'affectedService';
    entity: EntityRef;
  }[];
  /**
   * typeLegacy, satisfaction, vipNumber.
   */
  characteristic: Characteristic[];
}
