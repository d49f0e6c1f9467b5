#!/bin/sh
# Runs once, when the database is created: a read-only role for Grafana and report writers, which
# may read every table and view the application's migrations create in it (docs/export.md).
set -e
psql -v ON_ERROR_STOP=1 --username "$POSTGRES_USER" --dbname "$POSTGRES_DB" -v reader_password="$KIC_READER_PASSWORD" <<'SQL'
CREATE ROLE kic_reader LOGIN PASSWORD :'reader_password';
GRANT CONNECT ON DATABASE kic TO kic_reader;
GRANT USAGE ON SCHEMA public TO kic_reader;
ALTER DEFAULT PRIVILEGES FOR ROLE kic IN SCHEMA public GRANT SELECT ON TABLES TO kic_reader;
SQL
