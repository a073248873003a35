/* eslint-disable */
/**
 * generated, do not edit: scripts/gen-types.ts writes this file from contracts/api/TroubleTicket.schema.json.
 * Change the contract, then run `npm run contracts:gen`.
 */

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
