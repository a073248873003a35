-- What legacy read a quarantined row came from (a VIP number, a billing cycle, the open-order sweep),
-- so a replay after a mapping fix knows what to read again.
ALTER TABLE hub.quarantine ADD COLUMN subject text;
CREATE INDEX quarantine_subject ON hub.quarantine (subject) WHERE state = 'open';
