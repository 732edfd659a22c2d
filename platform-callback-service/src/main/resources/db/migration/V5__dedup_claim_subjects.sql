-- Each claim names the subject its callback sets (a content's transcoding state, one channel membership, ...),
-- so that accepting another callback of that subject ends it: add, remove, add of one membership is three changes.
-- Claims made before this column existed have none; they keep deduplicating their own key until they expire.
alter table callback_dedup add column subject_key varchar(64);

create index callback_dedup_subject on callback_dedup (subject_key);
