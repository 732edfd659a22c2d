#!/usr/bin/env bash
# Builds and benchmarks notifier-service end to end: events published on kollus.events, one webhook endpoint served
# by the load generator's own HTTP server; PostgreSQL's single-insert throughput (pgbench) measured in the same run.
#
# Env overrides: RATE (500 events/s) and DURATION (30 s) of the latency phase, SUSTAINED_RATE (2000 events/s) and
# SUSTAINED_DURATION (30 s) of the sustained phase, MAX_EVENTS (60000) of the backlog phase, WARMUP_EVENTS (40000: the service's JIT compiles for a good minute), SUBJECTS (1000 media content keys the
# events cycle through), MAX_IN_FLIGHT (64, the endpoint's NOTIFIER_WEBHOOKS_<NAME>_MAX_IN_FLIGHT: one endpoint's
# throughput is at most its in-flight limit divided by the receiver's latency), PGBENCH_SECONDS (10),
# VACUUM_INTERVAL (30 s; 0: none), PORT.
set -euo pipefail

RATE=${RATE:-500}
DURATION=${DURATION:-30}
SUSTAINED_RATE=${SUSTAINED_RATE:-2000}
SUSTAINED_DURATION=${SUSTAINED_DURATION:-30}
MAX_EVENTS=${MAX_EVENTS:-60000}
WARMUP_EVENTS=${WARMUP_EVENTS:-40000}
SUBJECTS=${SUBJECTS:-1000}
MAX_IN_FLIGHT=${MAX_IN_FLIGHT:-64}
PGBENCH_SECONDS=${PGBENCH_SECONDS:-10}
VACUUM_INTERVAL=${VACUUM_INTERVAL:-30}

DB=kollus_notifier_bench
VACUUM_TABLES="delivery, delivery_attempt, processed_event"
VHOST=kollus-bench
ADMIN_TOKEN=bench-admin

root=$(cd "$(dirname "$0")/.." && pwd)
cd "$root"
module=notifier-service
jar=$module/target/quarkus-app/quarkus-run.jar
source scripts/lib/bench-service.sh
source scripts/lib/pgbench-reference.sh
work=$(mktemp -d -t bench-notifier.XXXXXX)
service_pid=
vacuum_pid=

log() { printf '[bench-notifier] %s\n' "$*"; }

cleanup() {
  stop_vacuuming
  stop_service
}
trap cleanup EXIT
trap 'exit 130' INT TERM

# Events left in the queue by an interrupted run would reach this run's receiver as foreign deliveries.
purge_queue() {
  as_root rabbitmqctl -q purge_queue -p "$VHOST" notifier.events >/dev/null 2>&1 || true
}

start_service() {
  port=$(free_port 18084)
  receiver_port=$(free_port 18990)
  [ "$receiver_port" -ne "$port" ] || receiver_port=$((port + 1))
  secret="whsec_$(head -c 24 /dev/urandom | base64)"
  log "starting the service on port $port, the receiver will listen on $receiver_port (log: $work/service.log)"
  env QUARKUS_HTTP_PORT="$port" \
    QUARKUS_DATASOURCE_JDBC_URL="jdbc:postgresql://localhost:5432/$DB" \
    RABBITMQ_VIRTUAL_HOST="$VHOST" \
    ADMIN_API_TOKEN="$ADMIN_TOKEN" \
    KOLLUS_CHANNELS_BENCH_KEY=bench-channel \
    KOLLUS_CALLBACK_TOKEN=bench-token \
    NOTIFIER_WEBHOOKS_BENCH_URL="http://127.0.0.1:$receiver_port/hooks/bench" \
    NOTIFIER_WEBHOOKS_BENCH_SECRET="$secret" \
    NOTIFIER_WEBHOOKS_BENCH_MAX_IN_FLIGHT="$MAX_IN_FLIGHT" \
    QUARKUS_HTTP_ACCESS_LOG_ENABLED=false \
    java -jar "$jar" >"$work/service.log" 2>&1 &
  service_pid=$!
  await_ready
}

# A field of the RESULT line of phase $1.
phase_field() { sed -n "s/^RESULT phase=$1 .*\b$2=\([^ ]*\).*/\1/p" "$work/load.out"; }

row() {
  local phase=$1 label=$2
  printf '| %s | %s | %s | %s | %s | %s | %s | %s | %s | %s |\n' "$label" "$(phase_field "$phase" published)" \
    "$(phase_field "$phase" publish_rate)" "$(phase_field "$phase" throughput)" "$(phase_field "$phase" p50)" \
    "$(phase_field "$phase" p99)" "$(phase_field "$phase" p999)" "$(phase_field "$phase" max)" \
    "$(phase_field "$phase" missing)" "$(phase_field "$phase" duplicates)"
}

# The sustained target is met when deliveries keep up with the offered rate: at least 97% of it from the first
# publish to the last delivery, and a p99 under a second, which a backlog growing through the phase would exceed.
targets() {
  local phase value missing=0 doubled=0
  for phase in rate sustained max; do
    value=$(phase_field "$phase" missing); missing=$((missing + ${value:-0}))
    value=$(phase_field "$phase" duplicates); doubled=$((doubled + ${value:-0}))
  done
  awk -v sustained="$(phase_field sustained throughput)" -v sustained_p99="$(phase_field sustained p99)" \
    -v offered="$SUSTAINED_RATE" -v p99="$(phase_field rate p99)" -v rate="$RATE" -v missing="$missing" \
    -v doubled="$doubled" '
    function known(value) { return value ~ /^[0-9]+(\.[0-9]+)?$/ }
    function judge(figures_known, met) { return !figures_known ? "unknown" : met ? "met" : "NOT met" }
    BEGIN {
      print "Targets:"
      printf "- 2000 deliveries/s sustained: %s (%s/s offered, %s/s delivered, p99 %s ms)\n",
        judge(known(sustained) && known(sustained_p99) && offered >= 2000,
              sustained >= 0.97 * offered && sustained_p99 < 1000), offered, sustained, sustained_p99
      printf "- p99 event-to-delivery under 500 ms at %s events/s: %s (%s ms)\n", rate, judge(known(p99), p99 < 500), p99
      printf "- every event delivered exactly once: %s (%s missing, %s duplicates)\n",
        judge(1, missing == 0 && doubled == 0), missing, doubled
    }'
}

bash scripts/services-up.sh
pgbench=$(find_pgbench)
ensure_database
fresh_virtual_host
if needs_build; then
  log "building the fast-jar"
  mvn -B -o -q -DskipTests package -pl callback-commons,$module
fi
classpath=$(ls "$module"/target/quarkus-app/lib/main/com.rabbitmq.amqp-client-*.jar \
  "$module"/target/quarkus-app/lib/main/org.slf4j.slf4j-api-*.jar | paste -sd: -)
purge_queue
start_service
choose_pinning "load generator and receiver"
run_pgbench_reference "$pgbench" "$DB" "$work" "$PGBENCH_SECONDS"
start_vacuuming

log "load: warm-up, $RATE events/s for $DURATION s, $SUSTAINED_RATE/s for $SUSTAINED_DURATION s, $MAX_EVENTS as fast as confirmed"
failed=0
"${pin[@]}" java -cp "$classpath" bench/NotifierLoad.java --port "$receiver_port" --secret "$secret" \
  --amqp "amqp://guest:guest@localhost:5672/$VHOST" --subjects "$SUBJECTS" --warmup-events "$WARMUP_EVENTS" \
  --rate "$RATE" --duration "$DURATION" --sustained-rate "$SUSTAINED_RATE" --sustained-duration "$SUSTAINED_DURATION" \
  --max-events "$MAX_EVENTS" | tee "$work/load.out" || failed=1
stop_vacuuming

counts=$(psql_bench -F ' ' -c "select count(*) filter (where status = 'DELIVERED'), count(*) filter (where status <> 'DELIVERED'),
                                       (select count(*) from delivery_attempt) from delivery")
read -r delivered undelivered attempts <<<"$counts"
max_rate=$(phase_field max throughput)
sustained_rate=$(phase_field sustained throughput)

echo
echo "## notifier-service benchmark: kollus.events to one webhook endpoint"
echo
echo "Machine: $(nproc) CPUs, $(free -h | awk '/^Mem:/ {print $2 " RAM (" $7 " available)"}'), $(java -version 2>&1 | head -n 1)"
echo "Everything on this machine (service, PostgreSQL, RabbitMQ, publisher and receiver); $pinning."
echo "Events: persistent, publisher confirms pipelined, $SUBJECTS subjects; the endpoint allows $MAX_IN_FLIGHT attempts in flight; the receiver answers 204 at once."
echo
echo "| phase | events | published/s | deliveries/s | p50 ms | p99 ms | p99.9 ms | max ms | missing | duplicates |"
echo "|---|---|---|---|---|---|---|---|---|---|"
row rate "${RATE}/s for ${DURATION} s"
row sustained "${SUSTAINED_RATE}/s for ${SUSTAINED_DURATION} s"
row max "$MAX_EVENTS as fast as confirmed (a backlog)"
echo
echo "Latency runs from an event's due publish time to its webhook's arrival at the receiver."
echo "Receiver checks over every phase: $(sed -n 's/^RESULT phase=all //p' "$work/load.out")."
echo "Vacuum: $vacuuming ($(vacuum_runs) runs)."
echo "Database at the end: $delivered deliveries DELIVERED, $undelivered not, $attempts attempts recorded."
awk -v tps="$pgbench_tps" -v max="$max_rate" -v sustained="$sustained_rate" 'BEGIN {
  if (tps > 0 && max > 0) printf "PostgreSQL single-row INSERT (pgbench, same run): %.0f tps; deliveries/s sustained = %.2f of it, draining the backlog = %.2f of it.\n", tps, sustained / tps, max / tps
  else print "PostgreSQL reference: not measured"
}'
echo
targets
exit "$failed"
