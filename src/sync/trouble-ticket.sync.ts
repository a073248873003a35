// Faults (112) and complaints (180) of the 1000 system, in two reads:
// - the open sweep (CS-3 + CS-4): every open ticket of every VIP, upserted open. A ticket open in the
//   view that a complete sweep no longer lists is NOT closed here: the open list gives no finish
//   time or satisfaction, and a ticket can also drop out for reasons other than its end (a VIP
//   renumbered under it, a row spoiled in one answer). It stays open, and since the sweep records
//   when it last ran, the finished read knows it "vanished" and goes looking for its completion.
// - the finished read (CS-1 + CS-2) per VIP number and window of report time: for each customer of
//   the view, [cursor − overlap, now) (first run: 90 days back); for a VIP with vanished tickets, the
//   window reaches back to the oldest of them, whatever the cursor says, so a long-open ticket is
//   found once it completes. A completed ticket has the same ticket key as its open version
//   (mappings/cs1000/trouble-ticket.ts), so the upsert turns the open row into the closed one.
// Chunks of VIPs commit one transaction each; the last one moves the cursor with the data it covers
// (compare-and-set, as runChangeSync). A run resumes from its checkpoint (last VIP committed).

import type { Cs1000Port } from '../../adapters/cs1000/cs1000.adapter.ts';
import type { CheckedRow } from '../../adapters/shared/point-caller.ts';
import { mapperFor } from '../../mappings/index.ts';
import type { TroubleTicket } from '../domain/index.ts';
import {
  CustomerRepository,
  QuarantineRepository,
  SyncStateRepository,
  TroubleTicketRepository,
  type Database,
  type NewQuarantineEntry,
  type Tx,
} from '../store/index.ts';
import { splitChecked } from './quarantine-rows.ts';

/**
 * The first finished read reaches back a year and a month: loyalty and satisfaction are judged over a
 * year, and the 1000 service is the only source of that history.
 */
const FIRST_WINDOW_MS = 400 * 86_400_000;

export const CS1000_OPEN_STREAM = 'cs1000.open';
export const CS1000_FINISHED_STREAM = 'cs1000.finished';
const DAY_MS = 86_400_000;
/** Quarantine subjects: replay sweeps the open lists again, or reads one VIP's completed tickets again. */
export const OPEN_TICKETS_SUBJECT = 'sweep:CS-3+CS-4';
export const finishedTicketsSubject = (vip: string): string => `tickets:${vip}`;

type TicketPoint = 'CS-1' | 'CS-2' | 'CS-3' | 'CS-4';

interface MappedTickets {
  tickets: TroubleTicket[];
  rejected: NewQuarantineEntry[];
}

/**
 * Contract check, mapping with a per-row context, and duplicate keys within one read quarantined as
 * mapRows does (the first row of a key is kept).
 */
function mapTickets(
  pointId: TicketPoint,
  rows: readonly CheckedRow<object>[],
  runId: string | null,
  ctxOf: (row: object) => { vipNumber?: string | null; customerId: string | null },
  subject: string,
): MappedTickets {
  const seen = new Set<string>();
  const split = splitChecked(pointId, rows, runId, subject);
  const out: MappedTickets = { tickets: [], rejected: split.rejected };
  const mapper = mapperFor(pointId);
  for (const row of split.good) {
    const mapped = mapper.map(row, ctxOf(row));
    const rawRow = row as Record<string, unknown>;
    if (!mapped.ok) out.rejected.push({ pointId, rawRow, reasons: mapped.reasons, runId, subject });
    else if (seen.has(mapped.value.ticketKey)) {
      out.rejected.push({ pointId, rawRow, runId, subject,
        reasons: [{ code: 'duplicate_key', message: `ticket ${mapped.value.ticketKey} already read in this ${mapper.legacyName} answer` }] });
    } else {
      seen.add(mapped.value.ticketKey);
      out.tickets.push(mapped.value);
    }
  }
  return out;
}

/** VIP number → the customer's id (current or historical number), null when the view has none. One per run. */
function customerCache(db: Database): (vip: string) => Promise<string | null> {
  const cache = new Map<string, Promise<string | null>>();
  return (vip) => {
    let hit = cache.get(vip);
    if (hit === undefined) {
      hit = new CustomerRepository(db).findByVipNumber(vip).then((c) => c?.id ?? null);
      cache.set(vip, hit);
    }
    return hit;
  };
}

export interface OpenTicketSweepCounts {
  faults: number;
  complaints: number;
  /** Open tickets whose VIP number resolves to no customer of the view (kept, customer unknown). */
  unresolved: number;
  /** Open in the view, absent from this sweep: left open for the finished read. */
  vanished: number;
  quarantined: number;
}

export interface OpenSweepCursor {
  /** When the last complete sweep read the open lists: an open ticket confirmed before it has vanished. */
  sweptAt: string;
}

export async function runOpenTicketSweep(
  cs1000: Cs1000Port,
  db: Database,
  options: { runId: string | null; now?: () => Date },
): Promise<OpenTicketSweepCounts> {
  // Taken before the reads: a completion committed meanwhile by the finished read is newer and wins.
  const sweptAt = (options.now ?? (() => new Date()))();
  const [faultRows, complaintRows] = await Promise.all([cs1000.VIP1000_GET_112_SO(), cs1000.VIP1000_GET_180_SO()]);
  const customerOf = customerCache(db);
  const vips = new Set<string>();
  for (const r of [...faultRows, ...complaintRows]) if (r.ok) vips.add(String(r.row.VIP).replace(/ /g, ''));
  const customers = new Map<string, string | null>();
  for (const vip of vips) customers.set(vip, await customerOf(vip));
  const ctxOf = (row: object) => ({ customerId: customers.get(String((row as { VIP?: unknown }).VIP ?? '').replace(/ /g, '')) ?? null });
  const faults = mapTickets('CS-3', faultRows, options.runId, ctxOf, OPEN_TICKETS_SUBJECT);
  const complaints = mapTickets('CS-4', complaintRows, options.runId, ctxOf, OPEN_TICKETS_SUBJECT);

  const vanished = await db.transaction(async (tx) => {
    const repo = new TroubleTicketRepository(tx);
    await repo.upsert(faults.tickets, { sourcePoint: 'CS-3', confirmedAt: sweptAt });
    await repo.upsert(complaints.tickets, { sourcePoint: 'CS-4', confirmedAt: sweptAt });
    await new QuarantineRepository(tx).add([...faults.rejected, ...complaints.rejected]);
    await SyncStateRepository.advanceCursor<OpenSweepCursor>(tx, CS1000_OPEN_STREAM, { sweptAt: sweptAt.toISOString() });
    const { rows } = await tx.query<{ n: number }>(
      `SELECT count(*)::int AS n FROM hub.trouble_ticket WHERE state = 'open' AND confirmed_at < $1`,
      [sweptAt],
    );
    return rows[0]?.n ?? 0;
  });
  const all = [...faults.tickets, ...complaints.tickets];
  return {
    faults: faults.tickets.length,
    complaints: complaints.tickets.length,
    unresolved: all.filter((t) => t.customerId === null).length,
    vanished,
    quarantined: faults.rejected.length + complaints.rejected.length,
  };
}

export interface FinishedCursor {
  /** Report time up to which every completed ticket of the view's VIPs has been read. */
  lastTime: string;
}

export interface FinishedTicketCounts {
  vips: number;
  /** VIPs whose window reached back past the cursor for vanished open tickets. */
  extended: number;
  faults: number;
  complaints: number;
  /** Closed tickets that replaced their open version. */
  closedOpen: number;
  quarantined: number;
}

export interface FinishedCheckpoint {
  until: string;
  since: string;
  startCursor: FinishedCursor | null;
  /** Last VIP number committed, in sorted order. */
  lastDone: string | null;
  counts: FinishedTicketCounts;
}

export interface FinishedTicketOptions {
  runId: string | null;
  now?: () => Date;
  /** VIP numbers read and committed together (default 20). */
  chunkSize?: number;
  /** First run: how far back (default 400 days). */
  firstWindowMs?: number;
  /** Re-read before the cursor: a ticket that opened and ended between two open sweeps (default 1 day). */
  overlapMs?: number;
  checkpoint?: FinishedCheckpoint | null;
  onCheckpoint?: (checkpoint: FinishedCheckpoint) => Promise<void>;
  signal?: AbortSignal;
}

interface Target {
  vip: string;
  customerId: string | null;
  from: Date;
}

/** Every customer's current VIP number, plus the VIP numbers of vanished open tickets reaching back to the oldest. */
async function targets(db: Database, since: Date, lastDone: string | null): Promise<{ list: Target[]; extended: number }> {
  const sweep = await new SyncStateRepository(db).get<OpenSweepCursor>(CS1000_OPEN_STREAM);
  const { rows: customers } = await db.query<{ id: string; vip_number: string }>('SELECT id, vip_number FROM hub.customer');
  const byVip = new Map<string, Target>(customers.map((c) => [c.vip_number, { vip: c.vip_number, customerId: c.id, from: since }]));
  let extended = 0;
  if (sweep) {
    const { rows } = await db.query<{ vip_number: string; customer_id: string | null; oldest: Date }>(
      `SELECT vip_number, min(customer_id) AS customer_id, min(reported_at) AS oldest FROM hub.trouble_ticket
        WHERE state = 'open' AND confirmed_at < $1 AND vip_number IS NOT NULL AND reported_at IS NOT NULL GROUP BY vip_number`,
      [sweep.cursor.sweptAt],
    );
    for (const r of rows) {
      const oldest = new Date(r.oldest);
      const t = byVip.get(r.vip_number) ?? { vip: r.vip_number, customerId: r.customer_id, from: since };
      if (oldest < t.from) {
        t.from = oldest;
        extended += 1;
      }
      byVip.set(r.vip_number, t);
    }
  }
  const list = [...byVip.values()].filter((t) => lastDone === null || t.vip > lastDone).sort((a, b) => (a.vip < b.vip ? -1 : a.vip > b.vip ? 1 : 0));
  return { list, extended };
}

async function startCheckpoint(db: Database, options: FinishedTicketOptions, now: Date): Promise<FinishedCheckpoint> {
  const stored = await new SyncStateRepository(db).get<FinishedCursor>(CS1000_FINISHED_STREAM);
  const startCursor = stored?.cursor ?? null;
  const since = startCursor === null
    ? new Date(now.getTime() - (options.firstWindowMs ?? FIRST_WINDOW_MS))
    : new Date(Date.parse(startCursor.lastTime) - (options.overlapMs ?? DAY_MS));
  return {
    until: now.toISOString(), since: since.toISOString(), startCursor, lastDone: null,
    counts: { vips: 0, extended: 0, faults: 0, complaints: 0, closedOpen: 0, quarantined: 0 },
  };
}

export async function runFinishedTicketSync(cs1000: Cs1000Port, db: Database, options: FinishedTicketOptions): Promise<FinishedTicketCounts> {
  const now = options.now ?? (() => new Date());
  const chunkSize = options.chunkSize ?? 20;
  const cp = options.checkpoint ?? (await startCheckpoint(db, options, now()));
  const until = new Date(cp.until);
  const { list, extended } = await targets(db, new Date(cp.since), cp.lastDone);
  if (cp.lastDone === null) cp.counts.extended = extended;
  const customerOf = customerCache(db);

  const finish = (tx: Tx) =>
    SyncStateRepository.advanceCursor<FinishedCursor>(tx, CS1000_FINISHED_STREAM, { lastTime: cp.until }, { expected: cp.startCursor });
  if (list.length === 0) {
    await db.transaction(finish);
    return cp.counts;
  }
  for (let i = 0; i < list.length; i += chunkSize) {
    options.signal?.throwIfAborted();
    const chunk = list.slice(i, i + chunkSize);
    const confirmedAt = now();
    const reads = await Promise.all(
      chunk.map(async (t) => {
        const from = t.from < until ? t.from : until;
        const [faults, complaints] = await Promise.all([cs1000.VIP1000_GET_112(t.vip, from, until), cs1000.VIP1000_GET_180(t.vip, from, until)]);
        const customerId = t.customerId ?? (await customerOf(t.vip));
        const ctx = () => ({ vipNumber: t.vip, customerId });
        const subject = finishedTicketsSubject(t.vip);
        return { faults: mapTickets('CS-1', faults, options.runId, ctx, subject), complaints: mapTickets('CS-2', complaints, options.runId, ctx, subject) };
      }),
    );
    const faults = reads.flatMap((r) => r.faults.tickets);
    const complaints = reads.flatMap((r) => r.complaints.tickets);
    const rejected = reads.flatMap((r) => [...r.faults.rejected, ...r.complaints.rejected]);
    const last = i + chunkSize >= list.length;
    const closedOpen = await db.transaction(async (tx) => {
      const { rows } = await tx.query<{ n: number }>(
        `SELECT count(*)::int AS n FROM hub.trouble_ticket WHERE state = 'open' AND ticket_key = ANY($1::text[])`,
        [[...faults, ...complaints].map((t) => t.ticketKey)],
      );
      const repo = new TroubleTicketRepository(tx);
      await repo.upsert(faults, { sourcePoint: 'CS-1', confirmedAt });
      await repo.upsert(complaints, { sourcePoint: 'CS-2', confirmedAt });
      await new QuarantineRepository(tx).add(rejected);
      if (last) await finish(tx);
      return rows[0]?.n ?? 0;
    });
    cp.counts.vips += chunk.length;
    cp.counts.faults += faults.length;
    cp.counts.complaints += complaints.length;
    cp.counts.closedOpen += closedOpen;
    cp.counts.quarantined += rejected.length;
    cp.lastDone = chunk[chunk.length - 1]?.vip ?? cp.lastDone;
    if (!last) await options.onCheckpoint?.(cp);
  }
  return cp.counts;
}
