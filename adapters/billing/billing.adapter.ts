// The billing system (计费): request → poll → read the interface tables of a billing cycle, the
// fee-detail procedures, payment status, and the VIP number + discount plan write (JF-13).

import type {
  AreaRow,
  CallListRow,
  ItemRow,
  PrivateNetRow,
  Top1000FeeRow,
  VipFeeRow,
  VipjfGetFeeByAccnbrRow,
  VipjfGetFeeByContractnoRow,
  VipjfGetFeeByUsernameRow,
} from '../../contracts/generated/legacy/index.ts';
import type { HealthCheck, LegacyDatabase } from '../transport/legacy-database.ts';
import type { CheckedRow, PointCaller } from '../shared/point-caller.ts';

export interface BillingPort {
  /** JF-1: true when billing accepted the request to fill the interface tables of a cycle. */
  VIPJF_SET_REQUEST(cycle: number): Promise<boolean>;
  /** JF-2: true once the interface tables of the cycle are filled. */
  VIPJF_GET_REQUEST_READY(cycle: number): Promise<boolean>;
  AREA(): AsyncIterable<CheckedRow<AreaRow>[]>;
  ITEM(): AsyncIterable<CheckedRow<ItemRow>[]>;
  VIP_FEE(cycle: number): AsyncIterable<CheckedRow<VipFeeRow>[]>;
  PRIVATE_NET(): AsyncIterable<CheckedRow<PrivateNetRow>[]>;
  CALL_LIST(cycle: number): AsyncIterable<CheckedRow<CallListRow>[]>;
  TOP1000_FEE(cycle: number): AsyncIterable<CheckedRow<Top1000FeeRow>[]>;
  VIPJF_GET_FEE_BY_ACCNBR(serviceNumber: string, fromCycle: number, toCycle: number): Promise<CheckedRow<VipjfGetFeeByAccnbrRow>[]>;
  VIPJF_GET_FEE_BY_CONTRACTNO(accountNumber: string, fromCycle: number, toCycle: number): Promise<CheckedRow<VipjfGetFeeByContractnoRow>[]>;
  /** JF-11: rows whose user name OR payer name contains the fragment. */
  VIPJF_GET_FEE_BY_USERNAME(nameFragment: string, cycle: number): Promise<CheckedRow<VipjfGetFeeByUsernameRow>[]>;
  /** JF-12: the payment date YYYYMMDD, or null while the cycle is unpaid (the legacy answers -1). */
  VIPJF_GET_QF(accountNumber: string, cycle: number): Promise<number | null>;
  /** JF-13: true when billing took the write. */
  VIPJF_SET_VIP(serviceNumber: string, vip: string, discountPlan: string): Promise<boolean>;
  check(): Promise<HealthCheck>;
}

export function createBillingAdapter(db: LegacyDatabase, caller: PointCaller): BillingPort {
  return {
    VIPJF_SET_REQUEST: async (cycle) => (await caller.scalar<number>('JF-1', { p_cycle: cycle })) === 1,
    VIPJF_GET_REQUEST_READY: async (cycle) => (await caller.scalar<number>('JF-2', { p_cycle: cycle })) === 1,
    AREA: () => caller.table('JF-3'),
    ITEM: () => caller.table('JF-4'),
    VIP_FEE: (cycle) => caller.table('JF-5', cycle),
    PRIVATE_NET: () => caller.table('JF-6'),
    CALL_LIST: (cycle) => caller.table('JF-7', cycle),
    TOP1000_FEE: (cycle) => caller.table('JF-8', cycle),
    VIPJF_GET_FEE_BY_ACCNBR: (serviceNumber, fromCycle, toCycle) =>
      caller.rows('JF-9', { p_acc_nbr: serviceNumber, p_from_cycle: fromCycle, p_to_cycle: toCycle }),
    VIPJF_GET_FEE_BY_CONTRACTNO: (accountNumber, fromCycle, toCycle) =>
      caller.rows('JF-10', { p_contract_nbr: accountNumber, p_from_cycle: fromCycle, p_to_cycle: toCycle }),
    VIPJF_GET_FEE_BY_USERNAME: (nameFragment, cycle) => caller.rows('JF-11', { p_user_name: nameFragment, p_cycle: cycle }),
    VIPJF_GET_QF: async (accountNumber, cycle) => {
      const paid = await caller.scalar<number>('JF-12', { p_contract_nbr: accountNumber, p_cycle: cycle });
      return paid === -1 ? null : paid;
    },
    VIPJF_SET_VIP: async (serviceNumber, vip, discountPlan) =>
      (await caller.scalar<number>('JF-13', { p_acc_nbr: serviceNumber, p_vip: vip, p_discount_plan: discountPlan })) === 1,
    check: () => db.check(),
  };
}
