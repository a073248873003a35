// A work order is an acceptance number (受理编号, SO_NBR), tracked through its steps (环节).

export interface WorkOrderStep {
  stepNo: number;
  name: string;
  crew: string | null;
  staffName: string | null;
  enteredAt: Date | null;
  leftAt: Date | null;
  /** SX: the step's time limit, in hours (the unit is this project's assumption). */
  timeLimitHours: number | null;
  rejectedAt: Date | null;
  rejectionReason: string | null;
}

export interface WorkOrder {
  orderNumber: string;
  /** VIP_GET_SOS's VIP column: the 97 customer id (DKH_ID), not the VIP number. */
  legacyCustomerId: number | null;
  /** Resolved through the service number; null when no known service carries it. */
  customerId: string | null;
  serviceNumber: string | null;
  serviceType: string | null;
  acceptedAt: Date | null;
  currentStep: string | null;
  state: 'open' | 'finished';
  steps: WorkOrderStep[];
}
