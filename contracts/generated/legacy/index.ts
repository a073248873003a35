/* eslint-disable */
/**
 * generated, do not edit: scripts/gen-types.ts writes this file from contracts/legacy/catalogue.json.
 * Change the contract, then run `npm run contracts:gen`.
 */

import type { Vip97GetChangeInput, Vip97GetChangeRow } from './sys97/VIP97_GET_CHANGE.ts';
export type { Vip97GetChangeInput, Vip97GetChangeRow } from './sys97/VIP97_GET_CHANGE.ts';
import type { VipGetDkhinfoInput, VipGetDkhinfoRow } from './sys97/VIP_GET_DKHINFO.ts';
export type { VipGetDkhinfoInput, VipGetDkhinfoRow } from './sys97/VIP_GET_DKHINFO.ts';
import type { VipGetPayinfoInput, VipGetPayinfoRow } from './sys97/VIP_GET_PAYINFO.ts';
export type { VipGetPayinfoInput, VipGetPayinfoRow } from './sys97/VIP_GET_PAYINFO.ts';
import type { VipGetServersInput, VipGetServersRow } from './sys97/VIP_GET_SERVERS.ts';
export type { VipGetServersInput, VipGetServersRow } from './sys97/VIP_GET_SERVERS.ts';
import type { VipGetSosInput, VipGetSosRow } from './sys97/VIP_GET_SOS.ts';
export type { VipGetSosInput, VipGetSosRow } from './sys97/VIP_GET_SOS.ts';
import type { VipGetSoinfoInput, VipGetSoinfoRow } from './sys97/VIP_GET_SOINFO.ts';
export type { VipGetSoinfoInput, VipGetSoinfoRow } from './sys97/VIP_GET_SOINFO.ts';
import type { Vip97SoProcessInput, Vip97SoProcessRow } from './sys97/VIP97_SO_PROCESS.ts';
export type { Vip97SoProcessInput, Vip97SoProcessRow } from './sys97/VIP97_SO_PROCESS.ts';
import type { Vip97OnceFeeInput, Vip97OnceFeeRow } from './sys97/VIP97_ONCE_FEE.ts';
export type { Vip97OnceFeeInput, Vip97OnceFeeRow } from './sys97/VIP97_ONCE_FEE.ts';
import type { Vip97GetProductInput, Vip97GetProductRow } from './sys97/VIP97_GET_PRODUCT.ts';
export type { Vip97GetProductInput, Vip97GetProductRow } from './sys97/VIP97_GET_PRODUCT.ts';
import type { VipSetVipInput, VipSetVipResult } from './sys97/VIP_SET_VIP.ts';
export type { VipSetVipInput, VipSetVipResult } from './sys97/VIP_SET_VIP.ts';
import type { VipjfSetRequestInput, VipjfSetRequestResult } from './billing/VIPJF_SET_REQUEST.ts';
export type { VipjfSetRequestInput, VipjfSetRequestResult } from './billing/VIPJF_SET_REQUEST.ts';
import type { VipjfGetRequestReadyInput, VipjfGetRequestReadyResult } from './billing/VIPJF_GET_REQUEST_READY.ts';
export type { VipjfGetRequestReadyInput, VipjfGetRequestReadyResult } from './billing/VIPJF_GET_REQUEST_READY.ts';
import type { AreaInput, AreaRow } from './billing/AREA.ts';
export type { AreaInput, AreaRow } from './billing/AREA.ts';
import type { ItemInput, ItemRow } from './billing/ITEM.ts';
export type { ItemInput, ItemRow } from './billing/ITEM.ts';
import type { VipFeeInput, VipFeeRow } from './billing/VIP_FEE.ts';
export type { VipFeeInput, VipFeeRow } from './billing/VIP_FEE.ts';
import type { PrivateNetInput, PrivateNetRow } from './billing/PRIVATE_NET.ts';
export type { PrivateNetInput, PrivateNetRow } from './billing/PRIVATE_NET.ts';
import type { CallListInput, CallListRow } from './billing/CALL_LIST.ts';
export type { CallListInput, CallListRow } from './billing/CALL_LIST.ts';
import type { Top1000FeeInput, Top1000FeeRow } from './billing/TOP1000_FEE.ts';
export type { Top1000FeeInput, Top1000FeeRow } from './billing/TOP1000_FEE.ts';
import type { VipjfGetFeeByAccnbrInput, VipjfGetFeeByAccnbrRow } from './billing/VIPJF_GET_FEE_BY_ACCNBR.ts';
export type { VipjfGetFeeByAccnbrInput, VipjfGetFeeByAccnbrRow } from './billing/VIPJF_GET_FEE_BY_ACCNBR.ts';
import type { VipjfGetFeeByContractnoInput, VipjfGetFeeByContractnoRow } from './billing/VIPJF_GET_FEE_BY_CONTRACTNO.ts';
export type { VipjfGetFeeByContractnoInput, VipjfGetFeeByContractnoRow } from './billing/VIPJF_GET_FEE_BY_CONTRACTNO.ts';
import type { VipjfGetFeeByUsernameInput, VipjfGetFeeByUsernameRow } from './billing/VIPJF_GET_FEE_BY_USERNAME.ts';
export type { VipjfGetFeeByUsernameInput, VipjfGetFeeByUsernameRow } from './billing/VIPJF_GET_FEE_BY_USERNAME.ts';
import type { VipjfGetQfInput, VipjfGetQfResult } from './billing/VIPJF_GET_QF.ts';
export type { VipjfGetQfInput, VipjfGetQfResult } from './billing/VIPJF_GET_QF.ts';
import type { VipjfSetVipInput, VipjfSetVipResult } from './billing/VIPJF_SET_VIP.ts';
export type { VipjfSetVipInput, VipjfSetVipResult } from './billing/VIPJF_SET_VIP.ts';
import type { Vip1000Get112Input, Vip1000Get112Row } from './cs1000/VIP1000_GET_112.ts';
export type { Vip1000Get112Input, Vip1000Get112Row } from './cs1000/VIP1000_GET_112.ts';
import type { Vip1000Get180Input, Vip1000Get180Row } from './cs1000/VIP1000_GET_180.ts';
export type { Vip1000Get180Input, Vip1000Get180Row } from './cs1000/VIP1000_GET_180.ts';
import type { Vip1000Get112SoInput, Vip1000Get112SoRow } from './cs1000/VIP1000_GET_112_SO.ts';
export type { Vip1000Get112SoInput, Vip1000Get112SoRow } from './cs1000/VIP1000_GET_112_SO.ts';
import type { Vip1000Get180SoInput, Vip1000Get180SoRow } from './cs1000/VIP1000_GET_180_SO.ts';
export type { Vip1000Get180SoInput, Vip1000Get180SoRow } from './cs1000/VIP1000_GET_180_SO.ts';
import type { Vip1000SetVipInput, Vip1000SetVipResult } from './cs1000/VIP1000_SET_VIP.ts';
export type { Vip1000SetVipInput, Vip1000SetVipResult } from './cs1000/VIP1000_SET_VIP.ts';

/** Parameters of each interface point (procedure IN parameters, table binds, SOAP request elements). */
export interface LegacyInputs {
  '97-1': Vip97GetChangeInput;
  '97-2': VipGetDkhinfoInput;
  '97-3': VipGetPayinfoInput;
  '97-4': VipGetServersInput;
  '97-5': VipGetSosInput;
  '97-6': VipGetSoinfoInput;
  '97-7': Vip97SoProcessInput;
  '97-8': Vip97OnceFeeInput;
  '97-9': Vip97GetProductInput;
  '97-10': VipSetVipInput;
  'JF-1': VipjfSetRequestInput;
  'JF-2': VipjfGetRequestReadyInput;
  'JF-3': AreaInput;
  'JF-4': ItemInput;
  'JF-5': VipFeeInput;
  'JF-6': PrivateNetInput;
  'JF-7': CallListInput;
  'JF-8': Top1000FeeInput;
  'JF-9': VipjfGetFeeByAccnbrInput;
  'JF-10': VipjfGetFeeByContractnoInput;
  'JF-11': VipjfGetFeeByUsernameInput;
  'JF-12': VipjfGetQfInput;
  'JF-13': VipjfSetVipInput;
  'CS-1': Vip1000Get112Input;
  'CS-2': Vip1000Get180Input;
  'CS-3': Vip1000Get112SoInput;
  'CS-4': Vip1000Get180SoInput;
  'CS-5': Vip1000SetVipInput;
}

/** One result row of each interface point that answers rows. */
export interface LegacyRows {
  '97-1': Vip97GetChangeRow;
  '97-2': VipGetDkhinfoRow;
  '97-3': VipGetPayinfoRow;
  '97-4': VipGetServersRow;
  '97-5': VipGetSosRow;
  '97-6': VipGetSoinfoRow;
  '97-7': Vip97SoProcessRow;
  '97-8': Vip97OnceFeeRow;
  '97-9': Vip97GetProductRow;
  'JF-3': AreaRow;
  'JF-4': ItemRow;
  'JF-5': VipFeeRow;
  'JF-6': PrivateNetRow;
  'JF-7': CallListRow;
  'JF-8': Top1000FeeRow;
  'JF-9': VipjfGetFeeByAccnbrRow;
  'JF-10': VipjfGetFeeByContractnoRow;
  'JF-11': VipjfGetFeeByUsernameRow;
  'CS-1': Vip1000Get112Row;
  'CS-2': Vip1000Get180Row;
  'CS-3': Vip1000Get112SoRow;
  'CS-4': Vip1000Get180SoRow;
}

/** The scalar answer (p_result, SOAP Result) of each interface point that answers one value. */
export interface LegacyResults {
  '97-10': VipSetVipResult;
  'JF-1': VipjfSetRequestResult;
  'JF-2': VipjfGetRequestReadyResult;
  'JF-12': VipjfGetQfResult;
  'JF-13': VipjfSetVipResult;
  'CS-5': Vip1000SetVipResult;
}

export type InterfacePointId = keyof LegacyInputs;
export type RowPointId = keyof LegacyRows;
export type ResultPointId = keyof LegacyResults;
