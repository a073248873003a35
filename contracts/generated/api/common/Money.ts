/* eslint-disable */
/**
 * generated, do not edit: scripts/gen-types.ts writes this file from contracts/api/common/Money.schema.json.
 * Change the contract, then run `npm run contracts:gen`.
 */

/**
 * TMF amount with its currency (ISO 4217, CNY for the legacy charges).
 */
export interface Money {
  unit: string;
  value: number;
}
