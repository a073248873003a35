// The 1000 service as a SOAP server; simulator/index.ts starts it, nothing in the hub imports it.
export { startSoapServer, CS1000_POINTS, SERVICE_PATH, WSDL_FILE, loadWsdl } from './soap-server.ts';
export type { SoapServerOptions, SoapServerHandle, Cs1000Operation } from './soap-server.ts';
export { SoapFaultError, DEFAULT_SERVER_FAULT_CODE, CLIENT_FAULT_CODE } from './soap-fault.ts';
