// Code tables that do not depend on customers: AREA (JF-3), ITEM (JF-4), PRIVATE_NET (JF-6) and the
// 97 product catalogue (97-9).

import { LOCAL_NETWORKS, OTHER_AREAS, PROVINCE } from './geo.ts';
import { ITEMS, PRODUCTS } from './items.ts';
import type { Row } from './tables.ts';

export function areaRows(): Row[] {
  const rows: Row[] = LOCAL_NETWORKS.map((n, i): Row => [i + 1, n.code, n.name]);
  OTHER_AREAS.forEach(([code, name], i) => rows.push([101 + i, code, name]));
  return rows;
}

export function itemRows(): Row[] {
  return ITEMS.map((i): Row => [i.code, i.name]);
}

/** Private networks: number ranges of organisations' internal networks within the province. */
export function privateNetRows(): Row[] {
  const owners = ['省政府专网', '省公安专网', '电力调度专网', '工行省分行专网', '建行省分行专网', '省烟草专网', '铁路调度专网', '省教育专网'];
  const rows: Row[] = [];
  LOCAL_NETWORKS.slice(0, 4).forEach((net, n) => {
    owners.forEach((owner, o) => {
      const begin = 60_000_000 + (n * owners.length + o) * 10_000;
      rows.push([`PN${String(n * owners.length + o + 1).padStart(4, '0')}`, `${net.code}${begin}`, `${net.code}${begin + 9_999}`,
        n === 0 ? `${PROVINCE.short}${owner}` : `${net.name}${owner}`]);
    });
  });
  return rows;
}

export function productRows(): Row[] {
  return PRODUCTS.map(([id, name, kind]): Row => [id, name, kind]);
}
