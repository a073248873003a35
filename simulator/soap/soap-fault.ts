// A SOAP 1.1 fault in the shape node-soap's server turns into <soap:Fault>: a service method that
// throws (or rejects with) `{ Fault: … }` is answered with that fault instead of an internal error.
// The code travels at the start of faultstring ("CS1000-503: …") because the 1000 service has no
// other error vocabulary; the hub's adapter reads faultcode to classify (Server: transient,
// Client: permanent, docs/decisions/0020).

export interface SoapFault11 {
  faultcode: 'soap:Server' | 'soap:Client';
  faultstring: string;
  statusCode: number;
}

export class SoapFaultError extends Error {
  readonly Fault: SoapFault11;

  constructor(kind: 'Server' | 'Client', code: string, message: string) {
    super(`${code}: ${message}`);
    this.name = 'SoapFaultError';
    // SOAP 1.1 over HTTP answers every fault with 500, whichever side is to blame.
    this.Fault = { faultcode: `soap:${kind}`, faultstring: `${code}: ${message}`, statusCode: 500 };
  }
}

/** Default code of an injected failure when the fault configuration names none. */
export const DEFAULT_SERVER_FAULT_CODE = 'CS1000-503';
/** Code of a request the service cannot read (bad time text, missing VIP …). */
export const CLIENT_FAULT_CODE = 'CS1000-400';
