-- The unified customer view: customers and what hangs off them. Every row that comes from a legacy
-- interface carries the interface point it came from (source_point, e.g. '97-4') and when the hub
-- last saw the legacy confirm it (confirmed_at); updated_at moves only when a value changed.

CREATE SCHEMA IF NOT EXISTS hub;

-- One normalisation for the stored column and for the search term, so they always agree:
-- full-width ASCII to half-width, lower case, no spaces or punctuation (ASCII or Chinese).
CREATE OR REPLACE FUNCTION hub.normalize_name(name text) RETURNS text
  LANGUAGE sql IMMUTABLE PARALLEL SAFE STRICT
AS $fn$
  SELECT lower(regexp_replace(
    translate(name,
      '　！＂＃＄％＆＇（）＊＋，－．／０１２３４５６７８９：；＜＝＞？＠ＡＢＣＤＥＦＧＨＩＪＫＬＭＮＯＰＱＲＳＴＵＶＷＸＹＺ［＼］＾＿｀ａｂｃｄｅｆｇｈｉｊｋｌｍｎｏｐｑｒｓｔｕｖｗｘｙｚ｛｜｝～',
      ' !"#$%&''()*+,-./0123456789:;<=>?@ABCDEFGHIJKLMNOPQRSTUVWXYZ[\]^_`abcdefghijklmnopqrstuvwxyz{|}~'),
    '[[:space:][:punct:]、。，；：？！“”‘’（）【】《》〈〉「」『』·—…]+', '', 'g'))
$fn$;

CREATE TABLE hub.customer (
  id                  text PRIMARY KEY,
  vip_number          text NOT NULL UNIQUE,
  legacy_customer_id  bigint UNIQUE,
  name                text NOT NULL,
  name_normalized     text GENERATED ALWAYS AS (hub.normalize_name(name)) STORED,
  customer_type       text NOT NULL CHECK (customer_type IN ('key_account', 'commercial', 'other')),
  exchange_area       text,
  administrative_area text,
  contact_person      text,
  contact_phone       text,
  address             text,
  postcode            text,
  level               text CHECK (level IN ('1A', '2A', '3A', '4A', '5A')),
  tier                text CHECK (tier IN ('national', 'province', 'city', 'other')),
  service_level       text CHECK (service_level IN ('A', 'AA', 'AAA')),
  industry_section    text,
  region_code         text,
  manager             text,
  status              text NOT NULL CHECK (status IN ('potential', 'formal', 'churned', 'cancelled')),
  status_time         timestamptz,
  source_point        text NOT NULL,
  confirmed_at        timestamptz NOT NULL,
  updated_at          timestamptz NOT NULL DEFAULT now()
);
-- Prefix search works everywhere; substring search gets a trigram index where pg_trgm exists.
CREATE INDEX customer_name_prefix ON hub.customer (name_normalized text_pattern_ops);
CREATE INDEX customer_manager ON hub.customer (manager);
CREATE INDEX customer_exchange_area ON hub.customer (exchange_area);
CREATE INDEX customer_level_tier ON hub.customer (level, tier);

DO $do$
BEGIN
  IF EXISTS (SELECT 1 FROM pg_available_extensions WHERE name = 'pg_trgm') THEN
    CREATE EXTENSION IF NOT EXISTS pg_trgm;
    EXECUTE 'CREATE INDEX customer_name_trgm ON hub.customer USING gin (name_normalized gin_trgm_ops)';
  END IF;
END
$do$;

-- Every VIP number a customer has had (the number changes with level, region or industry).
CREATE TABLE hub.customer_vip_number (
  vip_number  text PRIMARY KEY,
  customer_id text NOT NULL REFERENCES hub.customer (id) ON DELETE CASCADE,
  valid_from  timestamptz NOT NULL,
  valid_to    timestamptz,
  CHECK (valid_to IS NULL OR valid_to >= valid_from)
);
CREATE UNIQUE INDEX customer_vip_number_current ON hub.customer_vip_number (customer_id) WHERE valid_to IS NULL;

CREATE TABLE hub.account (
  account_number     text PRIMARY KEY,
  customer_id        text NOT NULL REFERENCES hub.customer (id),
  payer_name         text,
  pay_method         text NOT NULL CHECK (pay_method IN ('bank_collection', 'cash', 'cheque', 'bank_debit', 'other')),
  pay_method_legacy  text,
  bank_name          text,
  bank_account       text,
  address            text,
  postcode           text,
  source_point       text NOT NULL,
  confirmed_at       timestamptz NOT NULL,
  updated_at         timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX account_customer ON hub.account (customer_id);

-- No foreign key to account: the legacy hands services and accounts out through different calls,
-- and a service may arrive before its account.
CREATE TABLE hub.service (
  service_number      text PRIMARY KEY,
  legacy_service_id   text UNIQUE,
  customer_id         text NOT NULL REFERENCES hub.customer (id),
  account_number      text,
  user_name           text,
  service_type        text NOT NULL CHECK (service_type IN ('fixed_line', 'ddn', 'adsl', 'leased_line', 'mobile', 'isdn', 'frame_relay', 'internet_dedicated', 'other')),
  service_type_legacy text,
  sub_account_name    text,
  parent_name         text,
  install_address     text,
  postcode            text,
  start_date          timestamptz,
  source_point        text NOT NULL,
  confirmed_at        timestamptz NOT NULL,
  updated_at          timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX service_customer ON hub.service (customer_id);
CREATE INDEX service_account ON hub.service (account_number);

CREATE TABLE hub.product (
  product_id   text PRIMARY KEY,
  name         text NOT NULL,
  kind         text,
  source_point text NOT NULL,
  confirmed_at timestamptz NOT NULL,
  updated_at   timestamptz NOT NULL DEFAULT now()
);

CREATE TABLE hub.work_order (
  order_number       text PRIMARY KEY,
  legacy_customer_id bigint,
  customer_id        text REFERENCES hub.customer (id) ON DELETE SET NULL,
  service_number     text,
  service_type       text,
  accepted_at        timestamptz,
  current_step       text,
  state              text NOT NULL CHECK (state IN ('open', 'finished')),
  -- When the hub saw the order leave the legacy's open list (the legacy gives no finish time).
  finished_at        timestamptz,
  -- The open-orders sweep that last listed the order: orders no complete sweep lists are finished.
  last_sweep_id      text,
  source_point       text NOT NULL,
  confirmed_at       timestamptz NOT NULL,
  updated_at         timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX work_order_customer ON hub.work_order (customer_id);
CREATE INDEX work_order_service ON hub.work_order (service_number);
CREATE INDEX work_order_open ON hub.work_order (accepted_at) WHERE state = 'open';

CREATE TABLE hub.work_order_step (
  order_number      text NOT NULL REFERENCES hub.work_order (order_number) ON DELETE CASCADE,
  step_no           integer NOT NULL,
  name              text NOT NULL,
  crew              text,
  staff_name        text,
  entered_at        timestamptz,
  left_at           timestamptz,
  time_limit_hours  numeric(10, 2),
  rejected_at       timestamptz,
  rejection_reason  text,
  source_point      text NOT NULL,
  confirmed_at      timestamptz NOT NULL,
  PRIMARY KEY (order_number, step_no)
);

-- Faults (112) and complaints (180) of the 1000 system.
CREATE TABLE hub.trouble_ticket (
  ticket_key       text PRIMARY KEY,
  kind             text NOT NULL CHECK (kind IN ('fault', 'complaint')),
  state            text NOT NULL CHECK (state IN ('open', 'closed')),
  vip_number       text,
  customer_id      text REFERENCES hub.customer (id) ON DELETE SET NULL,
  service_number   text,
  complainant_name text,
  type             text NOT NULL,
  type_legacy      text,
  staff            text,
  reported_at      timestamptz,
  finished_at      timestamptz,
  description      text,
  satisfaction     text,
  source_point     text NOT NULL,
  confirmed_at     timestamptz NOT NULL,
  updated_at       timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX trouble_ticket_customer ON hub.trouble_ticket (customer_id, reported_at);
CREATE INDEX trouble_ticket_vip ON hub.trouble_ticket (vip_number);
CREATE INDEX trouble_ticket_open ON hub.trouble_ticket (kind, reported_at) WHERE state = 'open';
