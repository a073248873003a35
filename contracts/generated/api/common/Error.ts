/* eslint-disable */
/**
 * generated, do not edit: scripts/gen-types.ts writes this file from contracts/api/common/Error.schema.json.
 * Change the contract, then run `npm run contracts:gen`.
 */

/**
 * Every 4xx/5xx answer of the API (application/problem+json): RFC 9457 problem details and TMF630's Error in one body.
 */
export interface Error {
  /**
   * RFC 9457: URI reference naming the problem kind.
   */
  type: string;
  /**
   * RFC 9457: short summary of the problem kind.
   */
  title: string;
  /**
   * HTTP status (RFC 9457 and TMF).
   */
  status: number;
  /**
   * RFC 9457: this occurrence, for a person.
   */
  detail: string;
  /**
   * RFC 9457: the path that was requested.
   */
  instance?: string;
  /**
   * TMF: application error code, e.g. VALIDATION_FAILED.
   */
  code: string;
  /**
   * TMF: the reason of the error (the title).
   */
  reason: string;
  /**
   * TMF: more detail (the detail).
   */
  message?: string;
  /**
   * TMF: URI of further documentation.
   */
  referenceError?: string;
  '@type': 'Error';
  /**
   * The request id to quote when reporting a problem (also in X-Request-Id).
   */
  requestId?: string;
  /**
   * Validation failures, one per offending value.
   */
  errors?: {
    /**
     * Where: query.limit, body.name, path.id.
     */
    path: string;
    message: string;
  }[];
}
