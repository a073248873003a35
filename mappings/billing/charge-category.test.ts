import { describe, expect, it } from 'vitest';
import { BUSINESS_CATEGORIES, type BusinessCategory } from '../../src/domain/billing.ts';
import { buildChargeCategoryClassifier, chargeCategories } from './charge-category.ts';

// Realistic ITEM names of a provincial billing system, one or more per category.
const BY_NAME: Array<[string, string, BusinessCategory]> = [
  ['A101', '市话通话费', 'local_telephone'],
  ['A102', '本地网营业区间通话费', 'local_telephone'],
  ['A103', '固定电话月租费', 'local_telephone'],
  ['A201', '国内长途通话费', 'long_distance_telephone'],
  ['A202', '国际及港澳台长途通话费', 'long_distance_telephone'],
  ['A203', 'IP长途电话费(17909)', 'long_distance_telephone'],
  ['A301', '来电显示功能费', 'telephone_value_added'],
  ['A302', '彩铃月功能费', 'telephone_value_added'],
  ['A303', '缩位拨号', 'telephone_value_added'],
  ['A351', '201校园卡', 'telecom_card'],
  ['A352', 'IP电话卡', 'telecom_card'],
  ['A353', 'IC卡电话费', 'telecom_card'],
  ['A401', 'DDN专线月租', 'data'],
  ['A402', '帧中继端口费', 'data'],
  ['A403', '数字电路出租费', 'data'],
  ['A404', '国际DDN', 'data'],
  ['A501', 'ADSL宽带包月费', 'internet_access'],
  ['A502', '163拨号上网费', 'internet_access'],
  ['A503', '169多媒体通信网', 'internet_access'],
  ['A601', '168声讯信息费', 'platform'],
  ['A602', '智能网平台费', 'platform'],
  ['A651', '网间互联互通结算', 'network_elements_interconnection'],
  ['A652', '带宽出租', 'network_elements_interconnection'],
  ['A701', 'IDC主机托管费', 'application'],
  ['A702', '互联网数据中心虚拟主机', 'application'],
  ['A901', '滞纳金', 'other'],
  ['A902', '电报费', 'other'],
  ['A903', '其他费用', 'other'],
];

describe('charge categories', () => {
  it.each(BY_NAME)('%s %s → %s', (code, name, category) => {
    expect(chargeCategories.classify(code, name)).toMatchObject({ category, by: 'name' });
  });

  it('reaches every one of the 10 business categories by name', () => {
    expect(new Set(BY_NAME.map(([, , c]) => c))).toEqual(new Set(BUSINESS_CATEGORIES));
  });

  it.each([
    ['1001', 'local_telephone'],
    ['2010', 'long_distance_telephone'],
    ['3001', 'telephone_value_added'],
    ['3501', 'telecom_card'],
    ['4001', 'data'],
    ['5001', 'internet_access'],
    ['6001', 'platform'],
    ['6501', 'network_elements_interconnection'],
    ['7001', 'application'],
    ['9001', 'other'],
  ])('code %s without a name → %s (code ranges)', (code, category) => {
    expect(chargeCategories.classify(code, null)).toMatchObject({ category, by: 'code' });
  });

  it('the name decides over the code', () => {
    expect(chargeCategories.classify('1001', 'ADSL宽带包月费')?.category).toBe('internet_access');
  });

  it('an unnamed code outside every range, and a name no rule knows, match nothing', () => {
    expect(chargeCategories.classify('8001', null)).toBeNull();
    expect(chargeCategories.classify('8001', '神秘费用')).toBeNull();
    expect(chargeCategories.classify('123', null)).toBeNull(); // shorter code: not inside 1000..1999
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
