/* eslint-disable */
/**
 * generated, do not edit: scripts/gen-types.ts writes this file from contracts/api/Customer.schema.json.
 * Change the contract, then run `npm run contracts:gen`.
 */

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
