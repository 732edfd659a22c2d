# Sourced by the benchmark scripts: a scratch database, a free port, a fast-jar started and awaited.
# The caller defines log() and sets DB, jar, module and work; await_ready sets nothing but reads service_pid and port.

as_root() {
  if [ "$(id -u)" -eq 0 ]; then "$@"; else sudo "$@"; fi
}

psql_admin() {
  if [ "$(id -u)" -eq 0 ]; then su postgres -c "psql -v ON_ERROR_STOP=1 -qAt $*"; else sudo -u postgres psql -v ON_ERROR_STOP=1 -qAt "$@"; fi
}

psql_bench() { PGPASSWORD=kollus PGOPTIONS="-c client_min_messages=warning ${PSQL_SESSION_OPTIONS:-}" psql -h localhost -U kollus -d "$DB" -v ON_ERROR_STOP=1 -qAt "$@"; }

# A new, empty kollus-bench virtual host for the run: events an earlier run left in its queues (a consumer that was
# stopped with a backlog) would otherwise be consumed during this run's measurements.
fresh_virtual_host() {
  as_root rabbitmqctl -q delete_vhost kollus-bench >/dev/null 2>&1 || true
  as_root rabbitmqctl -q add_vhost kollus-bench
  as_root rabbitmqctl -q set_permissions -p kollus-bench guest '.*' '.*' '.*'
}

ensure_database() {
  # A scratch database, new for every run, so that results never depend on earlier runs' rows.
  psql_admin -d postgres -c "'DROP DATABASE IF EXISTS ${DB} WITH (FORCE)'"
  psql_admin -d postgres -c "'CREATE DATABASE ${DB} OWNER kollus'"
  log "database $DB created afresh"
}

needs_build() {
  [ -f "$jar" ] || return 0
  [ -n "$(find pom.xml callback-commons "$module" -newer "$jar" \( -name '*.java' -o -name '*.properties' \
    -o -name '*.sql' -o -name 'pom.xml' \) -not -path '*/target/*' -print -quit)" ]
}

# SIGTERM to the started service, then waits for it to finish.
stop_service() {
  if [ -n "${service_pid:-}" ]; then
    log "stopping the service"
    kill -TERM "$service_pid" 2>/dev/null || true
    wait "$service_pid" 2>/dev/null || true
    service_pid=
  fi
}

# The load generator ($1 names it) gets a core of its own when it can, so that its threads do not preempt each other
# at random. Sets pin, the command prefix, and pinning, the summary's account of it.
choose_pinning() {
  local cpu=$(($(nproc) - 1)) what=${1:-load generator}
  if command -v taskset >/dev/null 2>&1 && taskset -c "$cpu" true 2>/dev/null; then
    pin=(taskset -c "$cpu")
    pinning="$what pinned to CPU $cpu with taskset (the service and PostgreSQL are not pinned)"
  else
    pin=()
    pinning="$what not pinned (taskset unavailable)"
  fi
  log "$pinning"
}

# The first free port from $PORT, or from the script's default $1.
free_port() {
  local port=${PORT:-$1}
  while (exec 3<>"/dev/tcp/127.0.0.1/$port") 2>/dev/null; do port=$((port + 1)); done
  echo "$port"
}

# Waits up to two minutes for the started service's readiness; exits with the end of its log otherwise.
await_ready() {
  for _ in $(seq 1 120); do
    if curl -fs -o /dev/null "http://localhost:$port/q/health/ready"; then
      log "service ready"
      return
    fi
    kill -0 "$service_pid" 2>/dev/null || break
    sleep 1
  done
  log "the service did not become ready; last lines of its log:"
  tail -n 40 "$work/service.log"
  exit 1
}

# A field of the RESULT line the load generator printed for run $1.
field() { sed -n "s/^RESULT .* $2=\([^ ]*\).*/\1/p" "$work/$1.out"; }

# Without autovacuum, which this machine's PostgreSQL may run without (as CI clusters often do), tables are never
# analyzed, so the service's queries are planned for empty tables, and dead rows are never reclaimed: a state no
# production database is in. When autovacuum is off, start_vacuuming stands in for it on the tables $VACUUM_TABLES
# (a comma list; empty: every table) of the databases $VACUUM_DATABASES (space-separated; default $DB): once now,
# then every VACUUM_INTERVAL seconds in the background, logged in $work/vacuum.log. Each run first analyzes the tables
# (a sample of each: cheap, and the statistics the planner needs as soon as a table fills), then vacuums them throttled
# as autovacuum is (the server's autovacuum cost delay and limit): an unthrottled VACUUM of every table competes with
# the service for the disk and CPU in a way autovacuum never does. Sets vacuuming, the summary's account of it, and
# vacuum_pid, which stop_vacuuming ends.
start_vacuuming() {
  local delay limit
  if [ "$(psql_bench -c 'show autovacuum')" = on ]; then
    vacuuming="autovacuum on"
  elif [ "$VACUUM_INTERVAL" -le 0 ]; then
    vacuuming="autovacuum off in this PostgreSQL, and not stood in for (VACUUM_INTERVAL=0)"
  else
    delay=$(psql_bench -c 'show autovacuum_vacuum_cost_delay')
    limit=$(psql_bench -c 'show autovacuum_vacuum_cost_limit')
    [ "$limit" != -1 ] || limit=$(psql_bench -c 'show vacuum_cost_limit')
    vacuum_throttle="-c vacuum_cost_delay=$delay -c vacuum_cost_limit=$limit"
    vacuuming="autovacuum off in this PostgreSQL; the script ran ANALYZE, then VACUUM throttled as autovacuum is (cost delay $delay, cost limit $limit), on ${VACUUM_TABLES:-every table} of ${VACUUM_DATABASES:-$DB} once before the measured load and every $VACUUM_INTERVAL s after that"
    vacuum_tables >>"$work/vacuum.log"
    (while sleep "$VACUUM_INTERVAL"; do vacuum_tables; done) >>"$work/vacuum.log" &
    vacuum_pid=$!
  fi
  log "$vacuuming"
}

vacuum_tables() {
  local started database
  started=$(date +%s%N)
  for database in ${VACUUM_DATABASES:-$DB}; do
    if [ -n "${VACUUM_TABLES:-}" ]; then
      DB=$database psql_bench -c "analyze $VACUUM_TABLES" 2>&1 || true
      PSQL_SESSION_OPTIONS=$vacuum_throttle DB=$database psql_bench -c "vacuum $VACUUM_TABLES" 2>&1 || true
    else
      DB=$database psql_bench -c "analyze" 2>&1 || true
      printf '%s\n' "select format('vacuum %I', tablename) from pg_tables where schemaname = 'public'" '\gexec' |
        PSQL_SESSION_OPTIONS=$vacuum_throttle DB=$database psql_bench 2>&1 || true
    fi
  done
  echo "$(date +%T) analyze and vacuum took $((($(date +%s%N) - started) / 1000000)) ms"
}

# How many vacuum runs the log records.
vacuum_runs() { grep -c took "$work/vacuum.log" 2>/dev/null || true; }

stop_vacuuming() {
  if [ -n "${vacuum_pid:-}" ]; then
    # Its sleep or psql would outlive it.
    local children
    children=$(pgrep -P "$vacuum_pid" || true)
    kill "$vacuum_pid" $children 2>/dev/null || true
    wait "$vacuum_pid" 2>/dev/null || true
    vacuum_pid=
  fi
}
