#!/usr/bin/env bash
# Stops or starts, for real, one of the instances scripts/fault-nodes-up.sh brings up for the
# fault-injection tests:
#
#   fault-nodes.sh rabbitmq   stop|start   the application on node faults@localhost (AMQP on 5679)
#   fault-nodes.sh postgresql stop|start   PostgreSQL cluster "faults" (port 5433)
#
# Both are idempotent: stopping a stopped instance or starting a started one succeeds. start returns
# once the instance accepts connections again. Only the faults instances are ever touched, never
# the shared PostgreSQL on 5432 or RabbitMQ on 5672. Exits non-zero, with a message, on failure.
set -euo pipefail

log() { printf '[fault-nodes] %s\n' "$*"; }
fail() { log "$*" >&2; exit 1; }

as_root() {
  if [ "$(id -u)" -eq 0 ]; then "$@"; else sudo "$@"; fi
}

usage() { fail "usage: $0 rabbitmq|postgresql stop|start"; }

PG_CLUSTER=faults
PG_PORT=5433
RABBIT_NODE=faults@localhost
RABBIT_PORT=5679

# A plain TCP connect: instant, where a rabbitmq-diagnostics call boots an Erlang VM first.
port_open() { (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null; }

# --- RabbitMQ ----------------------------------------------------------------------------------
#
# stop_app/start_app stop and start the broker inside the running Erlang node: clients see the
# connection drop and the port refuse connections, exactly as with a broker outage, and the node
# stays reachable by rabbitmqctl so it can be started again. Every command names the node with -n;
# without it rabbitmqctl would act on the shared node.

rabbitctl() { as_root rabbitmqctl -n "$RABBIT_NODE" -q "$@"; }
rabbit_ping() { as_root rabbitmq-diagnostics -n "$RABBIT_NODE" -q ping >/dev/null 2>&1; }

rabbitmq() {
  case "$1" in
    stop)
      if ! rabbit_ping; then
        port_open "$RABBIT_PORT" && fail "port ${RABBIT_PORT} is open but node ${RABBIT_NODE} does not answer"
        log "RabbitMQ ${RABBIT_NODE} is not running"
        return
      fi
      rabbitctl stop_app >/dev/null || fail "rabbitmqctl stop_app failed on ${RABBIT_NODE}"
      for _ in $(seq 1 30); do
        port_open "$RABBIT_PORT" || { log "RabbitMQ ${RABBIT_NODE} stopped"; return; }
        sleep 1
      done
      fail "RabbitMQ ${RABBIT_NODE} still accepts connections on ${RABBIT_PORT}"
      ;;
    start)
      rabbit_ping || fail "node ${RABBIT_NODE} is not running: run scripts/fault-nodes-up.sh"
      # start_app returns at once when the application is already running.
      rabbitctl start_app >/dev/null || fail "rabbitmqctl start_app failed on ${RABBIT_NODE}"
      for _ in $(seq 1 60); do
        port_open "$RABBIT_PORT" && { log "RabbitMQ ${RABBIT_NODE} is listening on ${RABBIT_PORT}"; return; }
        sleep 1
      done
      fail "RabbitMQ ${RABBIT_NODE} did not open port ${RABBIT_PORT}"
      ;;
    *) usage ;;
  esac
}

# --- PostgreSQL --------------------------------------------------------------------------------

pg_ready() { pg_isready -q -h localhost -p "$PG_PORT"; }

postgresql() {
  local version
  version=$(ls /etc/postgresql 2>/dev/null | sort -V | tail -n 1)
  [ -n "$version" ] && [ -d "/etc/postgresql/$version/$PG_CLUSTER" ] \
    || fail "PostgreSQL cluster ${PG_CLUSTER} does not exist: run scripts/fault-nodes-up.sh"
  case "$1" in
    stop)
      # pg_ctlcluster status exits 3 when the cluster is down, and stop fails on a stopped cluster.
      if ! as_root pg_ctlcluster "$version" "$PG_CLUSTER" status >/dev/null 2>&1; then
        log "PostgreSQL cluster ${PG_CLUSTER} is not running"
        return
      fi
      # fast: disconnect the clients and shut down now, as a crashed or restarted server would.
      as_root pg_ctlcluster --skip-systemctl-redirect "$version" "$PG_CLUSTER" stop -m fast \
        || fail "pg_ctlcluster could not stop cluster ${PG_CLUSTER}"
      pg_ready && fail "port ${PG_PORT} still accepts connections after stopping cluster ${PG_CLUSTER}"
      log "PostgreSQL cluster ${PG_CLUSTER} stopped"
      ;;
    start)
      if ! pg_ready; then
        # Fails when the cluster is already starting; the wait below decides.
        as_root pg_ctlcluster --skip-systemctl-redirect "$version" "$PG_CLUSTER" start || true
      fi
      for _ in $(seq 1 60); do
        pg_ready && { log "PostgreSQL cluster ${PG_CLUSTER} is accepting connections on ${PG_PORT}"; return; }
        sleep 1
      done
      fail "PostgreSQL cluster ${PG_CLUSTER} did not become ready on port ${PG_PORT}"
      ;;
    *) usage ;;
  esac
}

[ $# -eq 2 ] || usage
case "$1" in
  rabbitmq) rabbitmq "$2" ;;
  postgresql) postgresql "$2" ;;
  *) usage ;;
esac
