// The VIP number's digits carry the customer's type, level, region and industry
// (docs/architecture.md, SAL010030070). The hub reads them until its CRM functions compute levels
// from spend; the layout's digit tables are data (code-tables/vip-number.json).

import type { CustomerLevel, CustomerType } from '../../src/domain/customer.ts';
import { vipNumberLayout, type VipNumberLayout } from '../code-tables/index.ts';

export interface VipNumberParts {
  /** From the 1st digit; null when the digit has no entry in the layout table. */
  customerType: CustomerType | null;
  level: CustomerLevel;
  /** 3rd–4th digits: the region (local network) index, as digits. */
  regionCode: string;
  /** 5th digit through the layout table: the industry group ('finance', 'commerce' …). */
  industryGroup: string | null;
  /** The national industry section letter, when the digit's group is that one section. */
  industrySection: string | null;
  serial: string;
}

export type VipNumberResult = { ok: true; value: VipNumberParts } | { ok: false; reason: string };

const LEVELS: Record<string, CustomerLevel> = { '1': '1A', '2': '2A', '3': '3A', '4': '4A', '5': '5A' };

export function decodeVipNumber(vipNumber: string, layout: VipNumberLayout = vipNumberLayout): VipNumberResult {
  const pattern = new RegExp(`^\\d{${layout.length}}$`);
  if (!pattern.test(vipNumber)) {
    return { ok: false, reason: `VIP number '${vipNumber}' is not ${layout.length} digits` };
  }
  const level = LEVELS[vipNumber[1]!];
  if (level === undefined) return { ok: false, reason: `VIP number '${vipNumber}': level digit ${vipNumber[1]} is not 1..5` };
  const industry = layout.industryByDigit[vipNumber[4]!];
  return {
    ok: true,
    value: {
      customerType: layout.customerTypeByDigit[vipNumber[0]!] ?? null,
      level,
      regionCode: vipNumber.slice(2, 4),
      industryGroup: industry?.group ?? null,
      industrySection: industry?.sections.length === 1 ? industry.sections[0]! : null,
      serial: vipNumber.slice(5),
    },
  };
}
