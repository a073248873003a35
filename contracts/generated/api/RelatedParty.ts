/* eslint-disable */
/**
 * generated, do not edit: scripts/gen-types.ts writes this file from contracts/api/RelatedParty.schema.json.
 * Change the contract, then run `npm run contracts:gen`.
 */

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
