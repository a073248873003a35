-- Billing: reference tables, and the three per-cycle tables that a cycle load switches in at once
-- (charges JF-5, call detail records JF-7, top-1000 contracts JF-8). Each of those is partitioned by
-- LIST (billing_cycle), one partition per cycle named <table>_c<cycle>: a load fills a staging table
-- <table>_s<cycle> and one transaction swaps it for the partition (see billing-cycle.repository.ts).
-- There is no default partition: rows reach these tables only through a cycle load.

CREATE TABLE hub.area (
  area_code_id integer PRIMARY KEY,
  area_code    text NOT NULL,
  name         text NOT NULL,
  source_point text NOT NULL,
  confirmed_at timestamptz NOT NULL
);

CREATE TABLE hub.charge_item (
  item_code    text PRIMARY KEY,
  name         text NOT NULL,
  category     text NOT NULL CHECK (category IN ('local_telephone', 'long_distance_telephone', 'telephone_value_added', 'telecom_card', 'data', 'internet_access', 'platform', 'network_elements_interconnection', 'application', 'other')),
  source_point text NOT NULL,
  confirmed_at timestamptz NOT NULL
);

CREATE TABLE hub.private_network (
  manager_number text PRIMARY KEY,
  first_number   text,
  last_number    text,
  name           text,
  source_point   text NOT NULL,
  confirmed_at   timestamptz NOT NULL
);

CREATE TABLE hub.charge (
  service_number text NOT NULL,
  account_number text,
  vip_number     text,
  item_code      text NOT NULL,
  category       text NOT NULL,
  amount         numeric(16, 2) NOT NULL,
  billing_cycle  integer NOT NULL,
  source_point   text NOT NULL,
  confirmed_at   timestamptz NOT NULL,
  PRIMARY KEY (service_number, item_code, billing_cycle)
) PARTITION BY LIST (billing_cycle);
CREATE INDEX charge_account ON hub.charge (account_number);

-- Hundreds of millions of rows: no key, one btree for "a service's calls in a cycle".
CREATE TABLE hub.call_detail_record (
  vip_number       text,
  service_number   text NOT NULL,
  called_number    text,
  call_type        text,
  called_area      text,
  started_at       timestamptz,
  account_number   text,
  duration_seconds bigint,
  amount           numeric(16, 2) NOT NULL,
  billing_cycle    integer NOT NULL,
  source_point     text NOT NULL,
  confirmed_at     timestamptz NOT NULL
) PARTITION BY LIST (billing_cycle);
CREATE INDEX call_detail_record_service ON hub.call_detail_record (service_number, started_at);

CREATE TABLE hub.top_contract (
  account_number text NOT NULL,
  amount         numeric(16, 2) NOT NULL,
  billing_cycle  integer NOT NULL,
  source_point   text NOT NULL,
  confirmed_at   timestamptz NOT NULL,
  PRIMARY KEY (account_number, billing_cycle)
) PARTITION BY LIST (billing_cycle);

-- VIPJF_GET_QF per contract and cycle; a NULL paid_date is an arrear.
CREATE TABLE hub.payment_status (
  account_number text NOT NULL,
  billing_cycle  integer NOT NULL,
  paid_date      date,
  source_point   text NOT NULL,
  confirmed_at   timestamptz NOT NULL,
  updated_at     timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (account_number, billing_cycle)
);
CREATE INDEX payment_status_arrears ON hub.payment_status (account_number, billing_cycle) WHERE paid_date IS NULL;

-- The request-then-load life of a billing cycle. loaded_rows: {table: rows} of the staging tables
-- completely loaded in the current attempt (a resumed load skips them).
CREATE TABLE hub.billing_cycle_load (
  cycle        integer PRIMARY KEY CHECK (cycle BETWEEN 19000101 AND 29991231),
  state        text NOT NULL CHECK (state IN ('requested', 'ready', 'loading', 'switched', 'failed')),
  requested_at timestamptz,
  ready_at     timestamptz,
  loading_at   timestamptz,
  loaded_rows  jsonb NOT NULL DEFAULT '{}'::jsonb,
  switched_at  timestamptz,
  attempts     integer NOT NULL DEFAULT 0,
  last_error   text,
  updated_at   timestamptz NOT NULL DEFAULT now()
);
