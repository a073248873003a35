// A service is a number (ACC_CODE / AccNbr / EquipmentNbr); the 97 system also knows it as SERV97_ID.

export type ServiceType =
  | 'fixed_line'
  | 'ddn'
  | 'adsl'
  | 'leased_line'
  | 'mobile'
  | 'isdn'
  | 'frame_relay'
  | 'internet_dedicated'
  | 'other';

export interface Service {
  serviceNumber: string;
  /** SERV97_ID, NUMBER(20): kept as a digit string so no digit is lost. */
  legacyServiceId: string | null;
  customerId: string;
  accountNumber: string | null;
  userName: string | null;
  serviceType: ServiceType;
  serviceTypeLegacy: string | null;
  subAccountName: string | null;
  parentName: string | null;
  installAddress: string | null;
  postcode: string | null;
  startDate: Date | null;
}

export interface Product {
  productId: string;
  name: string;
  kind: string | null;
}
