#!/usr/bin/env bash
# Builds and benchmarks lms-service's LMS callback with the snapshots of simulated viewers, against PostgreSQL's
# one-insert-per-commit throughput (pgbench) measured in the same run, before the runs and after them, and prints a
# summary.
#
# Env overrides: VIEWERS (20000), CONTENTS (200), DUPLICATE_RATIO (0.05: exact re-sends of answered snapshots),
# RATE (4000 snapshots/s), DURATION (60 s), WARMUP (20 s of load at RATE first, not recorded), RATE_WARMUP (10 s of
# load before the measured window of the rate run: at least one pass over VIEWERS), CONNECTIONS (256, rate mode),
# MAX_DURATION (30 s), MAX_WARMUP (5 s), WORKERS (1024, max mode: group commit needs concurrency), PGBENCH_DURATION
# (15 s), VACUUM_INTERVAL (30 s; 0: none), SERVICE_JAVA_OPTS (JVM options of the service), PORT, MIXED_RATE (5000: the
# rate of the run that mixes unreadable snapshots in), UNREADABLE_RATIO (0.2 of it: 1,000/s beside 4,000/s honest ones),
# MIXED_DURATION (30 s). LMS_* and QUARKUS_* variables exported by the caller (LMS_BATCH_SIZE,
# QUARKUS_DATASOURCE_JDBC_MAX_SIZE, ...) reach the service.
set -euo pipefail

VIEWERS=${VIEWERS:-20000}
CONTENTS=${CONTENTS:-200}
DUPLICATE_RATIO=${DUPLICATE_RATIO:-0.05}
RATE=${RATE:-4000}
DURATION=${DURATION:-60}
WARMUP=${WARMUP:-20}
RATE_WARMUP=${RATE_WARMUP:-10}
CONNECTIONS=${CONNECTIONS:-256}
MAX_DURATION=${MAX_DURATION:-30}
MAX_WARMUP=${MAX_WARMUP:-5}
WORKERS=${WORKERS:-1024}
PGBENCH_DURATION=${PGBENCH_DURATION:-15}
VACUUM_INTERVAL=${VACUUM_INTERVAL:-30}
SERVICE_JAVA_OPTS=${SERVICE_JAVA_OPTS:-}
MIXED_RATE=${MIXED_RATE:-5000}
UNREADABLE_RATIO=${UNREADABLE_RATIO:-0.2}
MIXED_DURATION=${MIXED_DURATION:-30}

DB=kollus_lms_bench
VACUUM_TABLES="lms_progress, lms_session, outbox_event"
TOKEN=bench-token
ADMIN_TOKEN=bench-admin
CHANNEL=bench-channel
# A channel whose plugin options send no JSON document, only renamed flat keys with 1-based blocks.
FLAT_CHANNEL=bench-flat
# The issue's targets.
TARGET_P99_MS=50
TARGET_RATIO=1.0

root=$(cd "$(dirname "$0")/.." && pwd)
cd "$root"
source scripts/lib/pgbench-reference.sh
source scripts/lib/bench-service.sh
module=lms-service
jar=$module/target/quarkus-app/quarkus-run.jar
work=$(mktemp -d -t bench-lms.XXXXXX)
service_pid=
vacuum_pid=

log() { printf '[bench-lms] %s\n' "$*"; }

cleanup() {
  stop_vacuuming
  stop_service
  psql_bench -c "drop table if exists $PGBENCH_REFERENCE_TABLE" 2>/dev/null || true
}
trap cleanup EXIT
trap 'exit 130' INT TERM

start_service() {
  port=$(free_port 18083)
  local java_opts
  read -r -a java_opts <<<"$SERVICE_JAVA_OPTS"
  log "starting the service on port $port${SERVICE_JAVA_OPTS:+ with $SERVICE_JAVA_OPTS} (log: $work/service.log)"
  # The kollus-bench virtual host keeps the progress events of the run away from a running suite's and the tests' queues.
  QUARKUS_HTTP_PORT=$port \
  QUARKUS_DATASOURCE_JDBC_URL=jdbc:postgresql://localhost:5432/$DB \
  RABBITMQ_VIRTUAL_HOST=kollus-bench \
  KOLLUS_SECURITY_KEY=bench-security-key \
  KOLLUS_CUSTOM_KEY=bench-custom-key \
  KOLLUS_SERVICE_ACCOUNT_KEY=bench-account \
  KOLLUS_CALLBACK_TOKEN=$TOKEN \
  ADMIN_API_TOKEN=$ADMIN_TOKEN \
  KOLLUS_CHANNELS_BENCH_KEY=$CHANNEL \
  KOLLUS_CHANNELS_FLAT_KEY=$FLAT_CHANNEL \
  KOLLUS_CHANNELS_FLAT_LMS_PARAM_CLIENT_USER_ID=ID \
  KOLLUS_CHANNELS_FLAT_LMS_PARAM_MEDIA_CONTENT_KEY=MCK \
  KOLLUS_CHANNELS_FLAT_LMS_PARAM_START_AT=TM \
  KOLLUS_CHANNELS_FLAT_LMS_PARAM_PLAYTIME=PT \
  KOLLUS_CHANNELS_FLAT_LMS_PARAM_LAST_PLAY_AT=ET \
  KOLLUS_CHANNELS_FLAT_LMS_PARAM_DURATION=DUR \
  KOLLUS_CHANNELS_FLAT_LMS_BLOCK_KEYS='B{i+1},T{i+1},-' \
  QUARKUS_HTTP_ACCESS_LOG_ENABLED=false \
    java "${java_opts[@]}" -jar "$jar" >"$work/service.log" 2>&1 &
  service_pid=$!
  await_ready
}

# Runs the load generator; its exit status is kept, so that the summary is printed either way. The warm-up meets a
# cold service and tables without statistics: its failures are shown in the summary but do not fail the benchmark.
run_load() {
  local name=$1; shift
  log "load: $name"
  local status=0
  "${pin[@]}" java bench/CallbackLoad.java --target lms --url "http://localhost:$port" --token "$TOKEN" \
    --viewers "$VIEWERS" --contents "$CONTENTS" --duplicate-ratio "$DUPLICATE_RATIO" "$@" \
    | tee "$work/$name.out" || status=$?
  if [ "$status" -ne 0 ]; then
    log "$name run reported failures (exit $status)"
    [ "$name" = warmup ] || failed=1
  fi
}

# Prints the throughput of run $1 divided by the pgbench tps, or - when either is missing.
ratio() {
  awk -v a="$(field "$1" throughput)" -v b="${pgbench_tps:-}" \
    'BEGIN { if (a != "" && b > 0) printf "%.2f", a / b; else print "-" }'
}

row() {
  local name=$1 label=$2
  printf '| %s | %s | %s | %s | %s | %s | %s | %s | %s | %s |\n' "$label" "$(field "$name" throughput)" \
    "$(field "$name" p50)" "$(field "$name" p99)" "$(field "$name" p999)" "$(field "$name" max)" \
    "$(field "$name" non200)" "$(field "$name" errors)" "$(field "$name" unexpected)" "$(ratio "$name")"
}

# Saves, as $work/*-$1, the service's Prometheus metrics and the CPU time used so far, in clock ticks: by the whole
# machine ("machine <busy> <all>") and by the service, the PostgreSQL backends serving the bench database and the
# load generator ("<group> <pid> <ticks>"; the generator's are those of this shell's finished children, which the
# runs of the generator are nearly all of), with the wall clock ("wall <seconds>").
sample() {
  curl -fsS "http://localhost:$port/q/metrics" >"$work/metrics-$1" || log "no metrics for '$1': the service did not answer"
  # Not in a pipeline nor a command substitution, whose subshell would have no finished children.
  times >"$work/times-$1"
  {
    echo "wall $(date +%s.%N)"
    awk '/^cpu / { print "machine", $2 + $3 + $4 + $7 + $8 + $9, $2 + $3 + $4 + $5 + $6 + $7 + $8 + $9 }' /proc/stat
    process_ticks service "$service_pid"
    # Backends' titles read "postgres: <cluster>: <role> <database> <client> <state>".
    process_ticks postgres $(pgrep -u postgres -f "^postgres: .* kollus $DB " || true)
    # The second line of times holds the children's user and system times, as 1m2.345s.
    awk -v hz="$clock_ticks" 'NR == 2 {
      for (i = 1; i <= 2; i++) { split($i, t, /[ms]/); sum += t[1] * 60 + t[2] }
      printf "generator 0 %d\n", sum * hz
    }' "$work/times-$1"
  } >"$work/cpu-$1"
}

# Prints "<group $1> <pid> <ticks>" for each process $2... still running; utime and stime follow the command name.
process_ticks() {
  local group=$1 pid; shift
  for pid; do
    [ -r "/proc/$pid/stat" ] || continue
    sed 's/^.*) //' "/proc/$pid/stat" | awk -v group="$group" -v pid="$pid" '{ print group, pid, $12 + $13 }'
  done
}

# Prints the value of the series named exactly $2 (labels included) in metrics sample $1, 0 when absent.
metric() {
  awk -v series="$2" 'index($0, series " ") == 1 { value = $2 } END { print value + 0 }' "$work/metrics-$1"
}

# Prints how much series $3 grew between samples $1 and $2.
grew() { awk -v a="$(metric "$1" "$3")" -v b="$(metric "$2" "$3")" 'BEGIN { printf "%.6f", b - a }'; }

# Prints the seconds of wall clock between samples $1 and $2.
wall_seconds() {
  awk '$1 == "wall" { t[FILENAME] = $2 } END { printf "%.3f", t[ARGV[2]] - t[ARGV[1]] }' "$work/cpu-$1" "$work/cpu-$2"
}

# Prints the upper bound of the bucket of histogram $3 holding quantile $4 of what it recorded between samples $1 and
# $2, multiplied by $5.
bucket_quantile() {
  awk -v series="$3_bucket{le=\"" -v q="$4" -v scale="$5" '
    index($0, series) == 1 {
      le = $1; sub(/^[^"]*"/, "", le); sub(/".*/, "", le)
      if (FNR == NR) { before[le] = $2 } else { grown[++n] = $2 - before[le]; bound[n] = le }
    }
    END {
      if (n == 0 || grown[n] <= 0) { print "-"; exit }
      for (i = 1; i <= n; i++) if (grown[i] >= q * grown[n]) break
      print bound[i] == "+Inf" ? "> " bound[i - 1] * scale : sprintf("%.1f", bound[i] * scale)
    }' "$work/metrics-$1" "$work/metrics-$2"
}

# Prints a row of the service table: what the service counted between samples $2 and $3. Its acknowledgement times
# are the service's own view, which leaves out any wait before it read the request.
service_row() {
  local label=$1 from=$2 to=$3
  awk -v label="$label" -v wall="$(wall_seconds "$from" "$to")" \
    -v batch_p99="$(bucket_quantile "$from" "$to" kollus_lms_batch_size 0.99 1)" \
    -v ack_p99="$(bucket_quantile "$from" "$to" kollus_lms_ack_seconds 0.99 1000)" \
    -v accepted="$(grew "$from" "$to" 'kollus_lms_snapshots_total{result="accepted"}')" \
    -v duplicate="$(grew "$from" "$to" 'kollus_lms_snapshots_total{result="duplicate"}')" \
    -v unanswered="$(grew "$from" "$to" 'kollus_lms_snapshots_total{result="unanswered"}')" \
    -v commits="$(grew "$from" "$to" kollus_lms_batch_size_count)" \
    -v batched="$(grew "$from" "$to" kollus_lms_batch_size_sum)" \
    -v commit_seconds="$(grew "$from" "$to" kollus_lms_batch_commit_seconds_sum)" \
    -v acks="$(grew "$from" "$to" kollus_lms_ack_seconds_count)" \
    -v ack_seconds="$(grew "$from" "$to" kollus_lms_ack_seconds_sum)" 'BEGIN {
      stored = accepted + duplicate
      printf "| %s | %d | %d (%s) | %d | %d | %s | %s | %s | %s | %s | %s |\n", label, accepted, duplicate,
        (stored > 0 ? sprintf("%.1f%%", duplicate * 100 / stored) : "-"), unanswered, commits,
        (commits > 0 ? sprintf("%.1f", batched / commits) : "-"), batch_p99,
        (commits > 0 ? sprintf("%.2f", commit_seconds * 1000 / commits) : "-"),
        (wall > 0 ? sprintf("%.0f%%", commit_seconds * 100 / wall) : "-"),
        (acks > 0 ? sprintf("%.2f", ack_seconds * 1000 / acks) : "-"), ack_p99
    }'
}

# Prints a row of the CPU table: the CPU used between samples $2 and $3, in cores (the CPU time one CPU offers over
# the same wall-clock time), by the processes of the benchmark and by everything else (RabbitMQ, PostgreSQL's own
# background processes, whatever else runs on the machine), and how busy the whole machine was.
cpu_row() {
  local label=$1 from=$2 to=$3
  awk -v label="$label" -v hz="$clock_ticks" -v wall="$(wall_seconds "$from" "$to")" '
    FNR == NR { if ($1 == "machine") { busy = $2; all = $3 } else if ($1 != "wall") before[$1 " " $2] = $3; next }
    $1 == "machine" { busy = $2 - busy; all = $3 - all; next }
    $1 != "wall" { used[$1] += $3 - (($1 " " $2) in before ? before[$1 " " $2] : 0) }
    END {
      if (wall <= 0 || all <= 0) { printf "| %s | - | - | - | - | - |\n", label; exit }
      for (group in used) { cores[group] = used[group] / hz / wall; ours += cores[group] }
      machine = busy / hz / wall
      printf "| %s | %.2f | %.2f | %.2f | %.2f | %.0f%% |\n", label, cores["service"], cores["postgres"],
        cores["generator"], (machine > ours ? machine - ours : 0), busy * 100 / all
    }' "$work/cpu-$from" "$work/cpu-$to"
}

# Checks that the runs left progress behind: through the progress API, and in the database one row per viewer.
# Sets the figures the summary prints.
check_progress() {
  local newest
  newest=$(curl -fsS -H "Authorization: Bearer $ADMIN_TOKEN" \
    "http://localhost:$port/api/v1/progress?channel=$CHANNEL&limit=1" || true)
  if ! grep -q '"clientUserId":"bench-viewer-' <<<"$newest"; then
    log "GET /api/v1/progress?channel=$CHANNEL&limit=1 shows no viewer's progress: $(head -c 500 <<<"$newest")"
    failed=1
  fi
  progress_check="API, most recently updated: $(head -c 400 <<<"$newest")"
  read -r learners completed sessions < <(psql_bench -F ' ' -c \
    "select count(*), count(completed_at), coalesce(sum(sessions), 0) from lms_progress where channel_key = '$CHANNEL'" \
    || true)
  read -r session_rows events published < <(psql_bench -F ' ' -c \
    "select (select count(*) from lms_session), count(*), count(published_at) from outbox_event" || true)
  if [ "${learners:-0}" -ne "$VIEWERS" ]; then
    log "the database holds the progress of $learners learners, not one per viewer ($VIEWERS)"
    failed=1
  fi
  read -r flat_learners < <(psql_bench -c \
    "select count(*) from lms_progress where channel_key = '$FLAT_CHANNEL'" || true)
  read -r quarantined < <(psql_bench -c "select count(*) from lms_quarantine" || true)
  if [ "${flat_learners:-0}" -ne "$VIEWERS" ]; then
    log "the flat-keys channel holds the progress of $flat_learners learners, not one per viewer ($VIEWERS)"
    failed=1
  fi
}

# Prints how the runs compare with the issue's targets; a figure a run did not report leaves its target unknown.
targets() {
  awk -v rate="$RATE" -v duration="$DURATION" -v throughput="$(field rate throughput)" -v p99="$(field rate p99)" \
    -v target_p99="$TARGET_P99_MS" -v ratio="$(ratio max)" -v target_ratio="$TARGET_RATIO" \
    -v flat_ratio="$(ratio flat)" -v mixed_p99="$(field mixed p99)" -v mixed_rate="$MIXED_RATE" \
    -v unreadable="$UNREADABLE_RATIO" \
    -v wrong="$(field rate non200) $(field rate errors) $(field rate unexpected) $(field max non200) $(field max errors) $(field max unexpected) $(field flat non200) $(field flat errors) $(field flat unexpected) $(field mixed non200) $(field mixed errors) $(field mixed unexpected)" '
    function known(value) { return value ~ /^[0-9]+(\.[0-9]+)?$/ }
    function judge(figures_known, met) { return !figures_known ? "unknown" : met ? "met" : "NOT met" }
    BEGIN {
      n = split(wrong, counts, " "); bad = 0
      for (i = 1; i <= n; i++) bad += counts[i]
      print "Targets:"
      printf "- %s snapshots/s sustained for %s s (every one answered, the last within 1%% of the window after it): %s (%s/s)\n",
        rate, duration, judge(known(throughput), throughput >= 0.99 * rate), throughput
      printf "- p99 under %s ms at %s/s: %s (%s ms)\n", target_p99, rate, judge(known(p99), p99 < target_p99), p99
      printf "- max throughput at least %s x the pgbench tps: %s (%s)\n", target_ratio,
        judge(known(ratio), ratio >= target_ratio), ratio
      printf "- the same through the flat-keys channel: %s (%s)\n", judge(known(flat_ratio), flat_ratio >= target_ratio),
        flat_ratio
      printf "- p99 under %s ms at %s/s with %s of them unreadable (quarantined): %s (%s ms)\n", target_p99, mixed_rate,
        unreadable, judge(known(mixed_p99), mixed_p99 < target_p99), mixed_p99
      printf "- every answer 200 {\"result\":1} in every run: %s (%d non-200, errors or wrong answers)\n",
        judge(n == 12, bad == 0), bad
    }'
}

bash scripts/services-up.sh
ensure_database
fresh_virtual_host
if needs_build; then
  log "building the fast-jar"
  mvn -B -o -q -DskipTests package -pl callback-commons,$module
fi
pgbench_bin=$(find_pgbench)
clock_ticks=$(getconf CLK_TCK)
start_service
choose_pinning

# The pgbench reference while the service idles, after a checkpoint so that each measurement starts from the same
# state; sets pgbench_tps.
measure_reference() {
  psql_admin -c checkpoint >/dev/null
  run_pgbench_reference "$pgbench_bin" "$DB" "$work" "$PGBENCH_DURATION"
}

failed=0
# The reference; the warm-up (JIT, every viewer's progress row created); then the service at the fixed rate, after
# load of its own that starts every viewer's session of the run; then at its maximum; then the reference again, vacuum
# stopped. This machine's speed drifts by several percent within minutes, the reference's and the service's alike, so
# the ratio takes the mean of the two references that bracket the runs.
measure_reference
pgbench_before=${pgbench_tps:-}
run_load warmup --channel "$CHANNEL" --rate "$RATE" --duration "$WARMUP" --warmup 0 --connections "$CONNECTIONS"
start_vacuuming
sample before-rate
run_load rate --channel "$CHANNEL" --rate "$RATE" --duration "$DURATION" --warmup "$RATE_WARMUP" \
  --connections "$CONNECTIONS"
sample after-rate
# Honest snapshots at RATE with unreadable ones mixed in, which the service quarantines: they must not slow the others.
# Before the maximum runs, whose million updates leave the tables to vacuum, so that it meets them as the rate run did.
run_load mixed --channel "$CHANNEL" --rate "$MIXED_RATE" --unreadable-ratio "$UNREADABLE_RATIO" \
  --duration "$MIXED_DURATION" --warmup 5 --connections "$CONNECTIONS"
sample before-max
run_load max --channel "$CHANNEL" --max --duration "$MAX_DURATION" --warmup "$MAX_WARMUP" --workers "$WORKERS"
sample end
# The same viewers through a channel that renames every key: the mapping's cost at the maximum.
run_load flat --channel "$FLAT_CHANNEL" --shape flat --max --duration "$MAX_DURATION" --warmup "$MAX_WARMUP" \
  --workers "$WORKERS"
check_progress
stop_vacuuming
measure_reference
pgbench_after=${pgbench_tps:-}
pgbench_tps=$(awk -v a="$pgbench_before" -v b="$pgbench_after" \
  'BEGIN { if (a > 0 && b > 0) printf "%.1f", (a + b) / 2; else if (a > 0) print a; else if (b > 0) print b }')

echo
echo "## lms-service benchmark: LMS snapshots of $VIEWERS simulated viewers"
echo
echo "Machine: $(nproc) CPUs, $(free -h | awk '/^Mem:/ {print $2 " RAM (" $7 " available)"}'), $(java -version 2>&1 | head -n 1)," \
  "load average $(cut -d ' ' -f 1-3 /proc/loadavg) at the end"
echo "Everything on this machine (service, PostgreSQL, RabbitMQ, load generator); $pinning."
echo "Service settings: LMS_BATCH_SIZE=${LMS_BATCH_SIZE:-1000 (default)}, LMS_WRITERS=${LMS_WRITERS:-2 (default)}, JVM options: ${SERVICE_JAVA_OPTS:-none}."
echo "Vacuum: $vacuuming ($(vacuum_runs) runs)."
echo
echo "| run | throughput (/s) | p50 ms | p99 ms | p99.9 ms | max ms | non-200 | errors | wrong answers | / pgbench tps |"
echo "|---|---|---|---|---|---|---|---|---|---|"
printf '| pgbench INSERT+commit, 16 clients, %s s: the mean of %s before the runs and %s after them | %s | | | | | | | | (reference) |\n' \
  "$PGBENCH_DURATION" "${pgbench_before:--}" "${pgbench_after:--}" "${pgbench_tps:--}"
row rate "snapshots at ${RATE}/s, ${DURATION} s"
row max "snapshots at the maximum, $WORKERS workers, ${MAX_DURATION} s"
row flat "flat-keys channel at the maximum, $WORKERS workers, ${MAX_DURATION} s"
row mixed "snapshots at ${MIXED_RATE}/s, ${UNREADABLE_RATIO} of them unreadable, ${MIXED_DURATION} s"
echo
echo "| service (/q/metrics) | accepted | duplicate (share) | unanswered | commits | mean batch | batch p99 (bucket) | mean commit ms | writers busy (100% = one writer all the time) | mean ack ms | ack p99 ms (bucket) |"
echo "|---|---|---|---|---|---|---|---|---|---|---|"
service_row "run at ${RATE}/s, ${RATE_WARMUP} s warm-up included" before-rate after-rate
service_row "max run, ${MAX_WARMUP} s warm-up included" before-max end
echo
echo "| CPU, in cores | service | PostgreSQL backends | load generator | everything else | machine busy |"
echo "|---|---|---|---|---|---|"
cpu_row "run at ${RATE}/s, ${RATE_WARMUP} s warm-up included" before-rate after-rate
cpu_row "max run, ${MAX_WARMUP} s warm-up included" before-max end
echo
echo "Warm-up at ${RATE}/s for ${WARMUP} s (not recorded): $(field warmup requests) requests, p99 $(field warmup p99) ms," \
  "$(field warmup non200) non-200, $(field warmup errors) errors, $(field warmup unexpected) wrong answers"
echo "Progress in $DB: ${learners:--} learners ($VIEWERS viewers), ${completed:--} completed, ${sessions:--} sessions (${session_rows:--} rows);" \
  "${events:--} events recorded, ${published:--} published; ${flat_learners:--} learners on the flat-keys channel;" \
  "${quarantined:--} snapshots quarantined"
echo "$progress_check"
echo "Service log: $(grep -cE ' (WARN|ERROR) ' "$work/service.log" || true) warnings or errors ($work/service.log)"
grep -E ' (WARN|ERROR) ' "$work/service.log" | head -n 5 || true
echo
targets
exit "$failed"
