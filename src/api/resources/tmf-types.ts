// The answer shapes, as scripts/gen-types.ts generates them from contracts/api (never edited by hand),
// plus names for the parts the mappers build on their own.

import type { Customer } from '../../../contracts/generated/api/Customer.ts';
import type { Customer360 } from '../../../contracts/generated/api/Customer360.ts';
import type { ServiceOrder } from '../../../contracts/generated/api/ServiceOrder.ts';

export type { AppliedCustomerBillingRate } from '../../../contracts/generated/api/AppliedCustomerBillingRate.ts';
export type { BillingAccount } from '../../../contracts/generated/api/BillingAccount.ts';
export type { Customer } from '../../../contracts/generated/api/Customer.ts';
export type { Customer360 } from '../../../contracts/generated/api/Customer360.ts';
export type { CustomerBill } from '../../../contracts/generated/api/CustomerBill.ts';
export type { Product } from '../../../contracts/generated/api/Product.ts';
export type { ProductOffering } from '../../../contracts/generated/api/ProductOffering.ts';
export type { RelatedParty } from '../../../contracts/generated/api/RelatedParty.ts';
export type { ServiceOrder } from '../../../contracts/generated/api/ServiceOrder.ts';
export type { TroubleTicket } from '../../../contracts/generated/api/TroubleTicket.ts';
export type { Characteristic } from '../../../contracts/generated/api/common/Characteristic.ts';
export type { EntityRef } from '../../../contracts/generated/api/common/EntityRef.ts';
export type { Money } from '../../../contracts/generated/api/common/Money.ts';

export type ContactMedium = Customer['contactMedium'][number];
export type ServiceOrderStep = ServiceOrder['milestone'][number];
export type ChargeSummary = NonNullable<Customer360['chargeSummary']>[number];
