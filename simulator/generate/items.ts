// Billing charge items (the ITEM table, JF-4) and the service types that carry them.
// `category` is the generator's own knowledge of which of the 10 telecom business categories an item
// belongs to (SYS040020); it is NOT exported to the legacy tables (ITEM has only a code and a name),
// because the hub's mapping keeps its own item -> category table, as it would against a real billing.

export const CATEGORIES = [
  '本地电话', '长途电话', '电话增值', '电信卡', '数据', '互联网接入', '平台',
  '网络元素和互联互通及其他', '应用', '其他',
] as const;
export type Category = (typeof CATEGORIES)[number];

export interface Item {
  code: string;
  name: string;
  category: Category;
}

export const ITEMS: readonly Item[] = [
  { code: '1001', name: '市话月租费', category: '本地电话' },
  { code: '1002', name: '本地通话费', category: '本地电话' },
  { code: '1003', name: '区间通话费', category: '本地电话' },
  { code: '1004', name: 'ISDN月租费', category: '本地电话' },
  { code: '2001', name: '国内长途通话费', category: '长途电话' },
  { code: '2002', name: '国际及港澳台长途通话费', category: '长途电话' },
  { code: '2003', name: 'IP长途通话费(17909)', category: '长途电话' },
  { code: '3001', name: '来电显示功能费', category: '电话增值' },
  { code: '3002', name: '呼叫转移功能费', category: '电话增值' },
  { code: '3003', name: '168信息服务费', category: '电话增值' },
  { code: '3004', name: '800业务费', category: '电话增值' },
  { code: '4001', name: 'IC卡通话费', category: '电信卡' },
  { code: '4002', name: '200卡通话费', category: '电信卡' },
  { code: '4003', name: 'IP卡通话费', category: '电信卡' },
  { code: '5001', name: 'DDN月租费', category: '数据' },
  { code: '5002', name: '帧中继月租费', category: '数据' },
  { code: '5003', name: '数字电路月租费', category: '数据' },
  { code: '5004', name: 'ATM端口费', category: '数据' },
  { code: '6001', name: 'ADSL包月费', category: '互联网接入' },
  { code: '6002', name: '163/169拨号上网费', category: '互联网接入' },
  { code: '6003', name: '互联网专线接入费', category: '互联网接入' },
  { code: '7001', name: '短信平台使用费', category: '平台' },
  { code: '7002', name: '呼叫中心平台费', category: '平台' },
  { code: '8001', name: '带宽出租费', category: '网络元素和互联互通及其他' },
  { code: '8002', name: '设备出租费', category: '网络元素和互联互通及其他' },
  { code: '8003', name: '网间结算费', category: '网络元素和互联互通及其他' },
  { code: '9001', name: '新视通视频会议费', category: '应用' },
  { code: '9002', name: '会易通会议电话费', category: '应用' },
  { code: '9003', name: '一码通业务费', category: '应用' },
  { code: '0001', name: '移动通信费', category: '其他' },
  { code: '0002', name: '滞纳金', category: '其他' },
  { code: '0003', name: '其他费用', category: '其他' },
];

export interface ServiceType {
  /** ACC_SERVTYPE as the 97 system writes it. */
  name: string;
  /** Two-letter prefix of its numbers (data circuits); phones use digits instead. */
  prefix: string;
  /** Relative size of its monthly charge compared with a phone line. */
  spendWeight: number;
  /** Always charged: [item code, share of the number's charge]. */
  items: ReadonlyArray<readonly [string, number]>;
  /** Charged for some numbers only: [item code, share, probability]. */
  optional: ReadonlyArray<readonly [string, number, number]>;
  /** Makes calls (call detail records). */
  calls: boolean;
}

export const SERVICE_TYPES: readonly ServiceType[] = [
  { name: '电话', prefix: 'DH', spendWeight: 1, calls: true, items: [['1001', 2], ['1002', 4], ['2001', 3]],
    optional: [['1003', 1, 0.4], ['2002', 1, 0.15], ['2003', 1, 0.3], ['3001', 0.3, 0.5], ['3002', 0.3, 0.2], ['3003', 0.3, 0.1], ['4001', 0.5, 0.1], ['4002', 0.5, 0.1], ['4003', 0.5, 0.1], ['9003', 0.5, 0.05]] },
  { name: 'ISDN', prefix: 'IS', spendWeight: 1.5, calls: true, items: [['1004', 2], ['1002', 3], ['2001', 2]], optional: [['2002', 1, 0.1]] },
  { name: '移动', prefix: 'YD', spendWeight: 0.8, calls: true, items: [['0001', 1]], optional: [['7001', 0.3, 0.1], ['0002', 0.05, 0.05]] },
  { name: 'ADSL', prefix: 'AD', spendWeight: 0.6, calls: false, items: [['6001', 1]], optional: [['6002', 0.3, 0.1]] },
  { name: '互联网专线', prefix: 'ZX', spendWeight: 8, calls: false, items: [['6003', 1]], optional: [['8001', 0.5, 0.3]] },
  { name: 'DDN', prefix: 'DD', spendWeight: 10, calls: false, items: [['5001', 1]], optional: [['8002', 0.2, 0.2]] },
  { name: '数字电路', prefix: 'SZ', spendWeight: 15, calls: false, items: [['5003', 1]], optional: [['8001', 0.3, 0.3], ['8003', 0.2, 0.1]] },
  { name: '帧中继', prefix: 'ZJ', spendWeight: 8, calls: false, items: [['5002', 1]], optional: [['5004', 0.5, 0.3]] },
  { name: '800业务', prefix: 'BB', spendWeight: 3, calls: false, items: [['3004', 1]], optional: [['7002', 0.5, 0.3]] },
  { name: '视频会议', prefix: 'SP', spendWeight: 5, calls: false, items: [['9001', 1]], optional: [['9002', 0.5, 0.4], ['0003', 0.1, 0.1]] },
];

/** How often each service type appears among the numbers of a small and of a large customer. */
export const TYPE_WEIGHTS_SMALL: ReadonlyArray<readonly [number, number]> = [[0, 50], [1, 5], [2, 20], [3, 20], [4, 1], [5, 1], [6, 1], [7, 0.5], [8, 1], [9, 0.5]];
export const TYPE_WEIGHTS_LARGE: ReadonlyArray<readonly [number, number]> = [[0, 40], [1, 8], [2, 15], [3, 8], [4, 6], [5, 8], [6, 8], [7, 4], [8, 2], [9, 2]];

export const PRODUCTS: ReadonlyArray<readonly [id: string, name: string, kind: string]> = [
  ['P0101', '普通电话', '电话'], ['P0102', '商务电话', '电话'], ['P0103', 'Centrex虚拟总机', '电话'],
  ['P0201', 'ISDN基本速率(2B+D)', 'ISDN'], ['P0202', 'ISDN基群速率(30B+D)', 'ISDN'],
  ['P0301', '小灵通', '移动'], ['P0401', 'ADSL 512K包月', 'ADSL'], ['P0402', 'ADSL 2M包月', 'ADSL'],
  ['P0501', '互联网专线 2M', '互联网专线'], ['P0502', '互联网专线 10M', '互联网专线'],
  ['P0601', 'DDN 64K', 'DDN'], ['P0602', 'DDN 2M', 'DDN'], ['P0701', '数字电路 2M', '数字电路'],
  ['P0702', '数字电路 155M', '数字电路'], ['P0801', '帧中继 2M端口', '帧中继'], ['P0901', '800被叫付费', '800业务'],
  ['P1001', '新视通视频会议', '视频会议'], ['P1002', '会易通电话会议', '视频会议'], ['P1101', '一码通', '电话'],
];
