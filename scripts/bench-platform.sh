#!/usr/bin/env bash
# Builds and benchmarks platform-callback-service against a PostgreSQL one-insert-per-commit reference (pgbench) and prints a summary.
#
# Env overrides: RATE (1000 req/s), DURATION (30 s), WARMUP (10 s), MAX_DURATION (20 s), MAX_WARMUP (5 s),
# PGBENCH_DURATION (15 s), CONNECTIONS (64, rate mode), WORKERS (32, max mode), MIX, DUPLICATE_RATIO (0.1),
# VACUUM_INTERVAL (15 s; 0: none), PORT.
set -euo pipefail

RATE=${RATE:-1000}
DURATION=${DURATION:-30}
WARMUP=${WARMUP:-10}
MAX_DURATION=${MAX_DURATION:-20}
MAX_WARMUP=${MAX_WARMUP:-5}
PGBENCH_DURATION=${PGBENCH_DURATION:-15}
CONNECTIONS=${CONNECTIONS:-64}
WORKERS=${WORKERS:-32}
MIX=${MIX:-upload=30,transcoding=30,content-update=10,channel-add=20,channel-remove=10}
DUPLICATE_RATIO=${DUPLICATE_RATIO:-0.1}
VACUUM_INTERVAL=${VACUUM_INTERVAL:-15}
# The catalog reads a batch's rows with one query per table, which needs the statistics autovacuum keeps.
VACUUM_TABLES="content, channel_membership, callback_inbox, callback_dedup, outbox_event"

DB=kollus_platform_bench
TOKEN=bench-token
ACCOUNT=bench-account

root=$(cd "$(dirname "$0")/.." && pwd)
cd "$root"
source scripts/lib/pgbench-reference.sh
source scripts/lib/bench-service.sh
jar=platform-callback-service/target/quarkus-app/quarkus-run.jar
work=$(mktemp -d -t bench-platform.XXXXXX)
service_pid=
vacuum_pid=

log() { printf '[bench-platform] %s\n' "$*"; }

cleanup() {
  stop_vacuuming
  stop_service
  psql_bench -c "drop table if exists $PGBENCH_REFERENCE_TABLE" 2>/dev/null || true
}
trap cleanup EXIT
trap 'exit 130' INT TERM

start_service() {
  port=$(free_port 18081)
  log "starting the service on port $port (log: $work/service.log)"
  QUARKUS_HTTP_PORT=$port \
  QUARKUS_DATASOURCE_JDBC_URL=jdbc:postgresql://localhost:5432/$DB \
  RABBITMQ_VIRTUAL_HOST=kollus-bench \
  ADMIN_API_TOKEN=bench-admin \
  KOLLUS_CALLBACK_TOKEN=$TOKEN \
  KOLLUS_SERVICE_ACCOUNT_KEY=$ACCOUNT \
  QUARKUS_HTTP_ACCESS_LOG_ENABLED=false \
    java -jar "$jar" >"$work/service.log" 2>&1 &
  service_pid=$!
  await_ready
}

# Runs the load generator; its exit status is kept, so that the summary is printed either way.
run_load() {
  local name=$1; shift
  log "load: $name"
  local status=0
  java bench/CallbackLoad.java --target platform --url "http://localhost:$port" --token "$TOKEN" \
    --account "$ACCOUNT" --mix "$MIX" --duplicate-ratio "$DUPLICATE_RATIO" "$@" | tee "$work/$name.out" || status=$?
  [ "$status" -eq 0 ] || { log "$name run reported failures (exit $status)"; failed=1; }
}

row() {
  local name=$1 label=$2 throughput ratio
  throughput=$(field "$name" throughput)
  ratio=$(awk -v a="${throughput:-0}" -v b="${pgbench_tps:-0}" 'BEGIN { if (b > 0) printf "%.2f", a / b; else print "-" }')
  printf '| %s | %s | %s | %s | %s | %s | %s | %s | %s |\n' "$label" "${throughput:--}" "$(field "$name" p50)" \
    "$(field "$name" p99)" "$(field "$name" p999)" "$(field "$name" non200)" "$(field "$name" 5xx)" \
    "$(field "$name" errors)" "$ratio"
}

bash scripts/services-up.sh
ensure_database
fresh_virtual_host
log "building the fast-jar"
mvn -B -q -DskipTests package -pl platform-callback-service -am
pgbench_bin=$(find_pgbench)
start_service

failed=0
run_pgbench_reference "$pgbench_bin" "$DB" "$work" "$PGBENCH_DURATION"
start_vacuuming
run_load rate --rate "$RATE" --duration "$DURATION" --warmup "$WARMUP" --connections "$CONNECTIONS"
run_load max --max --duration "$MAX_DURATION" --warmup "$MAX_WARMUP" --workers "$WORKERS"

echo
echo "## platform-callback-service benchmark"
echo
echo "Machine: $(nproc) CPUs, $(free -h | awk '/^Mem:/ {print $2 " RAM (" $7 " available)"}'), $(java -version 2>&1 | head -n 1)"
echo
echo "| run | throughput (/s) | p50 ms | p99 ms | p99.9 ms | non-200 | 5xx | errors | / pgbench tps |"
echo "|---|---|---|---|---|---|---|---|---|"
printf '| pgbench INSERT+commit, 16 clients | %s | | | | | | | (reference) |\n' "${pgbench_tps:--}"
row rate "service at ${RATE}/s, ${DURATION} s"
row max "service max, ${WORKERS} workers, ${MAX_DURATION} s"
echo
echo "Vacuum: $vacuuming ($(vacuum_runs) runs)."
# Answers come before the catalog applies a callback: show how far behind the catalog ran.
curl -fs "http://localhost:$port/q/metrics" | awk '
  /^kollus_platform_callback_processing_lag_seconds_sum/ {sum = $2}
  /^kollus_platform_callback_processing_lag_seconds_count/ {count = $2}
  /^kollus_platform_callback_processing_lag_seconds_max/ {max = $2}
  END { if (count > 0) printf "Catalog lag over both runs: %d callbacks applied, mean %.1f ms, max of the last minutes %.1f ms\n", count, sum / count * 1000, max * 1000 }'
exit "$failed"
