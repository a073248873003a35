// The 97 system's product catalogue (97-9), replaced whole on each read.

import type { Product } from '../domain/index.ts';
import { withTransaction, type Queryable } from './database.ts';
import { asText, dedupeByKey, meta, upsertRows, type Confirmation, type UpsertSpec } from './upsert.ts';

const SPEC: UpsertSpec = {
  table: 'hub.product',
  key: ['product_id'],
  tracksUpdates: true,
  columns: ['product_id', 'name', 'kind', 'source_point', 'confirmed_at'],
};

export class ProductRepository {
  constructor(private readonly q: Queryable) {}

  upsert(products: readonly Product[], m: Confirmation): Promise<number> {
    const rows = dedupeByKey(products, (p) => p.productId).map((p) => ({ product_id: p.productId, name: p.name, kind: p.kind, ...meta(m) }));
    return upsertRows(this.q, SPEC, rows);
  }

  /** The catalogue as the legacy lists it now: products it no longer lists are removed. */
  replaceAll(products: readonly Product[], m: Confirmation): Promise<number> {
    return withTransaction(this.q, async (tx) => {
      await new ProductRepository(tx).upsert(products, m);
      await tx.query('DELETE FROM hub.product WHERE product_id <> ALL($1::text[])', [products.map((p) => p.productId)]);
      return products.length;
    });
  }

  async list(): Promise<Product[]> {
    const { rows } = await this.q.query('SELECT * FROM hub.product ORDER BY product_id');
    return rows.map((r) => ({ productId: String(r.product_id), name: String(r.name), kind: asText(r.kind) }));
  }
}
