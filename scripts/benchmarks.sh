#!/usr/bin/env bash
# Produces the figures of docs/benchmarks.md in one run on this machine: the reference figures (a trivial Quarkus
# endpoint, PostgreSQL single-row inserts with pgbench), the platform, play and LMS callbacks each at several offered
# rates (bench/CallbackLoad.java), then every callback type together through the Kollus simulator, which checks every
# answer; rewrites the results section of docs/benchmarks.md and the plot docs/benchmarks-latency.svg.
#
# Env overrides: DURATION (20 s measured per rate), WARMUP (10 s), PGBENCH_DURATION (15 s), REFERENCE_DURATION (20 s),
# RATES_PLATFORM (250 500 1000), RATES_PLAY (500 1000 2000), RATES_LMS (1000 2000 4000),
# SIMULATOR_RATES (platform=20,play=100,drm=20,lms=200,next-episode=10), SIMULATOR_VIEWERS (6000: at 200 LMS snapshots/s,
# one per viewer every 30 s, as real players send them), USERS (1000).
set -euo pipefail

DURATION=${DURATION:-20}
WARMUP=${WARMUP:-10}
PGBENCH_DURATION=${PGBENCH_DURATION:-15}
REFERENCE_DURATION=${REFERENCE_DURATION:-20}
RATES_PLATFORM=${RATES_PLATFORM:-250 500 1000}
RATES_PLAY=${RATES_PLAY:-500 1000 2000}
RATES_LMS=${RATES_LMS:-1000 2000 4000}
SIMULATOR_RATES=${SIMULATOR_RATES:-platform=20,play=100,drm=20,lms=200,next-episode=10}
SIMULATOR_VIEWERS=${SIMULATOR_VIEWERS:-6000}
USERS=${USERS:-1000}

root=$(cd "$(dirname "$0")/.." && pwd)
cd "$root"
as_root() {
  if [ "$(id -u)" -eq 0 ]; then "$@"; else sudo "$@"; fi
}
source scripts/lib/pgbench-reference.sh
source scripts/lib/bench-service.sh

services=(platform-callback-service:kollus_bench_platform player-callback-service:kollus_bench_player
  lms-service:kollus_bench_lms)
simulator=kollus-simulator/target/quarkus-app/quarkus-run.jar
work=$(mktemp -d -t benchmarks.XXXXXX)
pids=()
vacuum_pid=
declare -A ports

log() { printf '[benchmarks] %s\n' "$*"; }

cleanup() {
  stop_vacuuming
  if [ ${#pids[@]} -gt 0 ]; then
    log "stopping the services"
    kill -TERM "${pids[@]}" 2>/dev/null || true
    wait "${pids[@]}" 2>/dev/null || true
  fi
  DB=kollus_bench_platform psql_bench -c "drop table if exists $PGBENCH_REFERENCE_TABLE" 2>/dev/null || true
}
trap cleanup EXIT
trap 'exit 130' INT TERM

start_services() {
  local entry module database port=18281
  # The demo keys, as scripts/run.sh gives them; the simulator reads the same variables.
  while IFS='=' read -r name value; do
    case "$name" in ''|\#*) continue ;; esac
    export "$name=$value"
  done < config/demo.env
  for entry in "${services[@]}"; do
    module=${entry%%:*}; database=${entry##*:}
    DB=$database ensure_database
    port=$(PORT=$port free_port "$port")
    ports[$module]=$port
    QUARKUS_HTTP_PORT=$port \
    QUARKUS_DATASOURCE_JDBC_URL=jdbc:postgresql://localhost:5432/$database \
    RABBITMQ_VIRTUAL_HOST=kollus-bench \
    QUARKUS_HTTP_ACCESS_LOG_ENABLED=false \
      java -jar "$module/target/quarkus-app/quarkus-run.jar" >"$work/$module.log" 2>&1 &
    pids+=($!)
    port=$((port + 1))
  done
  for entry in "${services[@]}"; do
    module=${entry%%:*}
    for _ in $(seq 1 120); do
      curl -fs -o /dev/null "http://localhost:${ports[$module]}/q/health/ready" && continue 2
      sleep 1
    done
    log "$module did not become ready; last lines of its log:"
    tail -n 40 "$work/$module.log"
    exit 1
  done
  log "services ready: platform :${ports[platform-callback-service]}, player :${ports[player-callback-service]}, lms :${ports[lms-service]}"
}

# One load run of target $1 at $2 per second; its RESULT line becomes a JSON result of the simulator's form in
# $work/results/, so that one report covers every run.
sweep_point() {
  local target=$1 rate=$2 module status=0
  case "$target" in
    platform) module=platform-callback-service; set -- --account "$KOLLUS_SERVICE_ACCOUNT_KEY" ;;
    play) module=player-callback-service
      set -- --channel "$KOLLUS_CHANNELS_DEMO_KEY" --users "$USERS" --custom-key "$KOLLUS_CUSTOM_KEY" ;;
    # Every viewer's player posts on its own, so LMS snapshots arrive on many connections at once.
    lms) module=lms-service; set -- --channel "$KOLLUS_CHANNELS_DEMO_KEY" --connections 256 ;;
  esac
  log "$target at $rate/s for $DURATION s (after $WARMUP s of warm-up)"
  "${pin[@]}" java bench/CallbackLoad.java --target "$target" --url "http://localhost:${ports[$module]}" \
    --token "$KOLLUS_CALLBACK_TOKEN" --rate "$rate" --duration "$DURATION" --warmup "$WARMUP" "$@" \
    >"$work/$target-$rate.out" || status=$?
  [ "$status" -eq 0 ] || { log "$target at $rate/s had answers other than those due (exit $status)"; failed=1; }
  sed -n 's/^RESULT //p' "$work/$target-$rate.out" | tr ' ' '\n' | awk -F= -v type="$target" -v rate="$rate" \
    -v seconds="$DURATION" '{ v[$1] = ($2 == "-" ? 0 : $2) } END {
      printf "{\"measuredSeconds\":%s,\"types\":{\"%s\":{\"offeredPerSecond\":%s,\"sent\":%s,", seconds, type, rate, v["requests"]
      printf "\"throughputPerSecond\":%s,\"p50Ms\":%s,\"p99Ms\":%s,\"p999Ms\":%s,\"maxMs\":%s,", v["throughput"], v["p50"], v["p99"], v["p999"], v["max"]
      printf "\"violations\":%s,\"notOk\":{\"not 200\":%s,\"errors\":%s}}}}\n", v["unexpected"], v["non200"], v["errors"]
    }' >"$work/results/$target-$rate.json"
}

# Whole-channel entitlements for the play load's users bench-user-1..USERS, imported in one request.
grant_entitlements() {
  local until
  until=$(date -u -d '+1 day' +%Y-%m-%dT%H:%M:%SZ)
  seq 1 "$USERS" | awk -v channel="$KOLLUS_CHANNELS_DEMO_KEY" -v until="$until" \
    '{ printf "{\"clientUserId\":\"bench-user-%d\",\"channel\":\"%s\",\"validUntil\":\"%s\"}\n", $1, channel, until }' |
    curl -fsS -o /dev/null -X POST -H "Authorization: Bearer $ADMIN_API_TOKEN" -H 'Content-Type: application/x-ndjson' \
      --data-binary @- "http://localhost:${ports[player-callback-service]}/api/v1/entitlements/import"
  log "granted the demo channel to $USERS users"
}

# Replaces what lies between the results markers of docs/benchmarks.md with the file $1.
publish() {
  awk -v results="$1" '
    /<!-- results:start -->/ { print; while ((getline line < results) > 0) print line; skipping = 1; next }
    /<!-- results:end -->/ { skipping = 0 }
    !skipping { print }' docs/benchmarks.md >"$work/benchmarks.md"
  mv "$work/benchmarks.md" docs/benchmarks.md
}

bash scripts/services-up.sh
fresh_virtual_host
log "building the services and the simulator"
mvn -B -q -DskipTests package -pl platform-callback-service,player-callback-service,lms-service,kollus-simulator -am
pgbench_bin=$(find_pgbench)
choose_pinning "simulator and reference load generator"
start_services
mkdir -p "$work/results"
# The services' queries rely on the statistics autovacuum keeps: stand in for it where it is off, on every table.
DB=kollus_bench_platform VACUUM_DATABASES="${services[*]##*:}" VACUUM_TABLES= VACUUM_INTERVAL=15 start_vacuuming

failed=0
DB=kollus_bench_platform run_pgbench_reference "$pgbench_bin" kollus_bench_platform "$work" "$PGBENCH_DURATION"
log "trivial endpoint: GET /q/health/live, 32 closed-loop workers, $REFERENCE_DURATION s"
"${pin[@]}" java bench/CallbackLoad.java --target get --url "http://localhost:${ports[platform-callback-service]}" \
  --max --workers 32 --duration "$REFERENCE_DURATION" --warmup 5 | tee "$work/trivial.out"

grant_entitlements
for rate in $RATES_PLATFORM; do sweep_point platform "$rate"; done
for rate in $RATES_PLAY; do sweep_point play "$rate"; done
for rate in $RATES_LMS; do sweep_point lms "$rate"; done
java -jar "$simulator" report --svg docs/benchmarks-latency.svg \
  --title "Answer latency by offered load ($(nproc) cores, everything co-located)" \
  "$work"/results/*.json >"$work/sweep.md"

log "every callback type through the simulator: $SIMULATOR_RATES for $DURATION s"
status=0
"${pin[@]}" java -jar "$simulator" load --rate "$SIMULATOR_RATES" --duration "PT${DURATION}S" --warmup "PT${WARMUP}S" \
  --retry-interval PT5S --lms-resend-interval PT5S --viewers "$SIMULATOR_VIEWERS" --json \
  --platform-url "http://localhost:${ports[platform-callback-service]}" \
  --player-url "http://localhost:${ports[player-callback-service]}" \
  --lms-url "http://localhost:${ports[lms-service]}" >"$work/simulator.json" || status=$?
[ "$status" -eq 0 ] || { log "the simulator reported violations or failures (exit $status)"; failed=1; }
java -jar "$simulator" report "$work/simulator.json" >"$work/simulator.md"

{
  echo
  echo "Measured $(date -u '+%Y-%m-%d %H:%M UTC') by \`bash scripts/benchmarks.sh\` on $(nproc) CPUs," \
    "$(free -h | awk '/^Mem:/ {print $2}') RAM, $(java -version 2>&1 | head -n 1 | tr -d '"'), PostgreSQL" \
    "$(psql --version | awk '{print $3}'), RabbitMQ $(as_root rabbitmqctl -q version 2>/dev/null || echo '?');" \
    "services, PostgreSQL, RabbitMQ and load generators on the same machine. $pinning; $vacuuming."
  echo
  echo "| reference | throughput (/s) | p50 ms | p99 ms |"
  echo "|---|---|---|---|"
  printf '| trivial endpoint (GET /q/health/live, 32 workers) | %s | %s | %s |\n' "$(field trivial throughput)" \
    "$(field trivial p50)" "$(field trivial p99)"
  printf '| PostgreSQL single-row INSERT + commit (pgbench, 16 clients) | %s | | |\n' "${pgbench_tps:--}"
  echo
  echo "Platform, play and LMS callbacks, one type at a time, open loop at the offered rate" \
    "(\`bench/CallbackLoad.java\`), $DURATION s measured after $WARMUP s of warm-up; latency counts from each" \
    "callback's due time; \"violations\" are 200 answers other than the one due:"
  echo
  cat "$work/sweep.md"
  echo
  echo "![Answer latency by offered load](benchmarks-latency.svg)"
  echo
  echo "Every callback type at once through \`kollus-simulator load\` ($SIMULATOR_RATES), which verifies every" \
    "answer (JWT signature, \`X-Kollus-UserKey\`, integer types, the decision due):"
  echo
  cat "$work/simulator.md"
  echo
} >"$work/results.md"
publish "$work/results.md"
log "docs/benchmarks.md and docs/benchmarks-latency.svg updated"
exit "$failed"
