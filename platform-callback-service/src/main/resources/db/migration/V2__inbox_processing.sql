-- Callbacks are acknowledged once stored; the catalog applies accepted ones right after, in arrival order.
alter table callback_inbox add column processed_at timestamptz;

create index callback_inbox_unprocessed on callback_inbox (id) where status = 'ACCEPTED' and processed_at is null;
