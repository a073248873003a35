// The live pass-through routes: where a front end needs the legacy's answer of this moment (fees,
// payment status, one-time charges, a work order's steps) rather than the view's last sync. All of
// them share one cache and one deadline policy (live-call.ts); the composition root mounts them beside
// the resource routes: createApiApp({ routes: [...resourceRoutes(…), ...liveRoutes(…)] }).

import type { AnyRoute } from '../platform/index.ts';
import { LiveCaller, type LiveDeps } from './live-call.ts';
import { liveFeeRoutes } from './live-fee.routes.ts';
import { liveOneTimeChargeRoutes } from './live-one-time-charge.routes.ts';
import { livePaymentRoutes } from './live-payment.routes.ts';
import { liveServiceOrderRoutes } from './live-service-order.routes.ts';

export type { LiveDeps } from './live-call.ts';

export function liveRoutes(deps: LiveDeps): AnyRoute[] {
  const caller = new LiveCaller(deps);
  return [
    ...liveFeeRoutes(deps, caller),
    ...livePaymentRoutes(deps, caller),
    ...liveOneTimeChargeRoutes(deps, caller),
    ...liveServiceOrderRoutes(deps, caller),
  ];
}
