import { describe, expect, it } from 'vitest';
import { BUSINESS_CATEGORIES, type BusinessCategory } from '../../src/domain/billing.ts';
import { buildChargeCategoryClassifier, chargeCategories } from './charge-category.ts';

// Realistic ITEM names of a provincial billing system (the simulated billing's among them), one or
// more per category.
const BY_NAME: Array<[string, string, BusinessCategory]> = [
  ['1001', '市话月租费', 'local_telephone'],
  ['1002', '本地通话费', 'local_telephone'],
  ['1003', '区间通话费', 'local_telephone'],
  ['1004', 'ISDN月租费', 'local_telephone'],
  ['2001', '国内长途通话费', 'long_distance_telephone'],
  ['2002', '国际及港澳台长途通话费', 'long_distance_telephone'],
  ['2003', 'IP长途通话费(17909)', 'long_distance_telephone'],
  ['3001', '来电显示功能费', 'telephone_value_added'],
  ['3002', '呼叫转移功能费', 'telephone_value_added'],
  ['3003', '168信息服务费', 'telephone_value_added'],
  ['3004', '800业务费', 'telephone_value_added'],
  ['3005', '缩位拨号', 'telephone_value_added'],
  ['4001', 'IC卡通话费', 'telecom_card'],
  ['4002', '200卡通话费', 'telecom_card'],
  ['4003', 'IP卡通话费', 'telecom_card'],
  ['4004', '201校园卡', 'telecom_card'],
  ['5001', 'DDN月租费', 'data'],
  ['5002', '帧中继月租费', 'data'],
  ['5003', '数字电路月租费', 'data'],
  ['5004', 'ATM端口费', 'data'],
  ['5005', '国际DDN', 'data'],
  ['6001', 'ADSL包月费', 'internet_access'],
  ['6002', '163/169拨号上网费', 'internet_access'],
  ['6003', '互联网专线接入费', 'internet_access'],
  ['7001', '短信平台使用费', 'platform'],
  ['7002', '呼叫中心平台费', 'platform'],
  ['8001', '带宽出租费', 'network_elements_interconnection'],
  ['8002', '设备出租费', 'network_elements_interconnection'],
  ['8003', '网间结算费', 'network_elements_interconnection'],
  ['9001', '新视通视频会议费', 'application'],
  ['9002', '会易通会议电话费', 'application'],
  ['9004', 'IDC主机托管费', 'application'],
  ['0001', '移动通信费', 'other'],
  ['0002', '滞纳金', 'other'],
  ['0003', '其他费用', 'other'],
];

describe('charge categories', () => {
  it.each(BY_NAME)('%s %s → %s', (code, name, category) => {
    expect(chargeCategories.classify(code, name)).toMatchObject({ category, by: 'name' });
  });

  it('reaches every one of the 10 business categories by name', () => {
    expect(new Set(BY_NAME.map(([, , c]) => c))).toEqual(new Set(BUSINESS_CATEGORIES));
  });

  it.each([
    ['1101', 'local_telephone'],
    ['2010', 'long_distance_telephone'],
    ['3101', 'telephone_value_added'],
    ['4101', 'telecom_card'],
    ['5101', 'data'],
    ['6101', 'internet_access'],
    ['7101', 'platform'],
    ['8101', 'network_elements_interconnection'],
    ['9101', 'application'],
    ['0101', 'other'],
  ])('code %s without a name → %s (code ranges)', (code, category) => {
    expect(chargeCategories.classify(code, null)).toMatchObject({ category, by: 'code' });
  });

  it('the name decides over the code; a name no keyword knows leaves it to the code', () => {
    expect(chargeCategories.classify('1001', 'ADSL宽带包月费')?.category).toBe('internet_access');
    expect(chargeCategories.classify('8101', '神秘费用')).toMatchObject({ category: 'network_elements_interconnection', by: 'code' });
  });

  it('a code outside the numbering plan with no known name matches nothing', () => {
    expect(chargeCategories.classify('X001', null)).toBeNull();
    expect(chargeCategories.classify('X001', '神秘费用')).toBeNull();
    expect(chargeCategories.classify('123', null)).toBeNull(); // shorter code: not inside 1000..1999
  });

  it('code prefixes match the start of the code', () => {
    const classifier = buildChargeCategoryClassifier({
      table: 'charge-categories',
      description: 'test',
      fallback: null,
      rules: [{ category: 'data', codePrefixes: ['D'] }],
    });
    expect(classifier.classify('d12', null)).toMatchObject({ category: 'data', by: 'code' });
    expect(classifier.classify('X12', null)).toBeNull();
  });

  it('a declared fallback catches what no rule matches', () => {
    const classifier = buildChargeCategoryClassifier({
      table: 'charge-categories',
      description: 'test',
      fallback: 'other',
      rules: [{ category: 'data', nameKeywords: ['DDN'] }],
    });
    expect(classifier.classify('X1', 'ddn月租')).toMatchObject({ category: 'data', by: 'name' });
    expect(classifier.classify('X2', '神秘费用')).toEqual({ category: 'other', by: 'fallback', rule: -1 });
  });

  it('rejects a malformed table', () => {
    const table = (rules: unknown[]) => ({ table: 'charge-categories', description: 'd', fallback: null, rules });
    expect(() => buildChargeCategoryClassifier(table([{ category: 'voice', nameKeywords: ['x'] }]))).toThrow();
    expect(() => buildChargeCategoryClassifier(table([{ category: 'data' }]))).toThrow(/keyword, prefix or range/);
    expect(() => buildChargeCategoryClassifier(table([{ category: 'data', codeRanges: [{ from: '2000', to: '1000' }] }]))).toThrow();
  });
});
