// A work order is an acceptance number (受理编号, SO_NBR), tracked through its steps (环节).

export interface WorkOrderStep {
  stepNo: number;
  /** The step's code from mappings/code-tables/work-order-step.json ('survey', 'activation', 'other' …). */
  name: string;
  /** WORK_AREA as the legacy wrote it: step names vary by city, and an unlisted one maps to 'other'. */
  nameLegacy?: string | null;
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
  /** ACC_SERVTYPE as the legacy wrote it. */
  serviceTypeLegacy?: string | null;
  acceptedAt: Date | null;
  currentStep: string | null;
  /** CURR_TACHE as the legacy wrote it. */
  currentStepLegacy?: string | null;
  state: 'open' | 'finished';
  steps: WorkOrderStep[];
}

/**
 * 97-7: one row of the work-order processing table (read grant), for fulfilment statistics. The
 * source names neither table nor columns: the shape (VIP97_SO_PROCESS) is this project's assumption.
 */
export interface WorkOrderFulfilment {
  orderNumber: string;
  legacyCustomerId: number | null;
  serviceNumber: string | null;
  serviceType: string | null;
  /** new_install | relocation | change | removal | other (work-order-type code table). */
  orderType: string;
  orderTypeLegacy: string | null;
  acceptedAt: Date | null;
  finishedAt: Date | null;
  status: 'open' | 'finished' | 'rejected';
  /** Total time limit of the order's steps, hours. */
  timeLimitHours: number | null;
  hoursUsed: number | null;
}
