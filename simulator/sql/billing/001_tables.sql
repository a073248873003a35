-- Storage of the simulated billing system (docs/architecture.md, "Simulator tables").
-- Table names unquoted (Oracle-style SQL works, PostgreSQL folds them); legacy columns quoted upper
-- case, as Oracle answers them (`ConTractNo` -> "CONTRACTNO"); lower-case columns are bookkeeping.
-- Widths are the legacy ones, which differ per table on purpose (ConTractNo 10 in fee tables, 15 in
-- CALL_LIST / top-1000; EquipmentNbr 14 in fee tables, 20 in CALL_LIST).
-- Runs unchanged on PGlite 0.5 (Postgres 17) and PostgreSQL 15.

-- JF-3
CREATE TABLE AREA (
  "AREACODEID"  numeric(16) PRIMARY KEY,
  "AREACODE"    varchar(11),
  "AREANAME"    varchar(20)
);

-- JF-4
CREATE TABLE ITEM (
  "ITEM"  varchar(4) PRIMARY KEY,
  "NAME"  varchar(80)
);

-- JF-6
CREATE TABLE PRIVATE_NET (
  "MANAGERNO"  varchar(10) PRIMARY KEY,
  "BEGINGNO"   varchar(15),
  "ENDNO"      varchar(15),
  "NAME"       varchar(20)
);

-- Every charge of every cycle. The source keys JF-5 on EquipmentNbr alone, which cannot hold several
-- items or cycles: the simulator keys on (EquipmentNbr, Item, CallTime).
CREATE TABLE bill_fee (
  "EQUIPMENTNBR"  varchar(14)   NOT NULL,
  "CONTRACTNO"    varchar(10)   NOT NULL,
  "VIP"           varchar(20),
  "ITEM"          varchar(4)    NOT NULL,
  "COST"          numeric(16,2) NOT NULL,
  "CALLTIME"      numeric(8)    NOT NULL,
  "USERNAME"      varchar(50),
  "PAYNAME"       varchar(50),
  PRIMARY KEY ("EQUIPMENTNBR", "ITEM", "CALLTIME")
);
CREATE INDEX bill_fee_calltime_idx ON bill_fee ("CALLTIME");
CREATE INDEX bill_fee_contractno_idx ON bill_fee ("CONTRACTNO", "CALLTIME");
CREATE INDEX bill_fee_vip_idx ON bill_fee ("VIP");
CREATE INDEX bill_fee_username_idx ON bill_fee ("USERNAME");
CREATE INDEX bill_fee_payname_idx ON bill_fee ("PAYNAME");

-- Call detail records (columns of CALL_LIST, JF-7). No natural key exists in the legacy shape.
CREATE TABLE bill_call (
  "VIP"           varchar(20),
  "EQUIPMENTNBR"  varchar(20)   NOT NULL,
  "CALLNBR"       varchar(20),
  "CALLTYPE"      varchar(5),
  "AREACODE"      varchar(16),
  "STARTTIME"     timestamp(0)  NOT NULL,
  "CONTRACTNO"    varchar(15),
  "TIMELONG"      numeric(10),                 -- seconds (assumption)
  "COST"          numeric(16,2),
  "CALLTIME"      numeric(8)    NOT NULL
);
CREATE INDEX bill_call_calltime_idx ON bill_call ("CALLTIME");

-- Top-1000 contracts per cycle that do NOT belong to key accounts (columns of TOP1000_FEE, JF-8).
CREATE TABLE bill_top1000 (
  "CONTRACTNO"  varchar(15)   NOT NULL,
  "COST"        numeric(16,2) NOT NULL,
  "CALLTIME"    numeric(8)    NOT NULL,
  PRIMARY KEY ("CALLTIME", "CONTRACTNO")
);

-- Payment of a contract's bill of a cycle; paid_date NULL = unpaid (arrears). Source of VIPJF_GET_QF.
CREATE TABLE bill_payment (
  "CONTRACTNO"  varchar(10) NOT NULL,
  "CALLTIME"    numeric(8)  NOT NULL,
  paid_date     numeric(8),
  PRIMARY KEY ("CONTRACTNO", "CALLTIME")
);

-- The billing side's VIP marks (JF-13 writes them).
CREATE TABLE bill_vip (
  "EQUIPMENTNBR"  varchar(20) PRIMARY KEY,
  "VIP"           varchar(20),
  discount_plan   varchar(20),
  set_at          timestamptz NOT NULL DEFAULT now()
);

-- Interface-table requests (JF-1/JF-2): a cycle is ready once ready_at has passed.
CREATE TABLE jf_request (
  cycle         numeric(8)  PRIMARY KEY,
  requested_at  timestamptz NOT NULL,
  ready_at      timestamptz
);


