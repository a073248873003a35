// The 97 system's rows as their contracts define them (generated from contracts/legacy/sys97/).
export type {
  Vip97GetChangeRow,
  VipGetDkhinfoRow,
  VipGetPayinfoRow,
  VipGetServersRow,
  VipGetSosRow,
  VipGetSoinfoRow,
  Vip97SoProcessRow,
  Vip97OnceFeeRow,
  Vip97GetProductRow,
} from '../../contracts/generated/legacy/index.ts';
