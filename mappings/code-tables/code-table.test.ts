import { describe, expect, it } from 'vitest';
import { buildCodeTable } from './code-table.ts';
import {
  complaintTypes,
  customerTypes,
  faultTypes,
  payMethods,
  serviceTypes,
  vipNumberLayout,
  workOrderStatuses,
  workOrderSteps,
  workOrderTypes,
} from './index.ts';

describe('loaded code tables', () => {
  it.each([
    ['大客户', 'key_account'],
    ['大客', 'key_account'],
    ['关键客户', 'key_account'],
    ['商业客户', 'commercial'],
    ['商客', 'commercial'],
    ['公众客户', 'other'],
    ['\u3000大客户 ', 'key_account'],
  ])('customer type %j → %s', (legacy, code) => {
    expect(customerTypes.lookup(legacy)?.code).toBe(code);
  });

  it('customer type has no fallback: the VIP digit is the fallback', () => {
    expect(customerTypes.fallback).toBeNull();
    expect(customerTypes.lookup('政府机关')).toBeNull();
  });

  it.each([
    ['电话', 'fixed_line'],
    ['固定电话', 'fixed_line'],
    ['普通电话', 'fixed_line'],
    ['DDN', 'ddn'],
    ['ddn专线', 'ddn'],
    ['ADSL', 'adsl'],
    ['ＡＤＳＬ', 'adsl'],
    ['数字电路', 'leased_line'],
    ['专线', 'leased_line'],
    ['数据专线', 'leased_line'],
    ['移动', 'mobile'],
    ['手机', 'mobile'],
    ['ISDN', 'isdn'],
    ['帧中继', 'frame_relay'],
    ['互联网专线', 'internet_dedicated'],
    ['互联网专线(10M)', 'internet_dedicated'],
    ['卫星电视', 'other'],
  ])('service type %j → %s', (legacy, code) => {
    expect(serviceTypes.lookup(legacy)?.code).toBe(code);
  });

  it('an unlisted service type is the fallback, and says so', () => {
    expect(serviceTypes.lookup('卫星电视')).toEqual({ code: 'other', by: 'fallback' });
    expect(serviceTypes.lookup('电话')).toEqual({ code: 'fixed_line', by: 'value' });
    expect(serviceTypes.lookup('IP电话')).toEqual({ code: 'fixed_line', by: 'keyword' });
  });

  it.each([
    ['托收', 'bank_collection'],
    ['现金', 'cash'],
    ['支票', 'cheque'],
    ['银行代扣', 'bank_debit'],
    ['代扣', 'bank_debit'],
    ['网上支付', 'other'],
  ])('pay method %j → %s', (legacy, code) => {
    expect(payMethods.lookup(legacy)?.code).toBe(code);
  });

  it.each([
    ['电话无音', 'no_dial_tone'],
    ['有杂音', 'noise'],
    ['宽带不通', 'internet_down'],
    ['DDN中断', 'circuit_down'],
    ['话机故障', 'equipment_fault'],
    ['不能呼出', 'cannot_call_out'],
    ['通话杂音', 'noise'],
    ['通话断线', 'line_down'],
    ['无法上网', 'internet_down'],
    ['网速慢', 'slow_internet'],
    ['频繁掉线', 'line_down'],
    ['误码率高', 'circuit_down'],
    ['端口故障', 'circuit_down'],
    ['外星人干扰', 'other'],
  ])('fault type %j → %s', (legacy, code) => {
    expect(faultTypes.lookup(legacy)?.code).toBe(code);
  });

  it.each([
    ['话费争议', 'billing_dispute'],
    ['服务态度', 'staff_attitude'],
    ['装机慢', 'installation_delay'],
    ['维修不及时', 'repair_delay'],
    ['通话质量', 'network_quality'],
    ['收费争议', 'billing_dispute'],
    ['装机延误', 'installation_delay'],
    ['故障修复慢', 'repair_delay'],
    ['业务质量', 'network_quality'],
    ['营销宣传', 'marketing'],
    ['无理要求', 'other'],
  ])('complaint type %j → %s', (legacy, code) => {
    expect(complaintTypes.lookup(legacy)?.code).toBe(code);
  });

  it.each([
    ['受理', 'accept'],
    ['勘察', 'survey'],
    ['外线施工', 'construction'],
    ['开通', 'activation'],
    ['竣工', 'completion'],
    ['归档', 'archive'],
    ['资料归档', 'archive'],
    ['资源核查', 'survey'],
    ['电路调度', 'dispatch'],
    ['配线', 'resource_allocation'],
    ['测试', 'testing'],
    ['退单', 'rejected'],
    ['等待客户', 'other'],
  ])('work-order step %j → %s', (legacy, code) => {
    expect(workOrderSteps.lookup(legacy)?.code).toBe(code);
  });

  it('work-order type and status', () => {
    expect(workOrderTypes.lookup('移机')?.code).toBe('relocation');
    expect(workOrderStatuses.lookup('退单')?.code).toBe('rejected');
    expect(workOrderStatuses.lookup('挂起')).toBeNull();
  });

  it('the VIP number layout names an industry group for every digit, each section in one group', () => {
    expect(Object.keys(vipNumberLayout.industryByDigit).sort()).toEqual(['0', '1', '2', '3', '4', '5', '6', '7', '8', '9']);
    const sections = Object.values(vipNumberLayout.industryByDigit).flatMap((g) => g.sections);
    expect(sections.sort()).toEqual([...'ABCDEFGHIJKLMNOPQRST']);
    expect(vipNumberLayout.customerTypeByDigit).toEqual({ '1': 'key_account', '2': 'commercial' });
  });
});

describe('buildCodeTable validation', () => {
  const base = { table: 't', description: 'd', fallback: null, entries: [{ code: 'a', values: ['甲'] }] };

  it('rejects a code outside the allowed set', () => {
    expect(() => buildCodeTable({ ...base, entries: [{ code: 'zzz', values: ['甲'] }] }, ['a', 'b'])).toThrow(/'zzz' is not one of/);
  });

  it('rejects a fallback outside the allowed set', () => {
    expect(() => buildCodeTable({ ...base, fallback: 'c' }, ['a', 'b'])).toThrow(/fallback code 'c'/);
  });

  it('rejects one value mapped to two codes (also after width folding)', () => {
    const entries = [
      { code: 'a', values: ['ＡＢ'] },
      { code: 'b', values: ['ab'] },
    ];
    expect(() => buildCodeTable({ ...base, entries })).toThrow(/maps to both a and b/);
  });

  it('rejects an unknown property and a malformed code', () => {
    expect(() => buildCodeTable({ ...base, extra: 1 })).toThrow();
    expect(() => buildCodeTable({ ...base, entries: [{ code: 'Bad Code', values: ['x'] }] })).toThrow();
  });
});
