-- Storage of the simulated 1000 customer-service system, read only by the simulator's SOAP server.
-- The source gives no field types for the 1000 system: widths here are the project's assumptions
-- (VIP and numbers as in the other systems). Legacy columns quoted upper case, bookkeeping lower case.
-- Runs unchanged on PGlite 0.5 (Postgres 17) and PostgreSQL 15.

-- 112: faults. FinishTime NULL = open.
CREATE TABLE cs_fault (
  id               bigint       PRIMARY KEY,
  "VIP"            varchar(20)  NOT NULL,
  "ACCNBR"         varchar(20)  NOT NULL,
  "TYPE"           varchar(20),
  "STAFF"          varchar(20),
  "STARTTIME"      timestamp(0) NOT NULL,
  "FINISHTIME"     timestamp(0),
  "DESCRIPTION"    varchar(255),
  "SATISFACTION"   varchar(10)                 -- 非常满意 / 满意 / 基本满意 / 不满意; NULL while open
);
CREATE INDEX cs_fault_vip_idx ON cs_fault ("VIP", "STARTTIME");
CREATE INDEX cs_fault_open_idx ON cs_fault ("STARTTIME") WHERE "FINISHTIME" IS NULL;

-- 180: complaints. FinishTime NULL = open.
CREATE TABLE cs_complaint (
  id               bigint       PRIMARY KEY,
  "VIP"            varchar(20)  NOT NULL,
  "USERNAME"       varchar(50),
  "TYPE"           varchar(20),
  "STAFF"          varchar(20),
  "STARTTIME"      timestamp(0) NOT NULL,
  "FINISHTIME"     timestamp(0),
  "DESCRIPTION"    varchar(255),
  "SATISFACTION"   varchar(10)
);
CREATE INDEX cs_complaint_vip_idx ON cs_complaint ("VIP", "STARTTIME");
CREATE INDEX cs_complaint_open_idx ON cs_complaint ("STARTTIME") WHERE "FINISHTIME" IS NULL;

-- CS-5 marks: which number belongs to which VIP with which service level.
CREATE TABLE cs_vip (
  "ACCNBR"    varchar(20) PRIMARY KEY,
  "VIP"       varchar(20),
  serv_level  varchar(10),
  set_at      timestamptz NOT NULL DEFAULT now()
);


