-- Fault hooks shared by the procedures and views of every simulated legacy database (sys97, billing,
-- cs1000). Applied after a system's 001_tables.sql and before its 002_procedures.sql, into the same
-- database (PGlite mode) or schema (server mode, through search_path). Runs on PGlite 0.5 (Postgres 17)
-- and PostgreSQL 15.
--
-- The configuration lives in sim_fault (mirrored from the runtime's FaultRegistry) so the same SQL
-- misbehaves the same way in both modes. Latency and hangs are not here: a sleeping statement would
-- block PGlite's single backend for every connection, so the fault proxy applies them on the wire.

CREATE TABLE IF NOT EXISTS sim_fault (
  point_id    text PRIMARY KEY,
  config      jsonb NOT NULL,
  updated_at  timestamptz NOT NULL DEFAULT now()
);

-- errorRate fails a deterministic share of a point's calls (rate 0.5 fails every second call) so a test
-- can count on it. The count is a sequence per point (sim_calls_<point>): nextval survives the
-- rollback the raised error causes, where a counter row would be rolled back with it. The runtime
-- restarts it whenever the point's configuration changes.
CREATE OR REPLACE FUNCTION sim_calls_sequence(p_point text) RETURNS text
LANGUAGE sql IMMUTABLE AS $$
  SELECT 'sim_calls_' || lower(regexp_replace(p_point, '[^A-Za-z0-9]', '_', 'g'))
$$;

-- Runtime knobs the procedures read (billing: preparation_ms).
CREATE TABLE IF NOT EXISTS sim_setting (
  key    text PRIMARY KEY,
  value  text NOT NULL
);

CREATE OR REPLACE FUNCTION sim_fault_config(p_point text) RETURNS jsonb
LANGUAGE sql STABLE AS $$
  SELECT coalesce((SELECT config FROM sim_fault WHERE point_id = p_point), '{}'::jsonb)
$$;

-- The text the legacy Oracle client would show for a code; unknown codes get a generic text so any
-- ORA- code a test sets still reads like Oracle.
CREATE OR REPLACE FUNCTION sim_oracle_message(p_code text) RETURNS text
LANGUAGE sql IMMUTABLE AS $$
  SELECT p_code || ': ' || CASE p_code
    WHEN 'ORA-12541' THEN 'TNS:no listener'
    WHEN 'ORA-12170' THEN 'TNS:Connect timeout occurred'
    WHEN 'ORA-00054' THEN 'resource busy and acquire with NOWAIT specified or timeout expired'
    WHEN 'ORA-03113' THEN 'end-of-file on communication channel'
    WHEN 'ORA-01555' THEN 'snapshot too old: rollback segment number 9 with name "_SYSSMU9$" too small'
    WHEN 'ORA-00942' THEN 'table or view does not exist'
    WHEN 'ORA-06502' THEN 'PL/SQL: numeric or value error'
    WHEN 'ORA-12899' THEN 'value too large for column'
    ELSE 'simulated failure'
  END
$$;

-- Called once per procedure call (or once per view scan): raises the configured Oracle error for the
-- configured share of calls, otherwise answers true. VOLATILE so it is never folded or cached.
CREATE OR REPLACE FUNCTION sim_fault_gate(p_point text) RETURNS boolean
LANGUAGE plpgsql VOLATILE AS $$
DECLARE
  v_rate  numeric := coalesce((sim_fault_config(p_point) ->> 'errorRate')::numeric, 0);
  v_code  text := coalesce(sim_fault_config(p_point) ->> 'errorCode', 'ORA-12541');
  v_seq   text := sim_calls_sequence(p_point);
  v_calls bigint;
BEGIN
  IF v_rate <= 0 THEN
    RETURN true;
  END IF;
  IF to_regclass(v_seq) IS NULL THEN
    EXECUTE format('CREATE SEQUENCE IF NOT EXISTS %I', v_seq);
  END IF;
  v_calls := nextval(v_seq);
  IF floor(v_calls * least(v_rate, 1)) > floor((v_calls - 1) * least(v_rate, 1)) THEN
    RAISE EXCEPTION '%', sim_oracle_message(v_code) USING ERRCODE = 'P0001', HINT = 'simulated fault ' || p_point;
  END IF;
  RETURN true;
END
$$;

-- Which way (if any) one row is spoiled. Deterministic: a hash of the point and the row's key, so the
-- same rows are spoiled on every call while the configuration stays, and a test can reproduce them.
-- Kinds a cursor cannot show (no text date column, say) are passed in p_usable and filtered here.
CREATE OR REPLACE FUNCTION sim_bad_kind(p_cfg jsonb, p_point text, p_key text, p_usable text[])
RETURNS text LANGUAGE plpgsql IMMUTABLE AS $$
DECLARE
  v_rate  numeric;
  v_kinds text[];
  v_hash  bigint;
BEGIN
  IF p_cfg IS NULL OR NOT p_cfg ? 'badRows' THEN
    RETURN NULL;
  END IF;
  v_rate := coalesce((p_cfg #>> '{badRows,rate}')::numeric, 0);
  IF v_rate <= 0 THEN
    RETURN NULL;
  END IF;
  SELECT array_agg(k ORDER BY ord) INTO v_kinds
    FROM jsonb_array_elements_text(coalesce(p_cfg #> '{badRows,kinds}', '[]'::jsonb)) WITH ORDINALITY AS t(k, ord)
   WHERE k = ANY (p_usable);
  IF v_kinds IS NULL THEN
    RETURN NULL;
  END IF;
  v_hash := abs(hashtext(p_point || '|' || coalesce(p_key, '')))::bigint;
  IF v_rate < 1 AND (v_hash % 10000) >= v_rate * 10000 THEN
    RETURN NULL;
  END IF;
  RETURN v_kinds[1 + ((v_hash / 10000) % array_length(v_kinds, 1))::int];
END
$$;

-- missingRequired: the key column comes back NULL.
CREATE OR REPLACE FUNCTION sim_bad_key(p_kind text, p_value anyelement) RETURNS anyelement
LANGUAGE sql IMMUTABLE AS $$
  SELECT CASE WHEN p_kind = 'missingRequired' THEN NULL ELSE p_value END
$$;

-- overLength: longer than the legacy width (the table column is varchar(n), so the cursor widens it by
-- concatenation). badEncoding: GBK/UTF-8 mojibake and a U+FFFD, as a mis-declared charset delivers it.
CREATE OR REPLACE FUNCTION sim_bad_text(p_kind text, p_value text, p_width integer) RETURNS text
LANGUAGE sql IMMUTABLE AS $$
  SELECT CASE p_kind
    WHEN 'overLength' THEN coalesce(p_value, '') || repeat('X', p_width + 1 - least(length(coalesce(p_value, '')), p_width))
    WHEN 'badEncoding' THEN left(coalesce(p_value, ''), 1) || 'ï¿½' || chr(65533) || substr(coalesce(p_value, ''), 2)
    ELSE p_value
  END
$$;

-- badDate: a text-held date no parser accepts (month 13, hour 25).
CREATE OR REPLACE FUNCTION sim_bad_date(p_kind text, p_value text) RETURNS text
LANGUAGE sql IMMUTABLE AS $$
  SELECT CASE WHEN p_kind = 'badDate' THEN '2026-13-45 25:61:00' ELSE p_value END
$$;

-- Rows joined against this repeat once more when their kind is duplicateKey:
-- `JOIN sim_dup d ON d.n = 1 OR bad.kind = 'duplicateKey'`.
CREATE OR REPLACE VIEW sim_dup AS SELECT n FROM (VALUES (1), (2)) AS v(n);

-- Every *_SET_VIP call goes here, refused or not (tests assert the write-backs against it).
CREATE TABLE IF NOT EXISTS sim_write_log (
  id         bigint GENERATED BY DEFAULT AS IDENTITY PRIMARY KEY,
  point_id   text        NOT NULL,
  procedure  text        NOT NULL,
  args       jsonb       NOT NULL,
  result     text,
  called_at  timestamptz NOT NULL DEFAULT now()
);
