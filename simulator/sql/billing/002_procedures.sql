-- The billing system's procedures and interface views, under their legacy names and parameter names
-- (docs/architecture.md, "Calling convention"). Bulk data is not answered by procedures: the hub asks
-- for a cycle (VIPJF_SET_REQUEST), polls (VIPJF_GET_REQUEST_READY), then reads the interface views,
-- which show only rows of ready cycles. Columns are the legacy ones in upper case, as Oracle answers.
-- Fault hooks as in sys97/002_procedures.sql; the views pass their gate once per scan (an InitPlan).
-- Requires 001_tables.sql and common/sim_runtime.sql.

-- A cycle is ready once its request's ready_at has passed, unless JF-2 is configured neverReady.
-- Used by VIPJF_GET_REQUEST_READY and the views alike, so a poll and a read never disagree.
CREATE OR REPLACE FUNCTION sim_never_ready() RETURNS boolean
LANGUAGE sql STABLE AS $$
  SELECT coalesce((sim_fault_config('JF-2') ->> 'neverReady')::boolean, false)
$$;

CREATE OR REPLACE FUNCTION sim_preparation_interval() RETURNS interval
LANGUAGE sql STABLE AS $$
  SELECT make_interval(secs => coalesce((SELECT value::numeric FROM sim_setting WHERE key = 'preparation_ms'), 0) / 1000.0)
$$;

-- JF-1: accept a request for a cycle that billing has charges for; 1 accepted, 0 refused. A repeated
-- request keeps the first one's schedule (billing is already preparing, or done).
CREATE OR REPLACE PROCEDURE VIPJF_SET_REQUEST(p_cycle numeric, OUT p_result numeric)
LANGUAGE plpgsql AS $$
BEGIN
  PERFORM sim_fault_gate('JF-1');
  IF NOT EXISTS (SELECT 1 FROM bill_fee WHERE "CALLTIME" = p_cycle) THEN
    p_result := 0;
    RETURN;
  END IF;
  INSERT INTO jf_request (cycle, requested_at, ready_at)
  VALUES (p_cycle, clock_timestamp(), clock_timestamp() + sim_preparation_interval())
  ON CONFLICT (cycle) DO NOTHING;
  p_result := 1;
END
$$;

-- JF-2: 1 when the cycle's interface tables are filled, 0 otherwise (also for a cycle never requested).
CREATE OR REPLACE PROCEDURE VIPJF_GET_REQUEST_READY(p_cycle numeric, OUT p_result numeric)
LANGUAGE plpgsql AS $$
BEGIN
  PERFORM sim_fault_gate('JF-2');
  p_result := CASE WHEN NOT sim_never_ready() AND EXISTS (
                SELECT 1 FROM jf_request WHERE cycle = p_cycle AND ready_at <= clock_timestamp())
              THEN 1 ELSE 0 END;
END
$$;

-- JF-5: the key-account fee table, rows of ready cycles only. Read as
-- `SELECT … FROM VIP_FEE WHERE "CALLTIME" = $1`; the predicate reaches bill_fee's index.
-- The cycle tables call the bad-row hook only while bad rows are configured: a plpgsql call per row
-- would make the interface slower than the table a real billing system fills.
CREATE OR REPLACE VIEW VIP_FEE AS
SELECT sim_bad_key(b.kind, f."EQUIPMENTNBR") AS "EQUIPMENTNBR",
       sim_bad_text(b.kind, f."CONTRACTNO", 10) AS "CONTRACTNO",
       f."VIP", f."ITEM", f."COST", f."CALLTIME"
  FROM bill_fee f
  JOIN jf_request r ON r.cycle = f."CALLTIME" AND r.ready_at <= now()
 CROSS JOIN LATERAL (SELECT CASE WHEN (SELECT sim_fault_config('JF-5') ? 'badRows') THEN sim_bad_kind((SELECT sim_fault_config('JF-5')), 'JF-5',
                                         f."EQUIPMENTNBR" || '|' || f."ITEM" || '|' || f."CALLTIME",
                                         ARRAY['overLength', 'badEncoding', 'missingRequired', 'duplicateKey']) END AS kind) b
  JOIN sim_dup d ON d.n = 1 OR b.kind = 'duplicateKey'
 WHERE (SELECT sim_fault_gate('JF-5')) AND NOT (SELECT sim_never_ready());

-- JF-7: call detail records of ready cycles.
CREATE OR REPLACE VIEW CALL_LIST AS
SELECT c."VIP",
       sim_bad_key(b.kind, c."EQUIPMENTNBR") AS "EQUIPMENTNBR",
       sim_bad_text(b.kind, c."CALLNBR", 20) AS "CALLNBR",
       c."CALLTYPE", c."AREACODE", c."STARTTIME", c."CONTRACTNO", c."TIMELONG", c."COST", c."CALLTIME"
  FROM bill_call c
  JOIN jf_request r ON r.cycle = c."CALLTIME" AND r.ready_at <= now()
 CROSS JOIN LATERAL (SELECT CASE WHEN (SELECT sim_fault_config('JF-7') ? 'badRows') THEN sim_bad_kind((SELECT sim_fault_config('JF-7')), 'JF-7',
                                         c."EQUIPMENTNBR" || '|' || c."STARTTIME" || '|' || coalesce(c."CALLNBR", ''),
                                         ARRAY['overLength', 'badEncoding', 'missingRequired', 'duplicateKey']) END AS kind) b
  JOIN sim_dup d ON d.n = 1 OR b.kind = 'duplicateKey'
 WHERE (SELECT sim_fault_gate('JF-7')) AND NOT (SELECT sim_never_ready());

-- JF-8: the top-1000 non-VIP contracts of ready cycles.
CREATE OR REPLACE VIEW TOP1000_FEE AS
SELECT sim_bad_key(b.kind, sim_bad_text(b.kind, t."CONTRACTNO", 15)) AS "CONTRACTNO",
       t."COST", t."CALLTIME"
  FROM bill_top1000 t
  JOIN jf_request r ON r.cycle = t."CALLTIME" AND r.ready_at <= now()
 CROSS JOIN LATERAL (SELECT CASE WHEN (SELECT sim_fault_config('JF-8') ? 'badRows') THEN sim_bad_kind((SELECT sim_fault_config('JF-8')), 'JF-8',
                                         t."CONTRACTNO" || '|' || t."CALLTIME",
                                         ARRAY['overLength', 'badEncoding', 'missingRequired', 'duplicateKey']) END AS kind) b
  JOIN sim_dup d ON d.n = 1 OR b.kind = 'duplicateKey'
 WHERE (SELECT sim_fault_gate('JF-8')) AND NOT (SELECT sim_never_ready());

-- JF-9, JF-10, JF-11 answer the same columns; this builds their cursor over bill_fee whatever the
-- request state (they are real-time queries, not interface tables). p_where picks the rows.
CREATE OR REPLACE FUNCTION sim_fee_cursor(p_cur refcursor, p_point text, p_where text, p_args text[])
RETURNS refcursor LANGUAGE plpgsql AS $$
BEGIN
  OPEN p_cur FOR EXECUTE format($q$
    SELECT sim_bad_key(b.kind, f."EQUIPMENTNBR") AS "EQUIPMENTNBR",
           sim_bad_text(b.kind, f."USERNAME", 50) AS "USERNAME",
           f."CONTRACTNO", f."PAYNAME", f."ITEM", f."COST", f."CALLTIME"
      FROM bill_fee f
     CROSS JOIN LATERAL (SELECT sim_bad_kind($1, %L, f."EQUIPMENTNBR" || '|' || f."ITEM" || '|' || f."CALLTIME",
                                             ARRAY['overLength', 'badEncoding', 'missingRequired', 'duplicateKey']) AS kind) b
      JOIN sim_dup d ON d.n = 1 OR b.kind = 'duplicateKey'
     WHERE %s
     ORDER BY f."CALLTIME", f."EQUIPMENTNBR", f."ITEM", d.n $q$, p_point, p_where)
    USING sim_fault_config(p_point), p_args;
  RETURN p_cur;
END
$$;

-- JF-9: one number's charges over a cycle range.
CREATE OR REPLACE PROCEDURE VIPJF_GET_FEE_BY_ACCNBR(p_acc_nbr varchar, p_from_cycle numeric, p_to_cycle numeric,
                                                    OUT p_cur refcursor)
LANGUAGE plpgsql AS $$
BEGIN
  PERFORM sim_fault_gate('JF-9');
  p_cur := sim_fee_cursor(NULL, 'JF-9',
    'f."EQUIPMENTNBR" = $2[1] AND f."CALLTIME" BETWEEN $2[2]::numeric AND $2[3]::numeric',
    ARRAY[p_acc_nbr, p_from_cycle::text, p_to_cycle::text]);
END
$$;

-- JF-10: one contract's charges over a cycle range.
CREATE OR REPLACE PROCEDURE VIPJF_GET_FEE_BY_CONTRACTNO(p_contract_nbr varchar, p_from_cycle numeric,
                                                        p_to_cycle numeric, OUT p_cur refcursor)
LANGUAGE plpgsql AS $$
BEGIN
  PERFORM sim_fault_gate('JF-10');
  p_cur := sim_fee_cursor(NULL, 'JF-10',
    'f."CONTRACTNO" = $2[1] AND f."CALLTIME" BETWEEN $2[2]::numeric AND $2[3]::numeric',
    ARRAY[p_contract_nbr, p_from_cycle::text, p_to_cycle::text]);
END
$$;

-- JF-11: a cycle's charges whose user name OR payer name contains the fragment ("工行" finds both).
-- strpos, not LIKE: a fragment holding % or _ is matched literally.
CREATE OR REPLACE PROCEDURE VIPJF_GET_FEE_BY_USERNAME(p_user_name varchar, p_cycle numeric, OUT p_cur refcursor)
LANGUAGE plpgsql AS $$
BEGIN
  PERFORM sim_fault_gate('JF-11');
  p_cur := sim_fee_cursor(NULL, 'JF-11',
    'f."CALLTIME" = $2[2]::numeric AND $2[1] <> '''' AND (strpos(f."USERNAME", $2[1]) > 0 OR strpos(f."PAYNAME", $2[1]) > 0)',
    ARRAY[p_user_name, p_cycle::text]);
END
$$;

-- JF-12: the date a contract's bill of a cycle was paid (YYYYMMDD), or -1 while unpaid.
CREATE OR REPLACE PROCEDURE VIPJF_GET_QF(p_contract_nbr varchar, p_cycle numeric, OUT p_result numeric)
LANGUAGE plpgsql AS $$
BEGIN
  PERFORM sim_fault_gate('JF-12');
  p_result := coalesce((SELECT paid_date FROM bill_payment
                         WHERE "CONTRACTNO" = p_contract_nbr AND "CALLTIME" = p_cycle), -1);
END
$$;

-- JF-13: mark a number as a VIP's with a discount plan. 1 done, 0 refused (number unknown to billing).
-- The mark shows in later reads: bill_vip, and the VIP column of the fee and call rows of the number.
CREATE OR REPLACE PROCEDURE VIPJF_SET_VIP(p_acc_nbr varchar, p_vip varchar, p_discount_plan varchar,
                                          OUT p_result numeric)
LANGUAGE plpgsql AS $$
BEGIN
  PERFORM sim_fault_gate('JF-13');
  IF length(p_acc_nbr) > 20 OR length(p_vip) > 20 OR length(p_discount_plan) > 20 THEN
    RAISE EXCEPTION '%', sim_oracle_message('ORA-12899') USING ERRCODE = 'P0001';
  END IF;
  IF p_acc_nbr IS NULL OR NOT (EXISTS (SELECT 1 FROM bill_fee WHERE "EQUIPMENTNBR" = p_acc_nbr)
                               OR EXISTS (SELECT 1 FROM bill_call WHERE "EQUIPMENTNBR" = p_acc_nbr)) THEN
    p_result := 0;
  ELSE
    INSERT INTO bill_vip ("EQUIPMENTNBR", "VIP", discount_plan, set_at)
    VALUES (p_acc_nbr, p_vip, p_discount_plan, now())
    ON CONFLICT ("EQUIPMENTNBR") DO UPDATE
      SET "VIP" = excluded."VIP", discount_plan = excluded.discount_plan, set_at = excluded.set_at;
    UPDATE bill_fee SET "VIP" = p_vip WHERE "EQUIPMENTNBR" = p_acc_nbr;
    UPDATE bill_call SET "VIP" = p_vip WHERE "EQUIPMENTNBR" = p_acc_nbr;
    p_result := 1;
  END IF;
  INSERT INTO sim_write_log (point_id, procedure, args, result)
  VALUES ('JF-13', 'VIPJF_SET_VIP',
          jsonb_build_object('p_acc_nbr', p_acc_nbr, 'p_vip', p_vip, 'p_discount_plan', p_discount_plan),
          p_result::text);
END
$$;
