#!/usr/bin/env bash
# Installs (if missing) and starts (if stopped) the two extra server instances the fault-injection
# tests use: a second PostgreSQL cluster "faults" on 5433 and a second RabbitMQ node faults@localhost
# on 5679; also installs HAProxy, which the end-to-end replicas test starts in front of the services.
# Those tests really stop and start these instances (see scripts/fault-nodes.sh), so they are kept
# apart from the shared PostgreSQL on 5432 and RabbitMQ on 5672 that everything else uses; this script
# never stops, restarts or reconfigures the shared ones. Safe to run any number of times: a run that
# finds everything up changes nothing.
#
# FAULT_NODES_DIR (default /var/lib/kollus-fault-nodes) holds the RabbitMQ node's files.
set -euo pipefail

log() { printf '[fault-nodes-up] %s\n' "$*"; }
# shellcheck source=lib/servers.sh
source "$(dirname "${BASH_SOURCE[0]}")/lib/servers.sh"

PG_CLUSTER=faults
PG_PORT=5433
RABBIT_NODE=faults@localhost
RABBIT_PORT=5679
# The shared node's distribution port is 25672; the second node needs one of its own.
RABBIT_DIST_PORT=25679
RABBIT_MAX_MESSAGE_SIZE=1048576
RABBIT_DIR="${FAULT_NODES_DIR:-/var/lib/kollus-fault-nodes}/rabbitmq"

# Writes standard input to $1 (owner $2, group $3, mode $4) unless the file already holds exactly
# that; succeeds only when it wrote, so callers know whether a restart is needed.
write_if_changed() {
  local dest=$1 owner=$2 group=$3 mode=$4 tmp
  tmp=$(mktemp)
  cat >"$tmp"
  if as_root test -f "$dest" && as_root cmp -s "$tmp" "$dest"; then
    rm -f "$tmp"
    return 1
  fi
  # Callers test the status, which turns errexit off in here: fail explicitly.
  as_root install -o "$owner" -g "$group" -m "$mode" "$tmp" "$dest" || { rm -f "$tmp"; log "cannot write $dest"; exit 1; }
  rm -f "$tmp"
}

# --- PostgreSQL --------------------------------------------------------------------------------

PG_VERSION=
pg_ready() { pg_isready -q -h localhost -p "$PG_PORT"; }

configure_postgresql() {
  PG_VERSION=$(ls /etc/postgresql | sort -V | tail -n 1)
  local conf=/etc/postgresql/$PG_VERSION/$PG_CLUSTER changed=0
  if [ ! -d "$conf" ]; then
    log "creating PostgreSQL ${PG_VERSION} cluster ${PG_CLUSTER} on port ${PG_PORT}"
    as_root pg_createcluster "$PG_VERSION" "$PG_CLUSTER" --port "$PG_PORT" >/dev/null
  fi
  # Listen on the loopback address only, as the main cluster does. Nothing else from the main
  # cluster's conf.d is copied: its CI file also pins the port to 5432 and turns autovacuum off,
  # and the faults cluster keeps PostgreSQL's defaults.
  write_if_changed "$conf/conf.d/90-faults.conf" postgres postgres 644 <<SQL && changed=1
# Written by scripts/fault-nodes-up.sh.
listen_addresses = '127.0.0.1'
port = ${PG_PORT}
SQL
  # Client authentication is the main cluster's, so whatever lets the suite log in to 5432 from
  # 127.0.0.1 (on a development machine: trust) lets it log in to 5433 the same way.
  local main_hba=/etc/postgresql/$PG_VERSION/main/pg_hba.conf
  if as_root test -f "$main_hba"; then
    write_if_changed "$conf/pg_hba.conf" postgres postgres 640 < <(as_root cat "$main_hba") && changed=1
  fi
  if [ "$changed" -eq 1 ] && pg_ready; then
    # listen_addresses only takes effect on a restart. This is the faults cluster, never main.
    log "configuration of cluster ${PG_CLUSTER} changed: restarting it"
    as_root pg_ctlcluster --skip-systemctl-redirect "$PG_VERSION" "$PG_CLUSTER" restart -m fast
  fi
}

start_postgresql() {
  if pg_ready; then
    log "PostgreSQL cluster ${PG_CLUSTER} is accepting connections"
    return
  fi
  log "starting PostgreSQL ${PG_VERSION} cluster ${PG_CLUSTER}"
  as_root pg_ctlcluster --skip-systemctl-redirect "$PG_VERSION" "$PG_CLUSTER" start || true
  for _ in $(seq 1 60); do
    pg_ready && return
    sleep 1
  done
  log "PostgreSQL cluster ${PG_CLUSTER} did not become ready on port ${PG_PORT}"; exit 1
}

psql_admin() {
  if [ "$(id -u)" -eq 0 ]; then
    su postgres -c "psql -p ${PG_PORT} -v ON_ERROR_STOP=1 -qAt $*"
  else
    sudo -u postgres psql -p "$PG_PORT" -v ON_ERROR_STOP=1 -qAt "$@"
  fi
}

create_databases() {
  # Demo credentials for a local machine only, the same as the main cluster's.
  psql_admin -d postgres <<'SQL'
SELECT 'CREATE ROLE kollus LOGIN PASSWORD ''kollus''' WHERE NOT EXISTS (SELECT FROM pg_roles WHERE rolname = 'kollus')
\gexec
SQL
  local db
  for db in kollus_faults_player kollus_faults_notifier \
            kollus_e2e_platform kollus_e2e_player kollus_e2e_lms kollus_e2e_notifier \
            kollus_e2e_replicas_platform kollus_e2e_replicas_player kollus_e2e_replicas_lms \
            kollus_e2e_replicas_notifier; do
    psql_admin -d postgres <<SQL
SELECT 'CREATE DATABASE ${db} OWNER kollus' WHERE NOT EXISTS (SELECT FROM pg_database WHERE datname = '${db}')
\gexec
SQL
  done
  log "databases ready"
}

# --- RabbitMQ ----------------------------------------------------------------------------------
#
# The Debian wrappers in /usr/sbin run every RabbitMQ command as the rabbitmq user with
# HOME=/var/lib/rabbitmq, whether they are called by root or through sudo. The node started here and
# the rabbitmqctl calls below therefore share /var/lib/rabbitmq/.erlang.cookie (the shared node's
# cookie too), and no cookie has to be copied or passed around. Every command names the node with
# -n: without it they talk to the shared node (NODENAME in /etc/rabbitmq/rabbitmq-env.conf).

rabbitctl() { as_root rabbitmqctl -n "$RABBIT_NODE" -q "$@"; }
rabbitdiag() { as_root rabbitmq-diagnostics -n "$RABBIT_NODE" -q "$@"; }
rabbit_ping() { rabbitdiag ping >/dev/null 2>&1; }

prepare_rabbitmq_dir() {
  local changed=0
  as_root install -d -m 755 "$(dirname "$RABBIT_DIR")"
  as_root install -d -m 755 "$RABBIT_DIR" "$RABBIT_DIR/mnesia" "$RABBIT_DIR/log"
  # A configuration file of its own: Debian's /etc/rabbitmq/rabbitmq.conf pins the listener to
  # 5672, which the shared node holds. guest stays restricted to loopback connections (the default),
  # which is enough since the tests connect to 127.0.0.1. A message larger than 1 MiB is refused,
  # so that tests can make the broker refuse one message among others (the default is 128 MiB).
  write_if_changed "$RABBIT_DIR/rabbitmq.conf" rabbitmq rabbitmq 644 <<CONF && changed=1
# Written by scripts/fault-nodes-up.sh.
listeners.tcp.1 = 127.0.0.1:${RABBIT_PORT}
max_message_size = ${RABBIT_MAX_MESSAGE_SIZE}
CONF
  # No plugins. Without a list of its own the node would read /etc/rabbitmq/enabled_plugins, the
  # shared node's, and a plugin enabled there (management, say) would try to take the shared
  # node's ports.
  write_if_changed "$RABBIT_DIR/enabled_plugins" rabbitmq rabbitmq 644 <<<'[].' && changed=1
  # The server drops to the rabbitmq user, which must own its database, logs and pid file.
  if [ -n "$(as_root find "$RABBIT_DIR" \( ! -user rabbitmq -o ! -group rabbitmq \) -print -quit)" ]; then
    as_root chown -R rabbitmq:rabbitmq "$RABBIT_DIR"
  fi
  if [ "$changed" -eq 1 ] && rabbit_ping; then
    # The configuration is read at boot only. This stops faults@localhost, never the shared node.
    log "configuration of ${RABBIT_NODE} changed: restarting it"
    rabbitctl stop >/dev/null
    for _ in $(seq 1 30); do
      rabbit_ping || break
      sleep 1
    done
  fi
}

rabbit_booting() { rabbitdiag is_booting --formatter json 2>/dev/null | grep -q '"result":true'; }

start_rabbitmq() {
  if rabbitdiag check_running >/dev/null 2>&1; then
    # Node and application both up, the usual case: skip the slower checks below (every CLI call
    # boots an Erlang VM and costs most of a second).
    :
  elif ! rabbit_ping; then
    log "starting RabbitMQ ${RABBIT_NODE}"
    # RabbitMQ 3.10 accepts the configuration file's name with its .conf extension. env after
    # as_root, because sudo would otherwise drop the variables; the wrapper's su keeps them, and
    # they take precedence over NODENAME in /etc/rabbitmq/rabbitmq-env.conf.
    as_root env RABBITMQ_NODENAME="$RABBIT_NODE" \
      RABBITMQ_DIST_PORT="$RABBIT_DIST_PORT" \
      RABBITMQ_CONFIG_FILE="$RABBIT_DIR/rabbitmq.conf" \
      RABBITMQ_ENABLED_PLUGINS_FILE="$RABBIT_DIR/enabled_plugins" \
      RABBITMQ_MNESIA_BASE="$RABBIT_DIR/mnesia" \
      RABBITMQ_LOG_BASE="$RABBIT_DIR/log" \
      RABBITMQ_PID_FILE="$RABBIT_DIR/pid" \
      rabbitmq-server -detached || true
    # -detached returns before the node is reachable, and await_startup fails (exit 69) until it
    # is: ping first.
    for _ in $(seq 1 90); do
      rabbit_ping && break
      sleep 1
    done
    rabbit_ping || { log "RabbitMQ ${RABBIT_NODE} did not start; see ${RABBIT_DIR}/log"; exit 1; }
    rabbitctl await_startup -t 90 >/dev/null
  elif rabbit_booting; then
    rabbitctl await_startup -t 90 >/dev/null
  else
    # The node is up but its application is stopped: a test ran stop_app and did not start it
    # again. await_startup would just wait for its timeout here.
    log "starting the RabbitMQ application on ${RABBIT_NODE}"
    rabbitctl start_app >/dev/null
    rabbitctl await_startup -t 90 >/dev/null
  fi
  # The application answers before the AMQP listener is up: wait for that too.
  for _ in $(seq 1 60); do
    rabbitdiag check_port_listener "$RABBIT_PORT" >/dev/null 2>&1 && {
      log "RabbitMQ ${RABBIT_NODE} is listening on ${RABBIT_PORT}"; return; }
    sleep 1
  done
  log "RabbitMQ ${RABBIT_NODE} did not open port ${RABBIT_PORT}"; exit 1
}

create_rabbitmq_objects() {
  local vhost
  # kollus-e2e and kollus-e2e-replicas: the end-to-end suites run on these nodes, so that they can
  # restart them for real.
  for vhost in kollus-faults kollus-e2e kollus-e2e-replicas; do
    rabbitctl list_vhosts | grep -qx -- "$vhost" || rabbitctl add_vhost "$vhost"
    rabbitctl set_permissions -p "$vhost" guest '.*' '.*' '.*'
    drop_outdated_queue rabbitctl "$vhost" notifier.events x-single-active-consumer
  done
  log "RabbitMQ virtual hosts ready"
}

# The end-to-end suite runs replicas behind Debian's HAProxy, which it starts itself on 127.0.0.1.
install_haproxy() {
  command -v haproxy >/dev/null 2>&1 && return
  log "installing haproxy"
  as_root apt-get update -q
  as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y -q --no-install-recommends haproxy
}

install_missing
install_haproxy
configure_postgresql
start_postgresql
create_databases
prepare_rabbitmq_dir
start_rabbitmq
create_rabbitmq_objects
log "PostgreSQL ${PG_CLUSTER} cluster on ${PG_PORT}"
log "RabbitMQ ${RABBIT_NODE} on ${RABBIT_PORT}"
