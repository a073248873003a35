-- Storage of the simulated 97 system (docs/architecture.md, "Simulator tables").
-- Table names are left unquoted so Oracle-style SQL (`SELECT * FROM VIP97_SO_PROCESS`) works on
-- PostgreSQL, which folds them to lower case. Legacy columns are quoted upper case so a cursor hands
-- out `DKH_CARDID` as Oracle would; lower-case columns are the simulator's own bookkeeping.
-- Types follow the contracts: VARCHAR2(n) -> varchar(n), NUMBER(p,s) -> numeric(p,s), DATE -> timestamp(0).
-- Runs unchanged on PGlite 0.5 (Postgres 17) and PostgreSQL 15.

CREATE TABLE DKH_CUSTOMER (
  "DKH_ID"       numeric(10)  PRIMARY KEY,
  "DKH_CARDID"   varchar(20)  NOT NULL UNIQUE,
  "DKHNAME"      varchar(50),
  "USERTYPE"     varchar(20),
  "EXCH"         varchar(20),
  "BAREA"        varchar(20),
  "CONN_PERSON"  varchar(20),
  "CONN_TELE"    varchar(20),
  "ADDR"         varchar(50),
  "POSTCARD"     varchar(6),
  industry_code  text        NOT NULL,          -- national classification section + division, e.g. J63
  local_network  text        NOT NULL,          -- city (long-distance) code, e.g. 0871
  level          smallint    NOT NULL CHECK (level BETWEEN 1 AND 5),   -- 1..5 = 1A..5A
  tier           text        NOT NULL CHECK (tier IN ('national', 'province', 'city', 'other')),
  status         text        NOT NULL CHECK (status IN ('formal', 'potential', 'churned', 'cancelled')),
  status_time    timestamptz NOT NULL,
  manager        text,                          -- customer manager staff id
  changed_at     timestamptz NOT NULL
);
CREATE INDEX dkh_customer_dkhname_idx ON DKH_CUSTOMER ("DKHNAME");
CREATE INDEX dkh_customer_changed_at_idx ON DKH_CUSTOMER (changed_at);

CREATE TABLE DKH_ACCOUNT (
  "ACCT_NBR"   varchar(20)  PRIMARY KEY,
  "DKH_ID"     numeric(10)  NOT NULL,
  "PAYNAME"    varchar(100),
  "PAYMETH"    varchar(20),
  "BANKNAME"   varchar(100),
  "BANKACCT"   varchar(20),
  "ADDR"       varchar(20),
  "PAYPOSTAL"  varchar(6)
);
CREATE INDEX dkh_account_dkh_id_idx ON DKH_ACCOUNT ("DKH_ID");
CREATE INDEX dkh_account_payname_idx ON DKH_ACCOUNT ("PAYNAME");

CREATE TABLE DKH_SERVICE (
  "SERV97_ID"       numeric(20)  PRIMARY KEY,
  "ACC_CODE"        varchar(20)  NOT NULL UNIQUE,
  "ACCT_NBR"        varchar(20)  NOT NULL,
  "DKH_ID"          numeric(10)  NOT NULL,
  "PERSON"          varchar(10),
  "ACC_SERVTYPE"    varchar(50),
  "ACC_CUSTNAME"    varchar(100),
  "ACC_PARENTNAME"  varchar(100),
  "ACC_SITUATED"    varchar(100),
  "ACC_PAYPOSTAL"   varchar(6),
  "ACC_USEDATE"     timestamp(0),
  serv_level        varchar(10),                -- written by VIP_SET_VIP
  monthly_base      numeric(16,2) NOT NULL      -- the generator's monthly spend basis of this number
);
CREATE INDEX dkh_service_dkh_id_idx ON DKH_SERVICE ("DKH_ID");
CREATE INDEX dkh_service_acct_nbr_idx ON DKH_SERVICE ("ACCT_NBR");

-- Work orders. SO_DATE and the step times are text in the legacy: the formats vary on purpose.
CREATE TABLE SO_ORDER (
  "SO_NBR"        varchar(100) PRIMARY KEY,
  "VIP"           numeric(10)  NOT NULL,        -- the customer id (DKH_ID), as 97-5 labels it
  "SERV_NBR"      varchar(20),
  "ACC_SERVTYPE"  varchar(50),
  "SO_DATE"       varchar(20),
  "CURR_TACHE"    varchar(20),
  finished        boolean      NOT NULL DEFAULT false,
  finished_at     timestamptz
);
CREATE INDEX so_order_vip_idx ON SO_ORDER ("VIP");
CREATE INDEX so_order_serv_nbr_idx ON SO_ORDER ("SERV_NBR");
CREATE INDEX so_order_open_idx ON SO_ORDER ("SO_NBR") WHERE NOT finished;

CREATE TABLE SO_STEP (
  "SO_NBR"      varchar(100) NOT NULL,
  step_no       integer      NOT NULL,
  "WORK_AREA"   varchar(100),
  "WORK_GROUP"  varchar(100),
  "STAFF_NAME"  varchar(100),
  "ENTER_TIME"  varchar(100),
  "OUT_TIME"    varchar(100),
  "SX"          numeric,                        -- step time limit, hours (assumption)
  "TD_TIME"     varchar(100),
  "TD_REASON"   varchar(100),
  PRIMARY KEY ("SO_NBR", step_no)
);

-- 97-7: the work-order processing table (read grant). The source names neither table nor columns:
-- this shape is the project's assumption (one row per order: type, times, status, time used).
CREATE TABLE VIP97_SO_PROCESS (
  "SO_NBR"        varchar(100) PRIMARY KEY,
  "VIP"           numeric(10)  NOT NULL,
  "SERV_NBR"      varchar(20),
  "ACC_SERVTYPE"  varchar(50),
  "SO_TYPE"       varchar(20),                  -- 新装 / 移机 / 变更 / 拆机
  "SO_DATE"       varchar(20),
  "FINISH_DATE"   varchar(20),                  -- NULL while open
  "STS"           varchar(10),                  -- 在途 / 竣工 / 退单
  "SX"            numeric(10,2),                -- total time limit of the order's steps, hours
  "TIME_USED"     numeric(10,2)                 -- hours from acceptance to completion (or now)
);
CREATE INDEX vip97_so_process_vip_idx ON VIP97_SO_PROCESS ("VIP");

-- 97-8: the one-time fee table (read grant) and the source of VIP97_GET_ONCE_FEE. Shape is an assumption.
CREATE TABLE VIP97_ONCE_FEE (
  "FEE_ID"      numeric(12)  PRIMARY KEY,
  "DKH_CARDID"  varchar(20)  NOT NULL,
  "SO_NBR"      varchar(100),
  "ACC_CODE"    varchar(20),
  "FEE_NAME"    varchar(50),
  "AMOUNT"      numeric(16,2) NOT NULL,
  "FEE_DATE"    timestamp(0) NOT NULL
);
CREATE INDEX vip97_once_fee_cardid_idx ON VIP97_ONCE_FEE ("DKH_CARDID");

CREATE TABLE VIP97_PRODUCT (
  "PRODUCTID"  varchar(10) PRIMARY KEY,
  "NAME"       varchar(50),
  "KIND"       varchar(20)
);

-- Every change of a customer, account or service: the source of VIP97_GET_CHANGE.
CREATE TABLE sim_change_log (
  id          bigint GENERATED BY DEFAULT AS IDENTITY PRIMARY KEY,
  dkh_cardid  varchar(20) NOT NULL,
  changed_at  timestamptz NOT NULL
);
CREATE INDEX sim_change_log_changed_at_idx ON sim_change_log (changed_at);


