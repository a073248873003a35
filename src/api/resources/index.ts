// Every resource route of the REST API, in the order the OpenAPI document lists them. The composition
// root hands this list to createApiApp({ routes }) (src/api/platform/api-app.ts), which mounts each one
// and writes it into /openapi.json.

import type { AnyRoute } from '../platform/index.ts';
import { billingAccountRoutes } from './billing-account.routes.ts';
import { customerBillRoutes } from './customer-bill.routes.ts';
import { customer360Routes } from './customer360.routes.ts';
import { customerRoutes } from './customer.routes.ts';
import { productRoutes } from './product.routes.ts';
import type { ResourceDeps } from './resource-kit.ts';
import { serviceOrderRoutes } from './service-order.routes.ts';
import { troubleTicketRoutes } from './trouble-ticket.routes.ts';

export type { ResourceDeps } from './resource-kit.ts';
export { BASE } from './resource-kit.ts';

export function resourceRoutes(deps: ResourceDeps): AnyRoute[] {
  return [
    ...customerRoutes(deps),
    ...customer360Routes(deps),
    ...billingAccountRoutes(deps),
    ...productRoutes(deps),
    ...serviceOrderRoutes(deps),
    ...troubleTicketRoutes(deps),
    ...customerBillRoutes(deps),
  ];
}
