// Billing's rows as their contracts define them (generated from contracts/legacy/billing/).
export type {
  AreaRow,
  ItemRow,
  VipFeeRow,
  PrivateNetRow,
  CallListRow,
  Top1000FeeRow,
  VipjfGetFeeByAccnbrRow,
  VipjfGetFeeByContractnoRow,
  VipjfGetFeeByUsernameRow,
} from '../../contracts/generated/legacy/index.ts';

/** JF-12 VIPJF_GET_QF: the scalar p_result, YYYYMMDD paid or -1 unpaid. */
export interface VipjfGetQfAnswer {
  p_result: number;
}
