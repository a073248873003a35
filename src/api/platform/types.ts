// The types every resource route sees: who is calling (Principal) and what the context carries.

import type { Logger } from 'pino';

export const ROLES = ['customer_manager', 'area_supervisor', 'province_admin', 'operations', 'hq', 'system'] as const;
export type Role = (typeof ROLES)[number];

export interface Principal {
  /** `staff:S001` for a person's token, `apikey:crm` for a system client: what the audit log names. */
  subject: string;
  role: Role;
  /** A customer manager's staff id (hub.customer.manager). */
  staffId?: string;
  /** An area supervisor's areas (administrative or exchange area codes). */
  areas?: string[];
  /** How the caller proved who it is. */
  via: 'jwt' | 'api-key';
}

export interface ApiVariables {
  requestId: string;
  principal: Principal;
  logger: Logger;
}

export interface ApiEnv {
  Variables: ApiVariables;
}
