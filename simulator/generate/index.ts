// The synthetic province: seeded, deterministic, streamed. simulator/province.ts loads it through
// loadProvince(stores, { size, seed }); the CLI (cli.ts) and tests use the rest.
export { loadProvince, createSchema, schemaFiles, type LoadOptions, type LoadResult, type ProvinceTarget, type StoreLike } from './load.ts';
export { pgliteTarget, pgTarget, pgPoolTarget, type LoadTarget } from './load-target.ts';
export {
  DEFAULT_SEED, SIZES, customerRows, defineProvince, provinceRows, sharedRows, tableRows,
  type Province, type ProvinceOptions, type Size, type TableRow,
} from './province.ts';
export { deriveCustomer, type Customer, type GenContext } from './customer.ts';
export { TABLES, TABLE_NAMES, gbkBytes, type Row, type TableName, type System } from './tables.ts';
