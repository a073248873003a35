// Parameter shapes and checks shared by the live routes: billing cycles, the name fragment, and the
// validation problem for combinations a single parameter's schema cannot express.

import { z } from 'zod';
import { ApiProblem, type ValidationIssue } from '../platform/index.ts';

/** YYYYMMDD as the query carries it; validCycle decides the calendar. */
export const CYCLE = z.string().regex(/^\d{8}$/, 'a billing cycle YYYYMMDD');

/** The widest cycle range one live fee call may span: billing reads every cycle of it row by row. */
export const MAX_CYCLE_SPAN_MONTHS = 36;

export function validCycle(cycle: number): boolean {
  const y = Math.floor(cycle / 10000);
  const m = Math.floor(cycle / 100) % 100;
  const d = cycle % 100;
  return y >= 1990 && y <= 2999 && m >= 1 && m <= 12 && d >= 1 && d <= 31;
}

export function monthsBetween(from: number, to: number): number {
  const months = (c: number) => Math.floor(c / 10000) * 12 + (Math.floor(c / 100) % 100);
  return months(to) - months(from);
}

/** The cycle (first day of the month, Shanghai wall clock) that `at` falls in, moved by `deltaMonths`. */
export function cycleOf(at: Date, deltaMonths = 0): number {
  const shanghai = new Date(at.getTime() + 8 * 3_600_000);
  const index = shanghai.getUTCFullYear() * 12 + shanghai.getUTCMonth() + deltaMonths;
  return Math.floor(index / 12) * 10000 + ((index % 12) + 1) * 100 + 1;
}

export function invalid(detail: string, errors: ValidationIssue[]): ApiProblem {
  return new ApiProblem('validation', detail, { errors });
}

export function parseCycle(value: string, path: string): number {
  const cycle = Number(value);
  if (!validCycle(cycle)) throw invalid('The billing cycle is not a date.', [{ path, message: 'a billing cycle YYYYMMDD (month 01-12, day 01-31)' }]);
  return cycle;
}

/** Code points, not UTF-16 units: a Chinese character counts one whatever plane it is on. */
export function codePoints(text: string): number {
  return [...text].length;
}

/** A name fragment: printable, trimmed, 2 to 50 characters (billing's p_user_name is VARCHAR2(50)). */
export const NAME_FRAGMENT = z
  .string()
  .max(200)
  .regex(/^\P{Cc}*$/u, 'printable characters only')
  .refine((s) => codePoints(s.trim()) >= 2, 'at least 2 characters (Chinese characters count one each)')
  .refine((s) => codePoints(s.trim()) <= 50, 'at most 50 characters');
