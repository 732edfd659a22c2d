#!/usr/bin/env bash
# Builds and benchmarks player-callback-service's play callback, entitlements cached, against a trivial endpoint
# of the same service measured in the same run (GET /q/health/live), and prints a summary.
#
# Env overrides: USERS (10000, users the load cycles through; each must come back well within the cache's 30 s
# staleness bound to stay cached), ENTITLEMENTS (USERS; entitlements imported, one per user, at least USERS),
# MAX_DURATION (20 s), MAX_WARMUP (5 s), WORKERS (32, max mode), WARMUP (20 s of play load before the max run),
# RATE (2000 req/s), DURATION (30 s), RATE_WARMUP (10 s of load at RATE before the rate run: at least two passes
# over USERS), CONNECTIONS (64, rate mode), DRAIN_TIMEOUT (120 s: the longest wait for the max run's events),
# DRM_ITEMS (500 kind-3 items per bulk renewal), DRM_RATE (5 renewals/s), DRM_DURATION (20 s), PORT.
set -euo pipefail

USERS=${USERS:-10000}
ENTITLEMENTS=${ENTITLEMENTS:-$USERS}
WARMUP=${WARMUP:-20}
MAX_DURATION=${MAX_DURATION:-20}
MAX_WARMUP=${MAX_WARMUP:-5}
WORKERS=${WORKERS:-32}
RATE=${RATE:-2000}
DURATION=${DURATION:-30}
RATE_WARMUP=${RATE_WARMUP:-10}
CONNECTIONS=${CONNECTIONS:-64}
DRAIN_TIMEOUT=${DRAIN_TIMEOUT:-120}
DRM_ITEMS=${DRM_ITEMS:-500}
DRM_RATE=${DRM_RATE:-5}
DRM_DURATION=${DRM_DURATION:-20}
# Devices renewing in turn: each request is built ahead, so this bounds the generator's memory.
DRM_USERS=100

DB=kollus_player_bench
TOKEN=bench-token
ADMIN_TOKEN=bench-admin
CUSTOM_KEY=bench-custom-key
CHANNEL=bench-channel
TRIVIAL_PATH=/q/health/live
# Seconds of a measured run's own load before measuring, for the generator's JIT; the service is warm by then.
GENERATOR_WARMUP=2

root=$(cd "$(dirname "$0")/.." && pwd)
cd "$root"
module=player-callback-service
jar=$module/target/quarkus-app/quarkus-run.jar
source scripts/lib/bench-service.sh
work=$(mktemp -d -t bench-player.XXXXXX)
service_pid=

log() { printf '[bench-player] %s\n' "$*"; }

if [ "$ENTITLEMENTS" -lt "$USERS" ] || [ "$ENTITLEMENTS" -lt "$DRM_USERS" ]; then
  log "ENTITLEMENTS ($ENTITLEMENTS) must be at least USERS ($USERS) and $DRM_USERS: every user played must be entitled"
  exit 2
fi

cleanup() {
  stop_service
}
trap cleanup EXIT
trap 'exit 130' INT TERM

start_service() {
  port=$(free_port 18082)
  log "starting the service on port $port (log: $work/service.log)"
  # The kollus-bench virtual host keeps the decision events of the run away from a running suite's and the tests' queues.
  QUARKUS_HTTP_PORT=$port \
  QUARKUS_DATASOURCE_JDBC_URL=jdbc:postgresql://localhost:5432/$DB \
  RABBITMQ_VIRTUAL_HOST=kollus-bench \
  KOLLUS_SECURITY_KEY=bench-security-key \
  KOLLUS_CUSTOM_KEY=$CUSTOM_KEY \
  KOLLUS_CALLBACK_TOKEN=$TOKEN \
  ADMIN_API_TOKEN=$ADMIN_TOKEN \
  KOLLUS_CHANNELS_BENCH_KEY=$CHANNEL \
  QUARKUS_HTTP_ACCESS_LOG_ENABLED=false \
    java -jar "$jar" >"$work/service.log" 2>&1 &
  service_pid=$!
  await_ready
}

# One whole-channel entitlement per user, valid for a year, in a single all-or-nothing NDJSON import.
import_entitlements() {
  local until
  until=$(date -u -d '+1 year' +%Y-%m-%dT%H:%M:%SZ)
  awk -v n="$ENTITLEMENTS" -v channel="$CHANNEL" -v until="$until" 'BEGIN {
    for (i = 1; i <= n; i++)
      printf "{\"clientUserId\":\"bench-user-%d\",\"channel\":\"%s\",\"validUntil\":\"%s\",\"downloadAllowed\":true}\n",
        i, channel, until
  }' >"$work/entitlements.ndjson"
  log "importing $ENTITLEMENTS entitlements ($(du -h "$work/entitlements.ndjson" | cut -f1) of NDJSON)"
  local status
  status=$(curl -sS -o "$work/import.json" -w '%{http_code} %{time_total}' -X POST \
    -H "Authorization: Bearer $ADMIN_TOKEN" -H 'Content-Type: application/x-ndjson' \
    --data-binary "@$work/entitlements.ndjson" "http://localhost:$port/api/v1/entitlements/import")
  import_seconds=${status#* }
  if [ "${status%% *}" != 200 ] || ! grep -q "\"imported\":$ENTITLEMENTS\b" "$work/import.json"; then
    log "the import failed: HTTP ${status%% *} $(head -c 500 "$work/import.json")"
    exit 1
  fi
  import_rate=$(awk -v n="$ENTITLEMENTS" -v s="$import_seconds" 'BEGIN { printf "%.0f", n / s }')
  log "imported $ENTITLEMENTS entitlements in ${import_seconds} s ($import_rate rows/s)"
}

# Runs the load generator; its exit status is kept, so that the summary is printed either way. The play warm-ups
# meet a cold cache: their failures are shown in the summary but do not fail the benchmark.
run_load() {
  local name=$1 target=$2; shift 2
  log "load: $name"
  local status=0
  "${pin[@]}" java bench/CallbackLoad.java --target "$target" --url "http://localhost:$port" "$@" \
    | tee "$work/$name.out" || status=$?
  if [ "$status" -ne 0 ]; then
    log "$name run reported failures (exit $status)"
    case "$name" in warmup | rewarm) ;; *) failed=1 ;; esac
  fi
}

play_load() {
  local name=$1; shift
  run_load "$name" play --token "$TOKEN" --channel "$CHANNEL" --users "$USERS" --custom-key "$CUSTOM_KEY" "$@"
}

# Prints the throughput of run $1 divided by that of run $2, or - when either is missing.
ratio() {
  awk -v a="$(field "$1" throughput)" -v b="$(field "$2" throughput)" \
    'BEGIN { if (a != "" && b > 0) printf "%.2f", a / b; else print "-" }'
}

row() {
  local name=$1 label=$2 ratio=$3
  printf '| %s | %s | %s | %s | %s | %s | %s | %s | %s | %s |\n' "$label" "$(field "$name" throughput)" \
    "$(field "$name" p50)" "$(field "$name" p99)" "$(field "$name" p999)" "$(field "$name" max)" \
    "$(field "$name" non200)" "$(field "$name" errors)" "$(field "$name" unexpected)" "$ratio"
}

# Saves the service's Prometheus metrics as $work/metrics-$1; a service that stopped answering leaves it empty.
scrape() {
  curl -fsS "http://localhost:$port/q/metrics" >"$work/metrics-$1" || log "no metrics for '$1': the service did not answer"
}

# Prints the value of the series named exactly $2 (labels included) in scrape $1, 0 when absent.
metric() {
  awk -v series="$2" 'index($0, series " ") == 1 { value = $2 } END { printf "%d", value }' "$work/metrics-$1"
}

hit='cache_gets_total{cache="entitlements",result="hit"}'
miss='cache_gets_total{cache="entitlements",result="miss"}'
stored=kollus_player_decision_events_stored_total
published=kollus_outbox_published_total
dropped=kollus_player_decision_events_dropped_total

# Prints a row of the cache and events table: what the service counted between scrapes $2 and $3.
metrics_row() {
  local label=$1 from=$2 to=$3 series values=()
  for series in "$hit" "$miss" "$stored" "$published" "$dropped"; do
    values+=($(( $(metric "$to" "$series") - $(metric "$from" "$series") )))
  done
  awk -v label="$label" -v h="${values[0]}" -v m="${values[1]}" \
    -v rest="${values[2]} | ${values[3]} | ${values[4]}" 'BEGIN {
      printf "| %s | %d | %d | %s | %s |\n", label, h, m, (h + m > 0 ? sprintf("%.4f", h / (h + m)) : "-"), rest
    }'
}

# Waits, at most DRAIN_TIMEOUT seconds, until the service has stored every queued decision event and published its
# outbox, so that the rate run does not pay for the max run's events; sets drain_seconds.
wait_drained() {
  local started=$SECONDS queued unpublished
  while :; do
    scrape drain
    queued=$(metric drain kollus_player_decision_events_queue_pending)
    unpublished=$(psql_bench -c "select count(*) from outbox_event where published_at is null")
    drain_seconds=$((SECONDS - started))
    if [ "$queued" -eq 0 ] && [ "$unpublished" -eq 0 ]; then
      log "decision events drained in $drain_seconds s"
      return
    fi
    if [ "$drain_seconds" -ge "$DRAIN_TIMEOUT" ]; then
      log "decision events not drained after $drain_seconds s ($queued queued, $unpublished unpublished); going on"
      drain_seconds=">$drain_seconds"
      return
    fi
    sleep 1
  done
}

# Prints how the runs compare with the issue's targets; a figure a run did not report leaves its target unknown.
targets() {
  local drm_ratio
  # The renewal's p99 per item against a single play decision's p50 at the fixed rate: what one item of a bulk
  # renewal costs next to a decision of its own (a renewal decides its items in one request, one after another).
  drm_ratio=$(awk -v p99="$(field drm p99)" -v items="$DRM_ITEMS" -v play="$(field rate p50)" \
    'BEGIN { if (p99 != "" && play > 0) printf "%.2f", (p99 / items) / play; else print "-" }')
  awk -v ratio="$(ratio max trivial)" -v p99="$(field rate p99)" -v rate="$RATE" \
    -v drm_p99="$(field drm p99)" -v drm_ratio="$drm_ratio" -v items="$DRM_ITEMS" -v drm_non200="$(field drm non200)" \
    -v max_non200="$(field max non200)" -v rate_non200="$(field rate non200)" '
    function known(value) { return value ~ /^[0-9]+(\.[0-9]+)?$/ }
    function judge(figures_known, met) { return !figures_known ? "unknown" : met ? "met" : "NOT met" }
    BEGIN {
      print "Targets:"
      printf "- play max throughput at least 0.5 of the trivial endpoint max: %s (%s)\n", judge(known(ratio), ratio >= 0.5), ratio
      printf "- p99 under 10 ms at %s/s: %s (%s ms)\n", rate, judge(known(p99), p99 < 10), p99
      printf "- zero non-200 in the play runs: %s (%s + %s)\n",
        judge(known(max_non200) && known(rate_non200), max_non200 + rate_non200 == 0), max_non200, rate_non200
      printf "- %s-item DRM renewal p99 under 1 s, every item answered: %s (%s ms, %s non-200; p99 per item %s x a play decision p50)\n",
        items, judge(known(drm_p99) && known(drm_non200), drm_p99 < 1000 && drm_non200 == 0), drm_p99, drm_non200, drm_ratio
    }'
}

bash scripts/services-up.sh
ensure_database
fresh_virtual_host
if needs_build; then
  log "building the fast-jar"
  mvn -B -o -q -DskipTests package -pl callback-commons,$module
fi
start_service
scrape start
import_entitlements
choose_pinning

failed=0
# The reference first, then the play warm-up (JIT, every user's entitlements read) right before the max run: an
# entitlement not read for player.cache.max-staleness (30 s) is evicted. The max run's events drain before the run
# at the fixed rate, and the drain can outlast that bound, so every user's entitlements are read again first.
run_load trivial get --path "$TRIVIAL_PATH" --max --workers "$WORKERS" --duration "$MAX_DURATION" --warmup "$MAX_WARMUP"
play_load warmup --max --workers "$WORKERS" --duration "$WARMUP" --warmup 0
scrape before-max
play_load max --max --workers "$WORKERS" --duration "$MAX_DURATION" --warmup "$MAX_WARMUP"
scrape after-max
wait_drained
play_load rewarm --rate "$RATE" --duration "$RATE_WARMUP" --warmup 0 --connections "$CONNECTIONS"
scrape before-rate
play_load rate --rate "$RATE" --duration "$DURATION" --warmup "$GENERATOR_WARMUP" --connections "$CONNECTIONS"
wait_drained
run_load drm drm --token "$TOKEN" --channel "$CHANNEL" --users "$DRM_USERS" --items "$DRM_ITEMS" \
  --custom-key "$CUSTOM_KEY" --rate "$DRM_RATE" --duration "$DRM_DURATION" --warmup 5 --connections 16
scrape end

echo
echo "## player-callback-service benchmark: play callback, entitlements cached"
echo
echo "Machine: $(nproc) CPUs, $(free -h | awk '/^Mem:/ {print $2 " RAM (" $7 " available)"}'), $(java -version 2>&1 | head -n 1)"
echo "Everything on this machine (service, PostgreSQL, RabbitMQ, load generator); $pinning."
echo "Entitlements: $ENTITLEMENTS imported in ${import_seconds} s ($import_rate rows/s); the load cycles through $USERS entitled users."
echo
echo "| run | throughput (/s) | p50 ms | p99 ms | p99.9 ms | max ms | non-200 | errors | wrong answers | / trivial max |"
echo "|---|---|---|---|---|---|---|---|---|---|"
row trivial "GET $TRIVIAL_PATH max, $WORKERS workers, ${MAX_DURATION} s" "(reference)"
row max "play max, $WORKERS workers, ${MAX_DURATION} s" "$(ratio max trivial)"
row rate "play at ${RATE}/s, ${DURATION} s" ""
row drm "DRM bulk renewal of $DRM_ITEMS kind-3 items at ${DRM_RATE}/s, ${DRM_DURATION} s" ""
echo
echo "| service counters (/q/metrics) | entitlement cache hits | misses | hit ratio | decision events stored | events published | decision events dropped |"
echo "|---|---|---|---|---|---|---|"
metrics_row "play max run, ${MAX_WARMUP} s warm-up included" before-max after-max
metrics_row "play run at ${RATE}/s, ${GENERATOR_WARMUP} s warm-up included" before-rate end
metrics_row "whole benchmark" start end
echo
echo "Play warm-ups (not recorded): $(field warmup requests) + $(field rewarm requests) requests," \
  "$(field warmup non200) + $(field rewarm non200) non-200, $(field warmup errors) + $(field rewarm errors) errors," \
  "$(field warmup unexpected) + $(field rewarm unexpected) wrong answers"
echo "Service log: $(grep -c 'answering per PLAY_FAIL_MODE' "$work/service.log" || true) decisions taken by the" \
  "channel's fail mode because entitlements were not read within player.lookup-timeout ($work/service.log)"
echo "The max run's events drained in ${drain_seconds} s; at the end $(metric end "$stored") decision events were" \
  "stored, $(metric end "$dropped") dropped, $(metric end kollus_player_decision_events_queue_pending) still queued"
echo
targets
exit "$failed"
