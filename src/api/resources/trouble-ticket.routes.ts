// TMF621 trouble tickets: faults (112) and complaints (180) of the 1000 system, told apart by ticketType.

import { z } from 'zod';
import { defineRoute, notFoundInScope, sql, type AnyRoute } from '../platform/index.ts';
import { troubleTicketSource, type TroubleTicketRow } from '../../view/trouble-ticket.view.ts';
import { isoTime } from '../../view/view-values.ts';
import { BASE, answer, READERS, characteristics, customerParty, href, key, listOf, oneRow, ref, type ResourceDeps } from './resource-kit.ts';
import type { RelatedParty, TroubleTicket } from './tmf-types.ts';

export function toTroubleTicket(row: TroubleTicketRow): TroubleTicket {
  const parties: RelatedParty[] = [];
  if (row.customer_id) parties.push(customerParty(row.customer_id, row.customer_name));
  if (row.staff) parties.push({ id: row.staff, name: row.staff, role: 'handler', '@referredType': 'Individual' });
  if (row.complainant_name) parties.push({ id: row.complainant_name, name: row.complainant_name, role: 'complainant', '@referredType': 'Individual' });
  return {
    id: row.ticket_key,
    href: href(BASE.troubleTicket, row.ticket_key),
    '@type': 'TroubleTicket',
    externalId: row.ticket_key,
    ticketType: row.kind,
    status: row.state === 'open' ? 'inProgress' : 'closed',
    name: row.type,
    description: row.description,
    creationDate: isoTime(row.reported_at),
    resolutionDate: isoTime(row.finished_at),
    relatedParty: parties,
    relatedEntity: row.service_number ? [{ role: 'affectedService', entity: ref(BASE.product, row.service_number, 'Product') }] : [],
    characteristic: characteristics([
      ['typeLegacy', row.type_legacy],
      ['satisfaction', row.satisfaction],
      ['vipNumber', row.vip_number],
    ]),
  };
}

export function troubleTicketRoutes({ db }: ResourceDeps): AnyRoute[] {
  return [
    defineRoute({
      method: 'get',
      path: BASE.troubleTicket,
      operationId: 'listTroubleTicket',
      summary: 'Faults and complaints of the customers in the caller\'s scope',
      tags: ['troubleTicket'],
      roles: READERS,
      collection: {
        filterable: {
          ticketType: { column: 't.kind', type: 'string', values: ['fault', 'complaint'] },
          status: { column: 't.tmf_status', type: 'string', values: ['inProgress', 'closed'] },
          customerId: { column: 't.customer_id', type: 'string' },
          serviceNumber: { column: 't.service_number', type: 'string' },
          creationDate: { column: 't.reported_at', type: 'date' },
        },
        sortable: { creationDate: { column: 't.reported_at', nullable: true } },
        key: { attribute: 'id', column: 't.ticket_key' },
        defaultSort: ['-creationDate'],
        maxLimit: 200,
      },
      response: { status: 200, schema: 'TroubleTicket', list: true },
      handler: (ctx) => listOf<TroubleTicketRow>(ctx, db, troubleTicketSource(ctx.principal), toTroubleTicket),
    }),
    defineRoute({
      method: 'get',
      path: `${BASE.troubleTicket}/:id`,
      operationId: 'retrieveTroubleTicket',
      summary: 'One fault or complaint',
      tags: ['troubleTicket'],
      roles: READERS,
      params: z.object({ id: key(64) }),
      response: { status: 200, schema: 'TroubleTicket' },
      async handler(ctx) {
        const row = await oneRow<TroubleTicketRow>(db, troubleTicketSource(ctx.principal, [sql`t.ticket_key = ${ctx.params.id}`]));
        if (!row) throw notFoundInScope('trouble ticket', ctx.params.id);
        return answer(ctx, toTroubleTicket(row));
      },
    }),
  ];
}
