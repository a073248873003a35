/* eslint-disable */
/**
 * generated, do not edit: scripts/gen-types.ts writes this file from contracts/legacy/billing/CALL_LIST.schema.json.
 * Change the contract, then run `npm run contracts:gen`.
 */

/**
 * Bind of `SELECT … WHERE CallTime = :cycle`; rows of a cycle are visible once its request is ready.
 */
export interface CallListInput {
  /**
   * the billing cycle, YYYYMMDD
   */
  cycle: number;
}

/**
 * One call record. The source gives no key.
 */
export interface CallListRow {
  /**
   * 大客户编号 VIP number
   */
  VIP?: string | null;
  /**
   * 号码 calling service number
   */
  EquipmentNbr: string;
  /**
   * 被叫号码 called number
   */
  CallNbr?: string | null;
  /**
   * 话单类型 record type (values not given)
   */
  CallType?: string | null;
  /**
   * 被叫区号 called area code
   */
  AreaCode?: string | null;
  /**
   * 通话起始时间 call start
   */
  StartTime: string;
  /**
   * 合同号 contract number (spelled ConTractNO here)
   */
  ConTractNO?: string | null;
  /**
   * 通话时长 duration
   */
  TimeLong?: number | null;
  /**
   * 费用值 amount, yuan
   */
  Cost?: number | null;
  /**
   * 计费周期 billing cycle, YYYYMMDD
   */
  CallTime: number;
}
