// The loaded code tables. Loading happens once, at import: an invalid table fails the hub's start.

import { z } from 'zod';
import type { CustomerType } from '../../src/domain/customer.ts';
import type { PayMethod } from '../../src/domain/account.ts';
import type { ServiceType } from '../../src/domain/service.ts';
import { loadCodeTable, readJson } from './code-table.ts';

// Written out so that a code added to a domain union without a table entry, or a table code the
// domain does not know, is a compile or load error rather than a silent mismatch.
const CUSTOMER_TYPES = ['key_account', 'commercial', 'other'] as const satisfies readonly CustomerType[];
const SERVICE_TYPES = [
  'fixed_line',
  'ddn',
  'adsl',
  'leased_line',
  'mobile',
  'isdn',
  'frame_relay',
  'internet_dedicated',
  'other',
] as const satisfies readonly ServiceType[];
const PAY_METHODS = ['bank_collection', 'cash', 'cheque', 'bank_debit', 'other'] as const satisfies readonly PayMethod[];
// The reverse direction: every member of the union is in the list (a missing one fails to compile).
type Missing<U, L extends readonly unknown[]> = Exclude<U, L[number]>;
type AssertNever<T extends never> = T;
export type _CodeListsCoverDomain = [
  AssertNever<Missing<CustomerType, typeof CUSTOMER_TYPES>>,
  AssertNever<Missing<ServiceType, typeof SERVICE_TYPES>>,
  AssertNever<Missing<PayMethod, typeof PAY_METHODS>>,
];

export const WORK_ORDER_STATUSES = ['open', 'finished', 'rejected'] as const;
export type WorkOrderProcessStatus = (typeof WORK_ORDER_STATUSES)[number];

const here = (file: string): URL => new URL(`./${file}`, import.meta.url);

export const customerTypes = loadCodeTable<CustomerType>(here('customer-type.json'), CUSTOMER_TYPES);
export const serviceTypes = loadCodeTable<ServiceType>(here('service-type.json'), SERVICE_TYPES);
export const payMethods = loadCodeTable<PayMethod>(here('pay-method.json'), PAY_METHODS);
export const faultTypes = loadCodeTable<string>(here('fault-type.json'));
export const complaintTypes = loadCodeTable<string>(here('complaint-type.json'));
export const workOrderSteps = loadCodeTable<string>(here('work-order-step.json'));
export const workOrderTypes = loadCodeTable<string>(here('work-order-type.json'));
export const workOrderStatuses = loadCodeTable<WorkOrderProcessStatus>(here('work-order-status.json'), WORK_ORDER_STATUSES);

const SECTION = /^[A-T]$/; // GB/T 4754 sections

export const vipNumberLayoutSchema = z.strictObject({
  table: z.literal('vip-number'),
  description: z.string().min(1),
  length: z.number().int().positive(),
  customerTypeByDigit: z.record(z.string().regex(/^\d$/), z.enum(CUSTOMER_TYPES)),
  industryByDigit: z.record(
    z.string().regex(/^\d$/),
    z.strictObject({
      group: z.string().regex(/^[a-z][a-z0-9_]*$/),
      name: z.string().min(1),
      sections: z.array(z.string().regex(SECTION)).min(1),
    }),
  ),
});
export type VipNumberLayout = z.infer<typeof vipNumberLayoutSchema>;

function loadLayout(): VipNumberLayout {
  const url = here('vip-number.json');
  const parsed = vipNumberLayoutSchema.safeParse(readJson(url));
  if (!parsed.success) throw new Error(`invalid code table ${url.pathname}: ${parsed.error.message}`);
  // A section in two groups would make the digit → section reading ambiguous.
  const owner = new Map<string, string>();
  for (const [digit, industry] of Object.entries(parsed.data.industryByDigit)) {
    for (const section of industry.sections) {
      const other = owner.get(section);
      if (other !== undefined) throw new Error(`invalid code table ${url.pathname}: section ${section} under digits ${other} and ${digit}`);
      owner.set(section, digit);
    }
  }
  return parsed.data;
}

export const vipNumberLayout: VipNumberLayout = loadLayout();
