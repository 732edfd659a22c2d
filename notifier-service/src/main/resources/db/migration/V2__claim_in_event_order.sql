-- Claims walk one endpoint's pending deliveries in id order and stop at the first few eligible ones,
-- however long the backlog; the (endpoint, next_attempt_at) index made every claim sort all of it.
create index delivery_pending_order on delivery (endpoint, id) where status = 'PENDING';
drop index delivery_due;

-- The ordering check of a claim must probe delivery_pending_subject. An index led by status also
-- matched it, and with statistics older than the backlog (autovacuum late or off) the planner chose
-- it and scanned every pending delivery per candidate. The indexes left cannot serve that check.
drop index delivery_by_status;
create index delivery_failed on delivery (endpoint, id) where status = 'FAILED';
create index delivery_retention on delivery (delivered_at) where status = 'DELIVERED';

-- A delivery row is a queue entry: updated when leased and again when it ends. Room left on each page
-- lets the lease update stay on the page without new index entries, and the claims only stay fast
-- while the dead versions are vacuumed away, long before the default 20% of a large table is dead.
alter table delivery set (fillfactor = 70, autovacuum_vacuum_scale_factor = 0.01,
                          autovacuum_analyze_scale_factor = 0.02);
