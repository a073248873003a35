import { describe, expect, it } from 'vitest';
import type { Principal } from '../api/platform/index.ts';
import { PLAN_PER_CALL } from '../store/database.ts';
import { customerSource } from './customer.view.ts';

const admin: Principal = { subject: 'staff:A1', role: 'province_admin', via: 'jwt' };

describe('customerSource', () => {
  it('marks a name search to be planned per call: the best plan depends on the term (trigrams need 3 characters)', () => {
    expect(customerSource(admin, { name: '医院' }).where.text).toContain(PLAN_PER_CALL);
    expect(customerSource(admin, { vipNumber: '1510600001' }).where.text).not.toContain(PLAN_PER_CALL);
  });
});
