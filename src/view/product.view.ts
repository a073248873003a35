// Services of the customers in the view (TMF637 product inventory), and the 97 system's product
// catalogue, which is reference data every role may read.

import { TRUE, and, customerScope, sql, type Principal, type SqlFragment } from '../api/platform/index.ts';
import type { ViewSource } from './view-sql.ts';

export interface ServiceRow extends Record<string, unknown> {
  service_number: string;
  legacy_service_id: string | null;
  customer_id: string;
  customer_name: string;
  account_number: string | null;
  user_name: string | null;
  service_type: string;
  service_type_legacy: string | null;
  sub_account_name: string | null;
  parent_name: string | null;
  install_address: string | null;
  postcode: string | null;
  start_date: Date | string | null;
  updated_at: Date | string;
}

const SERVICE_COLUMNS = sql`s.service_number, s.legacy_service_id, s.customer_id, c.name AS customer_name, s.account_number,
  s.user_name, s.service_type, s.service_type_legacy, s.sub_account_name, s.parent_name, s.install_address, s.postcode,
  s.start_date, s.updated_at`;

export function serviceSource(principal: Principal, conditions: SqlFragment[] = []): ViewSource {
  return {
    select: SERVICE_COLUMNS,
    from: sql`hub.service s JOIN hub.customer c ON c.id = s.customer_id`,
    where: and([customerScope(principal, 'c'), ...conditions]),
  };
}

export interface CatalogueRow extends Record<string, unknown> {
  product_id: string;
  name: string;
  kind: string | null;
  updated_at: Date | string;
}

export function catalogueSource(conditions: SqlFragment[] = []): ViewSource {
  return { select: sql`p.product_id, p.name, p.kind, p.updated_at`, from: sql`hub.product p`, where: and([TRUE, ...conditions]) };
}
