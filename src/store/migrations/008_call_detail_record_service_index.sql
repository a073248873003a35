-- A service's calls in a cycle are found by the service number alone and put in time order after:
-- a service makes tens to a few thousand calls a cycle, a sort PostgreSQL does in memory. Without
-- started_at the index deduplicates the service number (PostgreSQL 13+): 24 MB instead of 103 MB for
-- a province cycle of 2.7M call records, and built in two thirds of the time at the end of each load.
DROP INDEX hub.call_detail_record_service;
CREATE INDEX call_detail_record_service ON hub.call_detail_record (service_number);
