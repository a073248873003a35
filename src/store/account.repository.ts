// Billing accounts (contract numbers) of the customers in the view.

import type { Account } from '../domain/index.ts';
import type { Queryable } from './database.ts';
import { asText, dedupeByKey, meta, upsertRows, type Confirmation, type UpsertSpec } from './upsert.ts';

const SPEC: UpsertSpec = {
  table: 'hub.account',
  key: ['account_number'],
  tracksUpdates: true,
  columns: ['account_number', 'customer_id', 'payer_name', 'pay_method', 'pay_method_legacy', 'bank_name', 'bank_account', 'address', 'postcode', 'source_point', 'confirmed_at'],
};

function fromRow(r: Record<string, unknown>): Account {
  return {
    accountNumber: String(r.account_number), customerId: String(r.customer_id), payerName: asText(r.payer_name),
    payMethod: r.pay_method as Account['payMethod'], payMethodLegacy: asText(r.pay_method_legacy),
    bankName: asText(r.bank_name), bankAccount: asText(r.bank_account), address: asText(r.address), postcode: asText(r.postcode),
  };
}

export class AccountRepository {
  constructor(private readonly q: Queryable) {}

  upsert(accounts: readonly Account[], m: Confirmation): Promise<number> {
    const rows = dedupeByKey(accounts, (a) => a.accountNumber).map((a) => ({
      account_number: a.accountNumber, customer_id: a.customerId, payer_name: a.payerName, pay_method: a.payMethod,
      pay_method_legacy: a.payMethodLegacy, bank_name: a.bankName, bank_account: a.bankAccount, address: a.address,
      postcode: a.postcode, ...meta(m),
    }));
    return upsertRows(this.q, SPEC, rows);
  }

  async get(accountNumber: string): Promise<Account | null> {
    const { rows } = await this.q.query('SELECT * FROM hub.account WHERE account_number = $1', [accountNumber]);
    return rows[0] ? fromRow(rows[0]) : null;
  }

  async listByCustomer(customerId: string): Promise<Account[]> {
    const { rows } = await this.q.query('SELECT * FROM hub.account WHERE customer_id = $1 ORDER BY account_number', [customerId]);
    return rows.map(fromRow);
  }
}
