// Work orders with their steps in one statement (a jsonb array per order), so a page of orders is one
// query however many steps each has. Orders whose customer the hub could not resolve join no customer
// row: the scope predicate then admits them only for the roles that see the whole province.

import { and, customerScope, sql, type Principal, type SqlFragment } from '../api/platform/index.ts';
import type { ViewSource } from './view-sql.ts';

export interface WorkOrderStepJson {
  step_no: number;
  name: string;
  crew: string | null;
  staff_name: string | null;
  entered_at: string | null;
  left_at: string | null;
  time_limit_hours: number | string | null;
  rejected_at: string | null;
  rejection_reason: string | null;
}

export interface WorkOrderRow extends Record<string, unknown> {
  order_number: string;
  customer_id: string | null;
  customer_name: string | null;
  service_number: string | null;
  service_type: string | null;
  accepted_at: Date | string | null;
  current_step: string | null;
  state: 'open' | 'finished';
  finished_at: Date | string | null;
  steps: WorkOrderStepJson[] | string;
}

const COLUMNS = sql`o.order_number, o.customer_id, c.name AS customer_name, o.service_number, o.service_type, o.accepted_at,
  o.current_step, o.state, o.finished_at,
  (SELECT coalesce(jsonb_agg(jsonb_build_object('step_no', st.step_no, 'name', st.name, 'crew', st.crew,
      'staff_name', st.staff_name, 'entered_at', st.entered_at, 'left_at', st.left_at, 'time_limit_hours', st.time_limit_hours,
      'rejected_at', st.rejected_at, 'rejection_reason', st.rejection_reason) ORDER BY st.step_no), '[]'::jsonb)
    FROM hub.work_order_step st WHERE st.order_number = o.order_number) AS steps`;

// tmf_state lets the TMF state be filtered and sorted as the answer spells it.
const FROM = sql`(SELECT w.*, CASE WHEN w.state = 'open' THEN 'inProgress' ELSE 'completed' END AS tmf_state
    FROM hub.work_order w) o
  LEFT JOIN hub.customer c ON c.id = o.customer_id`;

export function workOrderSource(principal: Principal, conditions: SqlFragment[] = []): ViewSource {
  return { select: COLUMNS, from: FROM, where: and([customerScope(principal, 'c'), ...conditions]) };
}
