-- The hub's own bookkeeping: quarantined rows, sync cursors and runs, and the outbox that the
-- write-back stage (VIP / service level toward the 3 legacy systems) will dispatch from.

CREATE TABLE hub.quarantine (
  id          bigserial PRIMARY KEY,
  point_id    text NOT NULL,
  raw_row     jsonb NOT NULL,
  reasons     jsonb NOT NULL CHECK (jsonb_typeof(reasons) = 'array'),
  received_at timestamptz NOT NULL DEFAULT now(),
  state       text NOT NULL DEFAULT 'open' CHECK (state IN ('open', 'replayed', 'discarded')),
  run_id      text,
  resolved_at timestamptz
);
CREATE INDEX quarantine_point_state ON hub.quarantine (point_id, state, id);
CREATE INDEX quarantine_state ON hub.quarantine (state, id);
CREATE INDEX quarantine_run ON hub.quarantine (run_id);

-- One cursor per stream; it moves only in the transaction that commits the data it covers.
CREATE TABLE hub.sync_state (
  stream     text PRIMARY KEY,
  cursor     jsonb NOT NULL,
  updated_at timestamptz NOT NULL DEFAULT now()
);

CREATE TABLE hub.sync_run (
  id          text PRIMARY KEY DEFAULT gen_random_uuid()::text,
  kind        text NOT NULL,
  state       text NOT NULL CHECK (state IN ('scheduled', 'running', 'done', 'failed')),
  -- What the run covers (a cycle, a stream, a customer), so a resumed run finds its predecessor.
  subject     text,
  created_at  timestamptz NOT NULL DEFAULT now(),
  started_at  timestamptz,
  finished_at timestamptz,
  counts      jsonb NOT NULL DEFAULT '{}'::jsonb,
  error       text
);
CREATE INDEX sync_run_kind ON hub.sync_run (kind, created_at DESC);
CREATE INDEX sync_run_unfinished ON hub.sync_run (kind, subject) WHERE state IN ('scheduled', 'running');

-- Transactional outbox: a change and its event commit together; a dispatcher delivers later.
CREATE TABLE hub.outbox (
  id              bigserial PRIMARY KEY,
  aggregate       text NOT NULL,
  aggregate_id    text NOT NULL,
  event_type      text NOT NULL,
  payload         jsonb NOT NULL,
  created_at      timestamptz NOT NULL DEFAULT now(),
  next_attempt_at timestamptz NOT NULL DEFAULT now(),
  dispatched_at   timestamptz,
  attempts        integer NOT NULL DEFAULT 0,
  last_error      text
);
CREATE INDEX outbox_pending ON hub.outbox (next_attempt_at, id) WHERE dispatched_at IS NULL;
CREATE INDEX outbox_aggregate ON hub.outbox (aggregate, aggregate_id, id);
