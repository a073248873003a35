/* eslint-disable */
/**
 * generated, do not edit: scripts/gen-types.ts writes this file from contracts/api/common/TimePeriod.schema.json.
 * Change the contract, then run `npm run contracts:gen`.
 */

/**
 * TMF validity period; an open end is left out.
 */
export interface TimePeriod {
  startDateTime?: string;
  endDateTime?: string;
}
