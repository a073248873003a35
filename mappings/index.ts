// The mapper registry, keyed by interface point id (97-2, JF-5, CS-1 …): the sync finds the mapper
// of what it read, and the quarantine replays a row through the mapper of the point it came from.

import type { MapResult, QuarantineReason } from '../src/domain/quarantine.ts';
import { mapArea } from './billing/AREA.mapping.ts';
import { mapCallList } from './billing/CALL_LIST.mapping.ts';
import type { ChargeMappingContext } from './billing/charge.ts';
import { mapItem } from './billing/ITEM.mapping.ts';
import { mapPrivateNet } from './billing/PRIVATE_NET.mapping.ts';
import type * as BillingRows from './billing/rows.ts';
import { mapTop1000Fee } from './billing/TOP1000_FEE.mapping.ts';
import { chargeKey, mapVipFee } from './billing/VIP_FEE.mapping.ts';
import { mapVipjfGetFee } from './billing/VIPJF_GET_FEE_BY_ACCNBR.mapping.ts';
import { mapVipjfGetQf, type PaymentMappingContext } from './billing/VIPJF_GET_QF.mapping.ts';
import type * as CsRows from './cs1000/rows.ts';
import type { TicketMappingContext } from './cs1000/trouble-ticket.ts';
import { mapVip1000Get112 } from './cs1000/VIP1000_GET_112.mapping.ts';
import { mapVip1000Get112So } from './cs1000/VIP1000_GET_112_SO.mapping.ts';
import { mapVip1000Get180 } from './cs1000/VIP1000_GET_180.mapping.ts';
import { mapVip1000Get180So } from './cs1000/VIP1000_GET_180_SO.mapping.ts';
import type * as Sys97Rows from './sys97/rows.ts';
import { mapVip97GetChange } from './sys97/VIP97_GET_CHANGE.mapping.ts';
import { mapVip97GetProduct } from './sys97/VIP97_GET_PRODUCT.mapping.ts';
import { mapVip97OnceFee } from './sys97/VIP97_ONCE_FEE.mapping.ts';
import { mapVip97SoProcess } from './sys97/VIP97_SO_PROCESS.mapping.ts';
import { mapVipGetDkhinfo, type CustomerMappingContext } from './sys97/VIP_GET_DKHINFO.mapping.ts';
import { mapVipGetPayinfo, type AccountMappingContext } from './sys97/VIP_GET_PAYINFO.mapping.ts';
import { mapVipGetServers, type ServiceMappingContext } from './sys97/VIP_GET_SERVERS.mapping.ts';
import { mapVipGetSoinfo, type StepMappingContext } from './sys97/VIP_GET_SOINFO.mapping.ts';
import { mapVipGetSos, type WorkOrderMappingContext } from './sys97/VIP_GET_SOS.mapping.ts';

/** Everything a mapper may need that a row cannot say; each mapper reads only its own part. */
export type MappingContext = CustomerMappingContext &
  AccountMappingContext &
  ServiceMappingContext &
  WorkOrderMappingContext &
  StepMappingContext &
  ChargeMappingContext &
  PaymentMappingContext &
  TicketMappingContext;

export interface PointMapper<E> {
  pointId: string;
  legacyName: string;
  system: 'sys97' | 'billing' | 'cs1000';
  /** The canonical entity the point maps into. */
  entity: string;
  map(row: object, ctx?: MappingContext): MapResult<E>;
  /** The entity's natural key within one read, for duplicate detection in mapRows. */
  key?(value: E): string;
  /** Rows are numbered by position (VIP_GET_SOINFO's steps carry no number of their own). */
  positional?: boolean;
}

function entry<E>(mapper: PointMapper<E>): PointMapper<E> {
  return mapper;
}

// Rows reach map() as validated contract rows or as raw rows replayed from the quarantine; the
// mappers read every field defensively (RowReader), so the casts below only name the shape.
const MAPPERS = {
  '97-1': entry({
    pointId: '97-1', legacyName: 'VIP97_GET_CHANGE', system: 'sys97', entity: 'ChangedCustomer',
    map: (row) => mapVip97GetChange(row as Sys97Rows.Vip97GetChangeRow),
    key: (v) => v.vipNumber,
  }),
  '97-2': entry({
    pointId: '97-2', legacyName: 'VIP_GET_DKHINFO', system: 'sys97', entity: 'Customer',
    map: (row, ctx = {}) => mapVipGetDkhinfo(row as Sys97Rows.VipGetDkhinfoRow, ctx),
    key: (v) => v.vipNumber,
  }),
  '97-3': entry({
    pointId: '97-3', legacyName: 'VIP_GET_PAYINFO', system: 'sys97', entity: 'Account',
    map: (row, ctx = {}) => mapVipGetPayinfo(row as Sys97Rows.VipGetPayinfoRow, ctx),
    key: (v) => v.accountNumber,
  }),
  '97-4': entry({
    pointId: '97-4', legacyName: 'VIP_GET_SERVERS', system: 'sys97', entity: 'Service',
    map: (row, ctx = {}) => mapVipGetServers(row as Sys97Rows.VipGetServersRow, ctx),
    key: (v) => v.serviceNumber,
  }),
  '97-5': entry({
    pointId: '97-5', legacyName: 'VIP_GET_SOS', system: 'sys97', entity: 'WorkOrder',
    map: (row, ctx = {}) => mapVipGetSos(row as Sys97Rows.VipGetSosRow, ctx),
    key: (v) => v.orderNumber,
  }),
  '97-6': entry({
    pointId: '97-6', legacyName: 'VIP_GET_SOINFO', system: 'sys97', entity: 'WorkOrderStep',
    map: (row, ctx = {}) => mapVipGetSoinfo(row as Sys97Rows.VipGetSoinfoRow, ctx),
    positional: true,
  }),
  '97-7': entry({
    pointId: '97-7', legacyName: 'VIP97_SO_PROCESS', system: 'sys97', entity: 'WorkOrderFulfilment',
    map: (row) => mapVip97SoProcess(row as Sys97Rows.Vip97SoProcessRow),
    key: (v) => v.orderNumber,
  }),
  '97-8': entry({
    pointId: '97-8', legacyName: 'VIP97_ONCE_FEE', system: 'sys97', entity: 'OneTimeFee',
    map: (row) => mapVip97OnceFee(row as Sys97Rows.Vip97OnceFeeRow),
    key: (v) => v.feeId,
  }),
  '97-9': entry({
    pointId: '97-9', legacyName: 'VIP97_GET_PRODUCT', system: 'sys97', entity: 'Product',
    map: (row) => mapVip97GetProduct(row as Sys97Rows.Vip97GetProductRow),
    key: (v) => v.productId,
  }),
  'JF-3': entry({
    pointId: 'JF-3', legacyName: 'AREA', system: 'billing', entity: 'AreaCode',
    map: (row) => mapArea(row as BillingRows.AreaRow),
    key: (v) => String(v.areaCodeId),
  }),
  'JF-4': entry({
    pointId: 'JF-4', legacyName: 'ITEM', system: 'billing', entity: 'ChargeItem',
    map: (row, ctx = {}) => mapItem(row as BillingRows.ItemRow, ctx),
    key: (v) => v.itemCode,
  }),
  'JF-5': entry({
    pointId: 'JF-5', legacyName: 'VIP_FEE', system: 'billing', entity: 'Charge',
    map: (row, ctx = {}) => mapVipFee(row as BillingRows.VipFeeRow, ctx),
    key: chargeKey,
  }),
  'JF-6': entry({
    pointId: 'JF-6', legacyName: 'PRIVATE_NET', system: 'billing', entity: 'PrivateNetwork',
    map: (row) => mapPrivateNet(row as BillingRows.PrivateNetRow),
    key: (v) => v.managerNumber,
  }),
  'JF-7': entry({
    pointId: 'JF-7', legacyName: 'CALL_LIST', system: 'billing', entity: 'CallDetailRecord',
    // No key: the source gives call records none, and two calls may share every column.
    map: (row) => mapCallList(row as BillingRows.CallListRow),
  }),
  'JF-8': entry({
    pointId: 'JF-8', legacyName: 'TOP1000_FEE', system: 'billing', entity: 'TopContract',
    map: (row) => mapTop1000Fee(row as BillingRows.Top1000FeeRow),
    key: (v) => `${v.accountNumber}|${v.billingCycle}`,
  }),
  'JF-9': entry({
    pointId: 'JF-9', legacyName: 'VIPJF_GET_FEE_BY_ACCNBR', system: 'billing', entity: 'Charge',
    map: (row, ctx = {}) => mapVipjfGetFee(row as BillingRows.VipjfGetFeeByAccnbrRow, ctx),
    key: chargeKey,
  }),
  'JF-10': entry({
    pointId: 'JF-10', legacyName: 'VIPJF_GET_FEE_BY_CONTRACTNO', system: 'billing', entity: 'Charge',
    map: (row, ctx = {}) => mapVipjfGetFee(row as BillingRows.VipjfGetFeeByContractnoRow, ctx),
    key: chargeKey,
  }),
  'JF-11': entry({
    pointId: 'JF-11', legacyName: 'VIPJF_GET_FEE_BY_USERNAME', system: 'billing', entity: 'Charge',
    map: (row, ctx = {}) => mapVipjfGetFee(row as BillingRows.VipjfGetFeeByUsernameRow, ctx),
    key: chargeKey,
  }),
  'JF-12': entry({
    pointId: 'JF-12', legacyName: 'VIPJF_GET_QF', system: 'billing', entity: 'PaymentStatus',
    map: (row, ctx = {}) => mapVipjfGetQf(row as BillingRows.VipjfGetQfAnswer, ctx),
  }),
  'CS-1': entry({
    pointId: 'CS-1', legacyName: 'VIP1000_GET_112', system: 'cs1000', entity: 'TroubleTicket',
    map: (row, ctx = {}) => mapVip1000Get112(row as CsRows.Vip1000Get112Row, ctx),
    key: (v) => v.ticketKey,
  }),
  'CS-2': entry({
    pointId: 'CS-2', legacyName: 'VIP1000_GET_180', system: 'cs1000', entity: 'TroubleTicket',
    map: (row, ctx = {}) => mapVip1000Get180(row as CsRows.Vip1000Get180Row, ctx),
    key: (v) => v.ticketKey,
  }),
  'CS-3': entry({
    pointId: 'CS-3', legacyName: 'VIP1000_GET_112_SO', system: 'cs1000', entity: 'TroubleTicket',
    map: (row, ctx = {}) => mapVip1000Get112So(row as CsRows.Vip1000Get112SoRow, ctx),
    key: (v) => v.ticketKey,
  }),
  'CS-4': entry({
    pointId: 'CS-4', legacyName: 'VIP1000_GET_180_SO', system: 'cs1000', entity: 'TroubleTicket',
    map: (row, ctx = {}) => mapVip1000Get180So(row as CsRows.Vip1000Get180SoRow, ctx),
    key: (v) => v.ticketKey,
  }),
} as const;

export type MappedPointId = keyof typeof MAPPERS;
export type EntityOf<P extends MappedPointId> = (typeof MAPPERS)[P] extends PointMapper<infer E> ? E : never;

/**
 * Points with no row to map: writes (their answer is a done/refused flag the adapter checks) and
 * billing's request handshake (JF-1, JF-2: ready flags that steer the sync).
 */
export const UNMAPPED_POINTS: Readonly<Record<string, string>> = {
  '97-10': 'write (VIP_SET_VIP): answer 1 done / 0 refused, checked by the write-back',
  'JF-1': 'request handshake (VIPJF_SET_REQUEST): answer 1 accepted',
  'JF-2': 'request handshake (VIPJF_GET_REQUEST_READY): answer 1 ready',
  'JF-13': 'write (VIPJF_SET_VIP): answer 1 set',
  'CS-5': 'write (VIP1000_SET_VIP): answer 1 set',
};

export function mapperFor<P extends MappedPointId>(pointId: P): (typeof MAPPERS)[P];
export function mapperFor(pointId: string): PointMapper<unknown> | undefined;
export function mapperFor(pointId: string): PointMapper<unknown> | undefined {
  return Object.hasOwn(MAPPERS, pointId) ? (MAPPERS[pointId as MappedPointId] as PointMapper<unknown>) : undefined;
}

export function mappedPointIds(): MappedPointId[] {
  return Object.keys(MAPPERS) as MappedPointId[];
}

export interface MappedRows<E> {
  values: E[];
  /** Rows that could not be taken in, with every reason, in read order. */
  quarantined: Array<{ index: number; row: object; reasons: QuarantineReason[] }>;
}

/**
 * Maps one read of an interface point. A row whose entity repeats the key of an earlier row of the
 * same read is quarantined as duplicate_key: the first is kept, because a later copy may not be
 * silently allowed to overwrite it.
 */
export function mapRows<P extends MappedPointId>(pointId: P, rows: readonly object[], ctx?: MappingContext): MappedRows<EntityOf<P>>;
export function mapRows(pointId: string, rows: readonly object[], ctx?: MappingContext): MappedRows<unknown>;
export function mapRows(pointId: string, rows: readonly object[], ctx: MappingContext = {}): MappedRows<unknown> {
  const map = rowMapper(pointId, ctx);
  const out: MappedRows<unknown> = { values: [], quarantined: [] };
  // A plain indexed loop: a cycle load maps millions of rows through here.
  for (let index = 0; index < rows.length; index++) {
    const row = rows[index]!;
    const result = map(row, index);
    if (result.ok) out.values.push(result.value);
    else out.quarantined.push({ index, row, reasons: result.reasons });
  }
  return out;
}

/**
 * mapRows one row at a time, for a caller that maps rows as it writes them: one mapper per read
 * (it remembers the keys read so far, in `seen`: key → index of the row that had it first, which a
 * COPY lane taking rows of the same read shares), rows given in read order with their index.
 */
export function rowMapper<P extends MappedPointId>(pointId: P, ctx?: MappingContext, seen?: Map<string, number>): (row: object, index: number) => MapResult<EntityOf<P>>;
export function rowMapper(pointId: string, ctx?: MappingContext, seen?: Map<string, number>): (row: object, index: number) => MapResult<unknown>;
export function rowMapper(pointId: string, ctx: MappingContext = {}, seen = new Map<string, number>()): (row: object, index: number) => MapResult<unknown> {
  const mapper = mapperFor(pointId);
  if (mapper === undefined) throw new Error(`no mapper for interface point ${pointId}`);
  const positional = mapper.positional === true;
  return (row, index) => {
    const result = mapper.map(row, positional ? { ...ctx, stepNo: index + 1 } : ctx);
    if (!result.ok) return result;
    const key = mapper.key?.(result.value);
    if (key === undefined) return result;
    const first = seen.get(key);
    if (first !== undefined) {
      const message = `${mapper.entity} key '${key}' already read in row ${first + 1} of this ${mapper.legacyName} read`;
      return { ok: false, reasons: [{ code: 'duplicate_key', message }] };
    }
    seen.set(key, index);
    return result;
  };
}

export type { PointMapper as Mapper };
export { isStepOverdue, isStepRejected, isWorkOrderRejected } from './sys97/VIP_GET_SOINFO.mapping.ts';
export { decodeVipNumber, type VipNumberParts } from './sys97/vip-number.ts';
export { ticketKey } from './cs1000/trouble-ticket.ts';
export { chargeCategories, buildChargeCategoryClassifier } from './billing/charge-category.ts';
export { parseTextDate, parseBillingCycle, formatShanghai, shanghaiWallClock } from './text-date.ts';
export {
  normalizeText,
  normalizeName,
  searchKey,
  detectBadEncoding,
  normalizePhone,
  normalizeContactPhone,
  normalizePostcode,
  toHalfWidth,
} from './normalize.ts';
export {
  mapVip97GetChange,
  mapVipGetDkhinfo,
  mapVipGetPayinfo,
  mapVipGetServers,
  mapVipGetSos,
  mapVipGetSoinfo,
  mapVip97SoProcess,
  mapVip97OnceFee,
  mapVip97GetProduct,
  mapArea,
  mapItem,
  mapVipFee,
  mapPrivateNet,
  mapCallList,
  mapTop1000Fee,
  mapVipjfGetFee,
  mapVipjfGetQf,
  mapVip1000Get112,
  mapVip1000Get180,
  mapVip1000Get112So,
  mapVip1000Get180So,
};
// What the cycle load's COPY lanes (src/sync/cycle-lanes.ts) read canonical rows with.
export { canonicalBillingCycle, canonicalDateTimeMs } from './text-date.ts';
export { isPlainRow, moneyCents } from './row-reader.ts';
export { isPlainAscii } from './normalize.ts';
