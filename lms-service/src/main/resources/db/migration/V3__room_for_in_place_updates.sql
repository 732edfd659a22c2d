-- Every snapshot rewrites its learner's progress row and its session's row. Free room on each page lets
-- PostgreSQL write the new version beside the old one without touching the indexes (a HOT update).
alter table lms_progress set (fillfactor = 70);
alter table lms_session set (fillfactor = 70);
