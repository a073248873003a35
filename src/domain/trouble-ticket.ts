// Faults (112) and complaints (180) of the 1000 customer-service system. The legacy gives them no id:
// the hub derives a stable key from the fields that identify one (see mappings/cs1000).

export interface TroubleTicket {
  /** Derived natural key, stable across reads of the same legacy row. */
  ticketKey: string;
  kind: 'fault' | 'complaint';
  state: 'open' | 'closed';
  vipNumber: string | null;
  customerId: string | null;
  /** Faults: the service number; complaints have none. */
  serviceNumber: string | null;
  /** Complaints: who complained. */
  complainantName: string | null;
  type: string;
  typeLegacy: string | null;
  staff: string | null;
  reportedAt: Date | null;
  finishedAt: Date | null;
  description: string | null;
  satisfaction: string | null;
}
