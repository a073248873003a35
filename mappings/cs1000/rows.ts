// The 1000 service's rows as their contracts define them (generated from contracts/legacy/cs1000/).
export type { Vip1000Get112Row, Vip1000Get180Row, Vip1000Get112SoRow, Vip1000Get180SoRow } from '../../contracts/generated/legacy/index.ts';
