-- The 97 system's stored procedures, under their legacy names and parameter names
-- (docs/architecture.md, "Calling convention"): IN parameters, then OUT p_cur (a refcursor whose
-- portal name CALL answers) or OUT p_result. Cursor columns are the legacy columns in upper case,
-- as Oracle hands out unquoted identifiers.
--
-- Every procedure passes its point's error gate first, then spoils rows as sim_fault says
-- (sim_runtime.sql): each cursor names its key column (missingRequired), one text column and its legacy
-- width (overLength, badEncoding) and, where it has one, a text-held date (badDate). Kinds a cursor has
-- no column for are left out of its p_usable list.
-- Requires 001_tables.sql and common/sim_runtime.sql.

-- 97-1: distinct VIP numbers changed after p_last_time (a legacy DATE: Asia/Shanghai wall clock).
CREATE OR REPLACE PROCEDURE VIP97_GET_CHANGE(p_last_time timestamp, OUT p_cur refcursor)
LANGUAGE plpgsql AS $$
DECLARE
  v_cfg jsonb;
BEGIN
  PERFORM sim_fault_gate('97-1');
  v_cfg := sim_fault_config('97-1');
  OPEN p_cur FOR
    SELECT sim_bad_key(b.kind, sim_bad_text(b.kind, c.dkh_cardid::text, 20)) AS "DKH_CARDID"
      FROM (SELECT l.dkh_cardid, min(l.id) AS first_id
              FROM sim_change_log l
             WHERE l.changed_at > (p_last_time AT TIME ZONE 'Asia/Shanghai')
             GROUP BY l.dkh_cardid) c
     CROSS JOIN LATERAL (SELECT sim_bad_kind(v_cfg, '97-1', c.dkh_cardid,
                                             ARRAY['overLength', 'badEncoding', 'missingRequired', 'duplicateKey']) AS kind) b
      JOIN sim_dup d ON d.n = 1 OR b.kind = 'duplicateKey'
     ORDER BY c.first_id, d.n;
END
$$;

-- 97-2: the customer's master data, 0 or 1 row.
CREATE OR REPLACE PROCEDURE VIP_GET_DKHINFO(p_vip varchar, OUT p_cur refcursor)
LANGUAGE plpgsql AS $$
DECLARE
  v_cfg jsonb;
BEGIN
  PERFORM sim_fault_gate('97-2');
  v_cfg := sim_fault_config('97-2');
  OPEN p_cur FOR
    SELECT sim_bad_key(b.kind, c."DKH_CARDID") AS "DKH_CARDID",
           sim_bad_text(b.kind, c."DKHNAME", 50) AS "DKHNAME",
           c."USERTYPE", c."EXCH", c."BAREA", c."CONN_PERSON", c."CONN_TELE", c."ADDR", c."POSTCARD"
      FROM DKH_CUSTOMER c
     CROSS JOIN LATERAL (SELECT sim_bad_kind(v_cfg, '97-2', c."DKH_CARDID",
                                             ARRAY['overLength', 'badEncoding', 'missingRequired', 'duplicateKey']) AS kind) b
      JOIN sim_dup d ON d.n = 1 OR b.kind = 'duplicateKey'
     WHERE c."DKH_CARDID" = p_vip
     ORDER BY d.n;
END
$$;

-- 97-3: the customer's billing accounts.
CREATE OR REPLACE PROCEDURE VIP_GET_PAYINFO(p_vip varchar, OUT p_cur refcursor)
LANGUAGE plpgsql AS $$
DECLARE
  v_cfg jsonb;
BEGIN
  PERFORM sim_fault_gate('97-3');
  v_cfg := sim_fault_config('97-3');
  OPEN p_cur FOR
    SELECT sim_bad_key(b.kind, a."ACCT_NBR") AS "ACCT_NBR",
           sim_bad_text(b.kind, a."PAYNAME", 100) AS "PAYNAME",
           a."PAYMETH", a."BANKNAME", a."BANKACCT", a."ADDR", a."PAYPOSTAL"
      FROM DKH_CUSTOMER c
      JOIN DKH_ACCOUNT a ON a."DKH_ID" = c."DKH_ID"
     CROSS JOIN LATERAL (SELECT sim_bad_kind(v_cfg, '97-3', a."ACCT_NBR",
                                             ARRAY['overLength', 'badEncoding', 'missingRequired', 'duplicateKey']) AS kind) b
      JOIN sim_dup d ON d.n = 1 OR b.kind = 'duplicateKey'
     WHERE c."DKH_CARDID" = p_vip
     ORDER BY a."ACCT_NBR", d.n;
END
$$;

-- 97-4: the customer's services (numbers). ACC_USEDATE is a DATE: no badDate here.
CREATE OR REPLACE PROCEDURE VIP_GET_SERVERS(p_vip varchar, OUT p_cur refcursor)
LANGUAGE plpgsql AS $$
DECLARE
  v_cfg jsonb;
BEGIN
  PERFORM sim_fault_gate('97-4');
  v_cfg := sim_fault_config('97-4');
  OPEN p_cur FOR
    SELECT sim_bad_key(b.kind, s."ACC_CODE") AS "ACC_CODE",
           s."ACCT_NBR", s."SERV97_ID", s."PERSON", s."ACC_SERVTYPE",
           sim_bad_text(b.kind, s."ACC_CUSTNAME", 100) AS "ACC_CUSTNAME",
           s."ACC_PARENTNAME", s."ACC_SITUATED", s."ACC_PAYPOSTAL", s."ACC_USEDATE"
      FROM DKH_CUSTOMER c
      JOIN DKH_SERVICE s ON s."DKH_ID" = c."DKH_ID"
     CROSS JOIN LATERAL (SELECT sim_bad_kind(v_cfg, '97-4', s."ACC_CODE",
                                             ARRAY['overLength', 'badEncoding', 'missingRequired', 'duplicateKey']) AS kind) b
      JOIN sim_dup d ON d.n = 1 OR b.kind = 'duplicateKey'
     WHERE c."DKH_CARDID" = p_vip
     ORDER BY s."ACC_CODE", d.n;
END
$$;

-- 97-5: every open work order. VIP here is the customer id (NUMBER(10)), as the legacy labels it.
CREATE OR REPLACE PROCEDURE VIP_GET_SOS(OUT p_cur refcursor)
LANGUAGE plpgsql AS $$
DECLARE
  v_cfg jsonb;
BEGIN
  PERFORM sim_fault_gate('97-5');
  v_cfg := sim_fault_config('97-5');
  OPEN p_cur FOR
    SELECT o."VIP",
           sim_bad_key(b.kind, o."SO_NBR") AS "SO_NBR",
           o."SERV_NBR",
           sim_bad_text(b.kind, o."ACC_SERVTYPE", 50) AS "ACC_SERVTYPE",
           sim_bad_date(b.kind, o."SO_DATE") AS "SO_DATE",
           o."CURR_TACHE"
      FROM SO_ORDER o
     CROSS JOIN LATERAL (SELECT sim_bad_kind(v_cfg, '97-5', o."SO_NBR",
                                             ARRAY['badDate', 'overLength', 'badEncoding', 'missingRequired', 'duplicateKey']) AS kind) b
      JOIN sim_dup d ON d.n = 1 OR b.kind = 'duplicateKey'
     WHERE NOT o.finished
     ORDER BY o."SO_NBR", d.n;
END
$$;

-- 97-6: the steps of one work order, in order.
CREATE OR REPLACE PROCEDURE VIP_GET_SOINFO(p_so_nbr varchar, OUT p_cur refcursor)
LANGUAGE plpgsql AS $$
DECLARE
  v_cfg jsonb;
BEGIN
  PERFORM sim_fault_gate('97-6');
  v_cfg := sim_fault_config('97-6');
  OPEN p_cur FOR
    SELECT sim_bad_key(b.kind, s."WORK_AREA") AS "WORK_AREA",
           s."WORK_GROUP",
           sim_bad_text(b.kind, s."STAFF_NAME", 100) AS "STAFF_NAME",
           sim_bad_date(b.kind, s."ENTER_TIME") AS "ENTER_TIME",
           s."OUT_TIME", s."SX", s."TD_TIME", s."TD_REASON"
      FROM SO_STEP s
     CROSS JOIN LATERAL (SELECT sim_bad_kind(v_cfg, '97-6', s."SO_NBR" || '#' || s.step_no,
                                             ARRAY['badDate', 'overLength', 'badEncoding', 'missingRequired', 'duplicateKey']) AS kind) b
      JOIN sim_dup d ON d.n = 1 OR b.kind = 'duplicateKey'
     WHERE s."SO_NBR" = p_so_nbr
     ORDER BY s.step_no, d.n;
END
$$;

-- 97-8 (assumed real-time procedure): the customer's one-time fees, newest first.
CREATE OR REPLACE PROCEDURE VIP97_GET_ONCE_FEE(p_vip varchar, OUT p_cur refcursor)
LANGUAGE plpgsql AS $$
DECLARE
  v_cfg jsonb;
BEGIN
  PERFORM sim_fault_gate('97-8');
  v_cfg := sim_fault_config('97-8');
  OPEN p_cur FOR
    SELECT sim_bad_key(b.kind, f."FEE_ID") AS "FEE_ID",
           f."DKH_CARDID", f."SO_NBR", f."ACC_CODE",
           sim_bad_text(b.kind, f."FEE_NAME", 50) AS "FEE_NAME",
           f."AMOUNT", f."FEE_DATE"
      FROM VIP97_ONCE_FEE f
     CROSS JOIN LATERAL (SELECT sim_bad_kind(v_cfg, '97-8', f."FEE_ID"::text,
                                             ARRAY['overLength', 'badEncoding', 'missingRequired', 'duplicateKey']) AS kind) b
      JOIN sim_dup d ON d.n = 1 OR b.kind = 'duplicateKey'
     WHERE f."DKH_CARDID" = p_vip
     ORDER BY f."FEE_DATE" DESC, f."FEE_ID", d.n;
END
$$;

-- 97-9: the product catalogue.
CREATE OR REPLACE PROCEDURE VIP97_GET_PRODUCT(OUT p_cur refcursor)
LANGUAGE plpgsql AS $$
DECLARE
  v_cfg jsonb;
BEGIN
  PERFORM sim_fault_gate('97-9');
  v_cfg := sim_fault_config('97-9');
  OPEN p_cur FOR
    SELECT sim_bad_key(b.kind, p."PRODUCTID") AS "PRODUCTID",
           sim_bad_text(b.kind, p."NAME", 50) AS "NAME",
           p."KIND"
      FROM VIP97_PRODUCT p
     CROSS JOIN LATERAL (SELECT sim_bad_kind(v_cfg, '97-9', p."PRODUCTID",
                                             ARRAY['overLength', 'badEncoding', 'missingRequired', 'duplicateKey']) AS kind) b
      JOIN sim_dup d ON d.n = 1 OR b.kind = 'duplicateKey'
     ORDER BY p."PRODUCTID", d.n;
END
$$;

-- 97-10: mark a number as a VIP's with a service level. 1 done, 0 refused (unknown number, or the VIP
-- number already belongs to another customer). A changed VIP number renumbers the customer (and its
-- one-time fees) and is logged as a change, so reads and VIP97_GET_CHANGE see it. Values wider than the
-- legacy columns fail as Oracle fails an over-wide bind into VARCHAR2(n).
CREATE OR REPLACE PROCEDURE VIP_SET_VIP(p_acc_nbr varchar, p_vip varchar, p_serv_level varchar,
                                        OUT p_result numeric)
LANGUAGE plpgsql AS $$
DECLARE
  v_dkh_id   numeric;
  v_old_vip  varchar;
  v_owner    numeric;
BEGIN
  PERFORM sim_fault_gate('97-10');
  IF length(p_acc_nbr) > 20 OR length(p_vip) > 20 OR length(p_serv_level) > 10 THEN
    RAISE EXCEPTION '%', sim_oracle_message('ORA-12899') USING ERRCODE = 'P0001';
  END IF;
  SELECT s."DKH_ID", c."DKH_CARDID" INTO v_dkh_id, v_old_vip
    FROM DKH_SERVICE s JOIN DKH_CUSTOMER c ON c."DKH_ID" = s."DKH_ID"
   WHERE s."ACC_CODE" = p_acc_nbr;
  SELECT "DKH_ID" INTO v_owner FROM DKH_CUSTOMER WHERE "DKH_CARDID" = p_vip;
  IF v_dkh_id IS NULL OR p_vip IS NULL OR (v_owner IS NOT NULL AND v_owner <> v_dkh_id) THEN
    p_result := 0;
  ELSE
    UPDATE DKH_SERVICE SET serv_level = p_serv_level WHERE "ACC_CODE" = p_acc_nbr;
    IF v_old_vip <> p_vip THEN
      -- The 2nd digit of a VIP number is the customer's level (SAL010030070).
      UPDATE DKH_CUSTOMER
         SET "DKH_CARDID" = p_vip,
             level = CASE WHEN substr(p_vip, 2, 1) BETWEEN '1' AND '5' THEN substr(p_vip, 2, 1)::smallint ELSE level END,
             changed_at = now()
       WHERE "DKH_ID" = v_dkh_id;
      UPDATE VIP97_ONCE_FEE SET "DKH_CARDID" = p_vip WHERE "DKH_CARDID" = v_old_vip;
    END IF;
    INSERT INTO sim_change_log (dkh_cardid, changed_at) VALUES (p_vip, now());
    p_result := 1;
  END IF;
  INSERT INTO sim_write_log (point_id, procedure, args, result)
  VALUES ('97-10', 'VIP_SET_VIP',
          jsonb_build_object('p_acc_nbr', p_acc_nbr, 'p_vip', p_vip, 'p_serv_level', p_serv_level),
          p_result::text);
END
$$;
