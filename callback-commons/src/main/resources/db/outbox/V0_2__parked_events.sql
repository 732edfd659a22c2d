-- An event the broker refuses on its own (larger than its max_message_size, say) is parked: left out of
-- every claim, so that it can never hold back the events after it, and kept for an operator.
alter table outbox_event add column parked_at timestamptz;

drop index outbox_event_pending;
create index outbox_event_pending on outbox_event (seq) where published_at is null and parked_at is null;
