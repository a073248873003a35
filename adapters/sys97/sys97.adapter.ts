// The 97 system (order acceptance and work orders), spoken to in its own names. Every read answers
// contract-checked rows; the VIP / service-level write is VIP_SET_VIP (97-10).

import type {
  Vip97GetChangeRow,
  Vip97GetProductRow,
  Vip97OnceFeeRow,
  Vip97SoProcessRow,
  VipGetDkhinfoRow,
  VipGetPayinfoRow,
  VipGetServersRow,
  VipGetSoinfoRow,
  VipGetSosRow,
} from '../../contracts/generated/legacy/index.ts';
import { toLegacyDateTime } from '../../contracts/registry.ts';
import type { HealthCheck, LegacyDatabase } from '../transport/legacy-database.ts';
import type { CheckedRow, PointCaller } from '../shared/point-caller.ts';

export interface Sys97Port {
  /** 97-1: the VIP numbers changed since a moment (sent as the legacy's Asia/Shanghai wall clock). */
  VIP97_GET_CHANGE(since: Date): Promise<CheckedRow<Vip97GetChangeRow>[]>;
  /** 97-2: customer master data, 0 or 1 row. */
  VIP_GET_DKHINFO(vip: string): Promise<CheckedRow<VipGetDkhinfoRow>[]>;
  VIP_GET_PAYINFO(vip: string): Promise<CheckedRow<VipGetPayinfoRow>[]>;
  VIP_GET_SERVERS(vip: string): Promise<CheckedRow<VipGetServersRow>[]>;
  /** 97-5: every open work order of every key account. */
  VIP_GET_SOS(): Promise<CheckedRow<VipGetSosRow>[]>;
  VIP_GET_SOINFO(orderNumber: string): Promise<CheckedRow<VipGetSoinfoRow>[]>;
  VIP97_SO_PROCESS(): AsyncIterable<CheckedRow<Vip97SoProcessRow>[]>;
  /** 97-8: the assumed real-time procedure over the one-time fee table. */
  VIP97_GET_ONCE_FEE(vip: string): Promise<CheckedRow<Vip97OnceFeeRow>[]>;
  VIP97_GET_PRODUCT(): Promise<CheckedRow<Vip97GetProductRow>[]>;
  /** 97-10: true when the 97 system took the write. */
  VIP_SET_VIP(serviceNumber: string, vip: string, serviceLevel: string): Promise<boolean>;
  check(): Promise<HealthCheck>;
}

export function createSys97Adapter(db: LegacyDatabase, caller: PointCaller): Sys97Port {
  return {
    VIP97_GET_CHANGE: (since) => caller.rows('97-1', { p_last_time: toLegacyDateTime(since) }),
    VIP_GET_DKHINFO: (vip) => caller.rows('97-2', { p_vip: vip }),
    VIP_GET_PAYINFO: (vip) => caller.rows('97-3', { p_vip: vip }),
    VIP_GET_SERVERS: (vip) => caller.rows('97-4', { p_vip: vip }),
    VIP_GET_SOS: () => caller.rows('97-5'),
    VIP_GET_SOINFO: (orderNumber) => caller.rows('97-6', { p_so_nbr: orderNumber }),
    VIP97_SO_PROCESS: () => caller.table('97-7'),
    VIP97_GET_ONCE_FEE: (vip) => caller.rows('97-8', { p_vip: vip }),
    VIP97_GET_PRODUCT: () => caller.rows('97-9'),
    VIP_SET_VIP: async (serviceNumber, vip, serviceLevel) =>
      (await caller.scalar<number>('97-10', { p_acc_nbr: serviceNumber, p_vip: vip, p_serv_level: serviceLevel })) === 1,
    check: () => db.check(),
  };
}
