import { describe, expect, it } from 'vitest';
import { mapVipGetServers } from './VIP_GET_SERVERS.mapping.ts';

const row = {
  ACC_CODE: '8558888',
  ACCT_NBR: 'HT688888',
  SERV97_ID: '332001010188',
  PERSON: '张伟',
  ACC_SERVTYPE: '普通电话',
  ACC_CUSTNAME: '昆钢集团办公室',
  ACC_PARENTNAME: '昆明钢铁集团有限责任公司',
  ACC_SITUATED: '昆明市安宁市昆钢大道１号',
  ACC_PAYPOSTAL: '650302',
  ACC_USEDATE: '2003-07-01 00:00:00',
};

describe('97-4 VIP_GET_SERVERS → Service', () => {
  it('maps a fixed line with its start date as Shanghai midnight', () => {
    expect(mapVipGetServers(row, { customerId: 'c-7' })).toEqual({
      ok: true,
      value: {
        serviceNumber: '8558888',
        legacyServiceId: '332001010188',
        customerId: 'c-7',
        accountNumber: 'HT688888',
        userName: '张伟',
        serviceType: 'fixed_line',
        serviceTypeLegacy: '普通电话',
        subAccountName: '昆钢集团办公室',
        parentName: '昆明钢铁集团有限责任公司',
        installAddress: '昆明市安宁市昆钢大道1号',
        postcode: '650302',
        startDate: new Date('2003-06-30T16:00:00Z'),
      },
    });
  });

  it.each([
    ['DDN', 'ddn'],
    ['数据专线', 'leased_line'],
    ['帧中继', 'frame_relay'],
    ['互联网专线', 'internet_dedicated'],
    ['手机', 'mobile'],
    ['ISDN', 'isdn'],
    ['ADSL', 'adsl'],
    ['视频会议', 'other'],
  ])('service type %s → %s', (legacy, type) => {
    expect(mapVipGetServers({ ...row, ACC_SERVTYPE: legacy }, { customerId: 'c-7' })).toMatchObject({
      ok: true,
      value: { serviceType: type, serviceTypeLegacy: legacy },
    });
  });

  it('an unparseable start date and a mangled address are both reported', () => {
    const result = mapVipGetServers({ ...row, ACC_USEDATE: '2003-02-30 00:00:00', ACC_SITUATED: 'æ˜†æ˜Žå¸‚' }, { customerId: 'c-7' });
    expect(!result.ok && result.reasons.map((r) => [r.code, r.field])).toEqual([
      ['bad_encoding', 'ACC_SITUATED'],
      ['unparseable_date', 'ACC_USEDATE'],
    ]);
  });

  it('SERV97_ID that is not digits is a contract violation', () => {
    const result = mapVipGetServers({ ...row, SERV97_ID: '3320-0101' }, { customerId: 'c-7' });
    expect(result).toMatchObject({ ok: false, reasons: [{ code: 'contract_violation', field: 'SERV97_ID' }] });
  });
});
