-- Newest-first listings read the primary key backwards; a second index on id only cost every insert.
drop index callback_inbox_newest;
