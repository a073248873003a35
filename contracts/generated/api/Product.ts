/* eslint-disable */
/**
 * generated, do not edit: scripts/gen-types.ts writes this file from contracts/api/Product.schema.json.
 * Change the contract, then run `npm run contracts:gen`.
 */

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
