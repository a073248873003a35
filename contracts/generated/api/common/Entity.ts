/* eslint-disable */
/**
 * generated, do not edit: scripts/gen-types.ts writes this file from contracts/api/common/Entity.schema.json.
 * Change the contract, then run `npm run contracts:gen`.
 */

/**
 * TMF common members of every resource. Resource schemas list them in their own properties (or allOf this schema without additionalProperties: false).
 */
export interface Entity {
  /**
   * Unique identifier.
   */
  id: string;
  /**
   * Hyperlink reference to this resource (path of the API).
   */
  href: string;
  /**
   * The class of the entity (e.g. Customer).
   */
  '@type': string;
  /**
   * The super-class, when the entity is a sub-class.
   */
  '@baseType'?: string;
  /**
   * URI of a schema that extends the entity.
   */
  '@schemaLocation'?: string;
}
