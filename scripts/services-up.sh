#!/usr/bin/env bash
# Installs (if missing) and starts (if stopped) PostgreSQL and RabbitMQ on localhost, then creates
# the databases, role and virtual host the suite and its tests use. Safe to run any number of times.
set -euo pipefail

log() { printf '[services-up] %s\n' "$*"; }
# shellcheck source=lib/servers.sh
source "$(dirname "${BASH_SOURCE[0]}")/lib/servers.sh"

start_postgresql() {
  if pg_isready -q -h localhost; then
    log "PostgreSQL is accepting connections"
    return
  fi
  local version
  version=$(ls /etc/postgresql | sort -V | tail -n 1)
  log "starting PostgreSQL ${version}"
  as_root pg_ctlcluster --skip-systemctl-redirect "$version" main start || true
  for _ in $(seq 1 60); do
    pg_isready -q -h localhost && return
    sleep 1
  done
  log "PostgreSQL did not become ready"; exit 1
}

rabbit_ping() { as_root rabbitmq-diagnostics -q ping >/dev/null 2>&1; }

start_rabbitmq() {
  if ! rabbit_ping; then
    log "starting RabbitMQ"
    as_root rabbitmq-server -detached || true
    for _ in $(seq 1 90); do
      rabbit_ping && break
      sleep 1
    done
  fi
  # ping answers before the AMQP listener is up: wait for both.
  as_root rabbitmqctl -q await_startup >/dev/null
  for _ in $(seq 1 60); do
    as_root rabbitmq-diagnostics -q check_port_listener 5672 >/dev/null 2>&1 && { log "RabbitMQ is listening on 5672"; return; }
    sleep 1
  done
  log "RabbitMQ did not open port 5672"; exit 1
}

psql_admin() {
  if [ "$(id -u)" -eq 0 ]; then su postgres -c "psql -v ON_ERROR_STOP=1 -qAt $*"; else sudo -u postgres psql -v ON_ERROR_STOP=1 -qAt "$@"; fi
}

create_databases() {
  # Demo credentials for a local machine only; deployments set QUARKUS_DATASOURCE_* themselves.
  psql_admin -d postgres <<'SQL'
SELECT 'CREATE ROLE kollus LOGIN PASSWORD ''kollus''' WHERE NOT EXISTS (SELECT FROM pg_roles WHERE rolname = 'kollus')
\gexec
SQL
  local db
  for db in kollus_platform kollus_player kollus_lms kollus_notifier \
            kollus_commons_test kollus_platform_test kollus_player_test kollus_lms_test kollus_notifier_test \
            kollus_e2e_platform kollus_e2e_player kollus_e2e_lms kollus_e2e_notifier \
            kollus_console_platform kollus_console_player kollus_console_lms kollus_console_notifier; do
    psql_admin -d postgres <<SQL
SELECT 'CREATE DATABASE ${db} OWNER kollus' WHERE NOT EXISTS (SELECT FROM pg_database WHERE datname = '${db}')
\gexec
SQL
  done
  log "databases ready"
}

rabbitctl_shared() { as_root rabbitmqctl -q "$@"; }

create_rabbitmq_objects() {
  # Tests, end-to-end tests and benchmarks run in virtual hosts of their own so they never touch a
  # running suite's queues, nor each other's.
  local vhost
  for vhost in / kollus-test kollus-bench kollus-e2e kollus-console; do
    as_root rabbitmqctl -q list_vhosts | grep -qx -- "$vhost" || as_root rabbitmqctl -q add_vhost "$vhost"
  done
  as_root rabbitmqctl -q set_permissions -p kollus-test guest '.*' '.*' '.*'
  as_root rabbitmqctl -q set_permissions -p kollus-bench guest '.*' '.*' '.*'
  as_root rabbitmqctl -q set_permissions -p kollus-e2e guest '.*' '.*' '.*'
  as_root rabbitmqctl -q set_permissions -p kollus-console guest '.*' '.*' '.*'
  for vhost in / kollus-test kollus-bench kollus-e2e kollus-console; do
    drop_outdated_queue rabbitctl_shared "$vhost" notifier.events x-single-active-consumer
  done
  log "RabbitMQ virtual hosts ready"
}

install_missing
start_postgresql
start_rabbitmq
create_databases
create_rabbitmq_objects
