// A customer's one-time charges (installation, relocation …), asked of the 97 system now through the
// assumed real-time procedure VIP97_GET_ONCE_FEE (97-8). The view keeps no copy of them, so while the
// 97 system is down this route has nothing stale to offer and answers 503 with Retry-After.

import { z } from 'zod';
import type { LiveOneTimeCharges } from '../../../contracts/generated/api/LiveOneTimeCharges.ts';
import type { OneTimeCharge } from '../../../contracts/generated/api/OneTimeCharge.ts';
import { mapRows } from '../../../mappings/index.ts';
import type { OneTimeFee } from '../../domain/index.ts';
import { isoTime } from '../../view/view-values.ts';
import { defineRoute, type AnyRoute } from '../platform/index.ts';
import { BASE, CUSTOMER_ID, READERS, customerParty, key, ref, yuan } from '../resources/resource-kit.ts';
import { legacyMeta, legacyUnavailable, liveAnswer, type LiveCaller, type LiveDeps } from './live-call.ts';
import { customerByIdOrVip } from './live-scope.ts';
import { invalid } from './live-values.ts';

export const ONE_TIME_CHARGE_PATH = '/tmf-api/customerBillManagement/v4/oneTimeCharge/live';

function toOneTimeCharge(fee: OneTimeFee): OneTimeCharge {
  return {
    id: fee.feeId,
    '@type': 'OneTimeCharge',
    name: fee.name,
    amount: yuan(fee.amount),
    chargedAt: isoTime(fee.chargedAt)!,
    product: fee.serviceNumber ? ref(BASE.product, fee.serviceNumber, 'Product') : null,
    serviceOrder: fee.orderNumber ? ref(BASE.serviceOrder, fee.orderNumber, 'ServiceOrder') : null,
  };
}

export function liveOneTimeChargeRoutes(deps: LiveDeps, caller: LiveCaller): AnyRoute[] {
  const { db, legacy } = deps;
  return [
    defineRoute({
      method: 'get',
      path: ONE_TIME_CHARGE_PATH,
      operationId: 'liveOneTimeCharge',
      summary: 'A customer\'s one-time charges (by customerId or vipNumber), asked of the 97 system now, newest first',
      description: [
        'Real time (VIP97_GET_ONCE_FEE, an assumed procedure). The customer is placed in the caller\'s scope from the view first: outside it, 404 and the 97 system is not called. A former VIP number finds the customer too; the call uses the current one.',
        'Headers: X-Data-Source legacy; X-Cache hit|miss and Age (kept 30 s); X-Legacy-Rows-Rejected.',
        'The view keeps no one-time charges: with the 97 system down, 503 with Retry-After.',
      ].join('\n\n'),
      tags: ['customerBill', 'live'],
      roles: READERS,
      query: z.object({
        customerId: CUSTOMER_ID.optional().describe('The hub\'s customer id.'),
        vipNumber: key(20).optional().describe('A VIP number the customer has or had.'),
      }),
      response: { status: 200, schema: 'LiveOneTimeCharges' },
      async handler(ctx) {
        const { customerId, vipNumber } = ctx.query;
        if ((customerId === undefined) === (vipNumber === undefined)) {
          throw invalid('Ask by exactly one of customerId or vipNumber.', [{ path: 'query', message: 'one of customerId, vipNumber' }]);
        }
        const customer = await customerByIdOrVip(db, ctx.principal, { customerId, vipNumber });
        const vip = customer.vipNumber;
        const outcome = await caller.call(JSON.stringify(['97-8', vip]), () => legacy.sys97.VIP97_GET_ONCE_FEE(vip));
        if (!outcome.ok) throw legacyUnavailable(ctx, 'sys97', outcome.down, 'one-time charges');
        let rejected = 0;
        const kept: object[] = [];
        for (const c of outcome.value) {
          // A row of another VIP number is the legacy's error, and another customer's charge: never shown.
          if (c.ok && c.row.DKH_CARDID.replace(/ /g, '') === vip) kept.push(c.row);
          else rejected += 1;
        }
        const mapped = mapRows('97-8', kept);
        const { meta, ageSeconds } = legacyMeta(caller, outcome, rejected + mapped.quarantined.length);
        const answer: LiveOneTimeCharges = {
          '@type': 'LiveOneTimeCharges',
          relatedParty: [customerParty(customer.customerId, customer.customerName)],
          items: mapped.values.map(toOneTimeCharge),
          ...meta,
        };
        return liveAnswer(ctx, answer, meta, { ageSeconds });
      },
    }),
  ];
}
