-- A customer's former VIP numbers are read by customer (every customer row the API answers, the 360's
-- customer section included); the only index by customer was the partial one of the current number,
-- so each read scanned the whole history table (90,000 rows at province size: ~6 ms per customer).
CREATE INDEX customer_vip_number_customer ON hub.customer_vip_number (customer_id);
