/* eslint-disable */
/**
 * generated, do not edit: scripts/gen-types.ts writes this file from contracts/api/LiveServiceOrder.schema.json.
 * Change the contract, then run `npm run contracts:gen`.
 */

/**
 * One work order with its steps as the 97 system answers them now (VIP_GET_SOINFO), the order itself as the view holds it; overdue and rejected flags as the view's ServiceOrder decides them.
 */
export interface LiveServiceOrder {
  '@type': 'LiveServiceOrder';
  serviceOrder: ServiceOrder;
  /**
   * true: the legacy system could not answer in time and this answer comes from the hub's view (headers Warning: 110 and X-Data-Source: view).
   */
  stale: boolean;
  /**
   * legacy: billing or the 97 system answered this request (or its short-lived cache did); view: the hub's synchronised copy.
   */
  dataSource: 'legacy' | 'view';
  /**
   * The legacy answer was served from the hub's short-lived cache (headers X-Cache: hit, Age).
   */
  cacheHit: boolean;
  /**
   * When the legacy answered; for a view answer, when the view last confirmed the data (null when unknown).
   */
  asOf: string | null;
  /**
   * Legacy rows left out because they broke their contract or could not be mapped (header X-Legacy-Rows-Rejected).
   */
  rejectedRows: number;
}
/**
 * TMF641 ServiceOrder: a work order of the 97 system (受理编号 SO_NBR) with its steps (环节) as milestones. overdue is computed when read: a step took (or has taken so far) longer than its time limit SX, in hours. rejected: a step was returned (退单).
 */
export interface ServiceOrder {
  /**
   * The work-order number (SO_NBR).
   */
  id: string;
  href: string;
  '@type': 'ServiceOrder';
  /**
   * SO_NBR as the 97 system gives it.
   */
  externalId: string;
  /**
   * inProgress while the 97 system lists the order as open.
   */
  state: 'inProgress' | 'completed';
  /**
   * When the order was accepted (SO_DATE).
   */
  orderDate?: string | null;
  /**
   * When the hub saw the order leave the open list (the legacy gives no finish time).
   */
  completionDate?: string | null;
  /**
   * Some step is (or was) over its time limit.
   */
  overdue: boolean;
  /**
   * Some step was returned (退单).
   */
  rejected: boolean;
  currentStep: null | {
    /**
     * Step code (accept, survey, construction, activation …; CURR_TACHE mapped).
     */
    name: string;
    stepNo?: number | null;
    enteredAt?: string | null;
    timeLimitHours?: number | null;
    overdue: boolean;
  };
  relatedParty: RelatedParty[];
  orderItem: {
    id: string;
    '@type': 'ServiceOrderItem';
    state: 'inProgress' | 'completed';
    service?: {
      /**
       * The service number.
       */
      id: string;
      href?: string;
      /**
       * The service type as the order names it.
       */
      name?: string | null;
      '@referredType': 'Product';
    };
  }[];
  /**
   * The steps, in order.
   */
  milestone: {
    /**
     * The step number.
     */
    id: string;
    '@type': 'ServiceOrderStep';
    name: string;
    status: 'inProgress' | 'done' | 'rejected';
    /**
     * When the step was left (or entered, while in progress).
     */
    milestoneDate?: string | null;
    crew?: string | null;
    staffName?: string | null;
    enteredAt?: string | null;
    leftAt?: string | null;
    timeLimitHours?: number | null;
    overdue: boolean;
    rejected: boolean;
    rejectedAt?: string | null;
    rejectionReason?: string | null;
  }[];
}
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
