// Row shapes of the 1000 service's operations, mirroring contracts/legacy/cs1000/*.schema.json.
// Declared here while the generated types (contracts/generated/legacy/cs1000/<NAME>.ts) are not
// committed; the names match the generated ones so the swap is an import change. Times are text
// 'YYYY-MM-DD HH:MM:SS', Asia/Shanghai (the project's assumption for the SOAP service).

/** CS-1 VIP1000_GET_112: completed faults of one VIP (the VIP is the request's, not the row's). */
export interface Vip1000Get112Row {
  AccNbr: string;
  Type?: string | null;
  Staff?: string | null;
  StartTime: string;
  FinishTime: string;
  Description?: string | null;
  Satisfaction?: string | null;
}

/** CS-2 VIP1000_GET_180: completed complaints of one VIP. */
export interface Vip1000Get180Row {
  UserName?: string | null;
  Type?: string | null;
  Staff?: string | null;
  StartTime: string;
  FinishTime: string;
  Description?: string | null;
  Satisfaction?: string | null;
}

/** CS-3 VIP1000_GET_112_SO: open faults of all VIPs. */
export interface Vip1000Get112SoRow {
  VIP: string;
  AccNbr: string;
  Type?: string | null;
  Staff?: string | null;
  StartTime: string;
  Description?: string | null;
}

/** CS-4 VIP1000_GET_180_SO: open complaints of all VIPs. */
export interface Vip1000Get180SoRow {
  VIP: string;
  UserName?: string | null;
  Type?: string | null;
  Staff?: string | null;
  StartTime: string;
  Description?: string | null;
}
