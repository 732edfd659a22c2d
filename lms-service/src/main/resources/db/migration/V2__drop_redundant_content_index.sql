-- The unique index (channel_key, media_content_key, client_user_id) already serves lookups by content.
drop index lms_progress_by_content;
