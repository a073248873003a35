export * from './customer.ts';
export * from './account.ts';
export * from './service.ts';
export * from './work-order.ts';
export * from './billing.ts';
export * from './trouble-ticket.ts';
export * from './quarantine.ts';
