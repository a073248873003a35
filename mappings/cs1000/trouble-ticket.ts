// Faults (112) and complaints (180) → TroubleTicket. The 1000 system gives them no id, so the hub
// derives one from what identifies a ticket across reads: the kind, who (the service number of a
// fault, the complainant of a complaint), the type and the time it was reported. The open read
// (CS-3/4) and the completed read (CS-1/2) of one ticket so give the same key, and closing it
// updates the open ticket instead of adding a second one.

import { createHash } from 'node:crypto';
import type { MapResult } from '../../src/domain/quarantine.ts';
import type { TroubleTicket } from '../../src/domain/trouble-ticket.ts';
import type { CodeTable } from '../code-tables/code-table.ts';
import { complaintTypes, faultTypes } from '../code-tables/index.ts';
import { searchKey } from '../normalize.ts';
import { RowReader } from '../row-reader.ts';
import { formatShanghai } from '../text-date.ts';

export interface TicketMappingContext {
  /** CS-1/2 rows carry no VIP: the VIP number the call asked for. */
  vipNumber?: string | null;
  /** The hub's customer id, when the sync resolved the VIP number. */
  customerId?: string | null;
}

export type TicketKind = TroubleTicket['kind'];

/**
 * sha1 over kind, who, type and report time. Text parts in search-key form and the time as its
 * Shanghai wall clock, so spacing, width and the time's text format do not change the key.
 */
export function ticketKey(kind: TicketKind, who: string | null, type: string | null, reportedAt: Date | string | null): string {
  const time = reportedAt instanceof Date ? formatShanghai(reportedAt) : (reportedAt ?? '');
  const parts = [kind, searchKey(who ?? ''), searchKey(type ?? ''), time];
  return createHash('sha1').update(parts.join('\u001f'), 'utf8').digest('hex');
}

interface TicketShape {
  kind: TicketKind;
  state: TroubleTicket['state'];
  /** The row has its own VIP column (CS-3/4). */
  vipInRow: boolean;
}

export function mapTicket(row: object, ctx: TicketMappingContext, shape: TicketShape): MapResult<TroubleTicket> {
  const r = new RowReader(row);
  const vipNumber = shape.vipInRow ? r.text('VIP', { required: true }).replace(/ /g, '') : (ctx.vipNumber ?? null);
  const serviceNumber = shape.kind === 'fault' ? r.text('AccNbr', { required: true }).replace(/ /g, '') : null;
  const complainantName = shape.kind === 'complaint' ? r.text('UserName') : null;
  const table: CodeTable<string> = shape.kind === 'fault' ? faultTypes : complaintTypes;
  const type = r.code('Type', table);
  const staff = r.text('Staff');
  const reportedAt = r.date('StartTime', { required: true });
  const finishedAt = shape.state === 'closed' ? r.date('FinishTime', { required: true }) : null;
  if (reportedAt && finishedAt && finishedAt < reportedAt) r.fail('invalid_value', 'FinishTime', 'FinishTime is before StartTime');
  const description = r.text('Description');
  const satisfaction = shape.state === 'closed' ? r.text('Satisfaction') : null;
  const who = shape.kind === 'fault' ? serviceNumber : complainantName;
  return r.result(() => ({
    ticketKey: ticketKey(shape.kind, who, type.legacy, reportedAt),
    kind: shape.kind,
    state: shape.state,
    vipNumber,
    customerId: ctx.customerId ?? null,
    serviceNumber,
    complainantName,
    type: type.code ?? 'other',
    typeLegacy: type.legacy,
    staff,
    reportedAt,
    finishedAt,
    description,
    satisfaction,
  }));
}
