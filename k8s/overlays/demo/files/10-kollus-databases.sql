-- Creates the role and the four databases of the Kollus Callback Suite (one per service).
-- Run by the postgres image's entrypoint on an empty data directory (docker-entrypoint-initdb.d),
-- and safe to run again by hand: every statement checks first.
-- DEMO credentials (kollus/kollus): a real deployment creates its own role and password.

SELECT 'CREATE ROLE kollus LOGIN PASSWORD ''kollus'''
WHERE NOT EXISTS (SELECT FROM pg_roles WHERE rolname = 'kollus')
\gexec

SELECT format('CREATE DATABASE %I OWNER kollus', db)
FROM unnest(ARRAY['kollus_platform', 'kollus_player', 'kollus_lms', 'kollus_notifier']) AS db
WHERE NOT EXISTS (SELECT FROM pg_database WHERE datname = db)
\gexec
