/* eslint-disable */
/**
 * generated, do not edit: scripts/gen-types.ts writes this file from contracts/legacy/sys97/VIP_GET_SERVERS.schema.json.
 * Change the contract, then run `npm run contracts:gen`.
 */

/**
 * Parameter names and Oracle types are this project's (docs/architecture.md): the source names the inputs only.
 */
export interface VipGetServersInput {
  /**
   * 贵宾卡号 VIP number (DKH_CARDID)
   */
  p_vip: string;
}

/**
 * One service of the customer.
 */
export interface VipGetServersRow {
  /**
   * 服务号码 service number, e.g. 8558888
   */
  ACC_CODE: string;
  /**
   * 合同号 contract number (same key as VIP_GET_PAYINFO)
   */
  ACCT_NBR?: string | null;
  /**
   * 97 服务编号 97 service id, e.g. 332001010188 (digits as text)
   */
  SERV97_ID: string;
  /**
   * 使用人员 user
   */
  PERSON?: string | null;
  /**
   * 服务类型 service type, e.g. 电话
   */
  ACC_SERVTYPE?: string | null;
  /**
   * 小户名 sub-account name (the source's examples of 小户名/大户名 look swapped)
   */
  ACC_CUSTNAME?: string | null;
  /**
   * 大户名 parent-account name
   */
  ACC_PARENTNAME?: string | null;
  /**
   * 装机地址 installation address
   */
  ACC_SITUATED?: string | null;
  /**
   * 邮政编码 postcode
   */
  ACC_PAYPOSTAL?: string | null;
  /**
   * 开始使用时间 start of use
   */
  ACC_USEDATE?: string | null;
}
