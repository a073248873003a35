// A small 1000-system world: two customers, completed and open tickets in and around January 2026,
// Chinese text in every free-text column, and NULL columns where the DDL allows them.

import type { SqlRunner } from '../../../simulator/sql-runner.ts';

export const VIP_A = '1101000001'; // key account, level 1, region 01
export const VIP_B = '2305000002';
export const JANUARY = { StartTime: '2026-01-01 00:00:00', EndTime: '2026-02-01 00:00:00' };

const FAULTS: unknown[][] = [
  // id, VIP, ACCNBR, TYPE, STAFF, STARTTIME, FINISHTIME, DESCRIPTION, SATISFACTION
  [1, VIP_A, '057188000001', '线路中断', '王小明', '2026-01-05 09:15:00', '2026-01-05 13:40:00', '光缆被挖断，已熔接恢复', '满意'],
  [2, VIP_A, '057188000002', '网速慢', '李娜', '2026-01-20 14:00:00', '2026-01-21 10:00:00', null, null],
  // Completed, but starts exactly at the window's end: outside [start, end).
  [3, VIP_A, '057188000001', '线路中断', '王小明', '2026-02-01 00:00:00', '2026-02-01 08:00:00', '二月的故障', '基本满意'],
  [4, VIP_B, '057388000009', '话音故障', '赵强', '2026-01-10 08:00:00', '2026-01-10 09:00:00', '用户话机故障', '非常满意'],
  // Open.
  [5, VIP_A, '057188000002', '网络中断', '陈静', '2026-01-30 22:10:00', null, '机房断电，抢修中', null],
  [6, VIP_B, '057388000009', '专线故障', null, '2026-01-31 07:00:00', null, null, null],
];

const COMPLAINTS: unknown[][] = [
  // id, VIP, USERNAME, TYPE, STAFF, STARTTIME, FINISHTIME, DESCRIPTION, SATISFACTION
  [1, VIP_A, '杭州某某科技有限公司', '服务态度', '刘芳', '2026-01-08 10:00:00', '2026-01-09 16:30:00', '装机人员迟到两小时', '不满意'],
  [2, VIP_B, '宁波港务集团', '计费争议', '周杰', '2026-01-12 11:00:00', '2026-01-15 09:00:00', '十二月话费重复收取', '满意'],
  [3, VIP_A, '杭州某某科技有限公司', '装机延误', '刘芳', '2026-01-29 15:00:00', null, '专线开通超过承诺时限', null],
];

/** Empties the cs1000 tables and loads the rows above (each golden case starts from this state). */
export async function seedCs1000(db: SqlRunner): Promise<void> {
  await db.exec('TRUNCATE cs_fault, cs_complaint, cs_vip, sim_write_log');
  for (const row of FAULTS) {
    await db.query(
      `INSERT INTO cs_fault (id, "VIP", "ACCNBR", "TYPE", "STAFF", "STARTTIME", "FINISHTIME", "DESCRIPTION", "SATISFACTION")
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)`,
      row,
    );
  }
  for (const row of COMPLAINTS) {
    await db.query(
      `INSERT INTO cs_complaint (id, "VIP", "USERNAME", "TYPE", "STAFF", "STARTTIME", "FINISHTIME", "DESCRIPTION", "SATISFACTION")
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)`,
      row,
    );
  }
}
