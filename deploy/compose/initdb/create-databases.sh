#!/bin/sh
# Runs once, when the postgres container starts on an empty volume: one login role and one database per service,
# the role owning its database (Flyway creates the schema, the gateway's migration creates the trusted extension
# unaccent, both as owner). No other role may connect to it, so no service reads another's tables.
set -eu

create_service_database() {
    # $1 = role and database name, $2 = the role's password; psql quotes both (:"…" identifier, :'…' literal).
    psql --set ON_ERROR_STOP=1 --username "$POSTGRES_USER" --dbname postgres \
        --set name="$1" --set password="$2" <<'SQL'
CREATE ROLE :"name" LOGIN PASSWORD :'password';
CREATE DATABASE :"name" OWNER :"name";
REVOKE ALL ON DATABASE :"name" FROM PUBLIC;
SQL
}

create_service_database newswatch_collector "$COLLECTOR_DB_PASSWORD"
create_service_database newswatch_alert "$ALERT_DB_PASSWORD"
create_service_database newswatch_gateway "$GATEWAY_DB_PASSWORD"
