// Replay of quarantined 1000-service rows: the open lists are swept again, and finished tickets are
// read again per VIP — once per replay, however many VIP subjects are open.

import type { Cs1000Port } from '../../adapters/cs1000/cs1000.adapter.ts';
import type { Database } from '../store/index.ts';
import type { SubjectReplayer } from './quarantine-replay.ts';
import { OPEN_TICKETS_SUBJECT, runFinishedTicketSync, runOpenTicketSweep } from './trouble-ticket.sync.ts';

export function ticketReplayers(cs1000: Cs1000Port, db: Database): Record<string, SubjectReplayer> {
  let finished: Promise<unknown> | undefined;
  return {
    [OPEN_TICKETS_SUBJECT]: async (_s, runId) => void (await runOpenTicketSweep(cs1000, db, { runId })),
    tickets: async (_s, runId) => {
      finished ??= runFinishedTicketSync(cs1000, db, { runId });
      await finished;
    },
  };
}
