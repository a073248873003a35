-- Who read whose personal data through the REST API: one row per customer whose unmasked personal
-- fields (id number, bank account, personal phone) an answer disclosed. Append-only by convention;
-- the hub never updates or deletes these rows.

CREATE TABLE hub.audit_log (
  id          bigserial PRIMARY KEY,
  at          timestamptz NOT NULL DEFAULT now(),
  subject     text NOT NULL,
  role        text NOT NULL,
  action      text NOT NULL,
  customer_id text,
  fields      jsonb NOT NULL DEFAULT '[]'::jsonb CHECK (jsonb_typeof(fields) = 'array'),
  request_id  text
);
CREATE INDEX audit_log_customer ON hub.audit_log (customer_id, at);
CREATE INDEX audit_log_subject ON hub.audit_log (subject, at);
