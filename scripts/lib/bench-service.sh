# Sourced by the benchmark scripts: a scratch database, a free port, a fast-jar started and awaited.
# The caller defines log() and sets DB, jar, module and work; await_ready sets nothing but reads service_pid and port.

as_root() {
  if [ "$(id -u)" -eq 0 ]; then "$@"; else sudo "$@"; fi
}

psql_admin() {
  if [ "$(id -u)" -eq 0 ]; then su postgres -c "psql -v ON_ERROR_STOP=1 -qAt $*"; else sudo -u postgres psql -v ON_ERROR_STOP=1 -qAt "$@"; fi
}

psql_bench() { PGPASSWORD=kollus PGOPTIONS="-c client_min_messages=warning" psql -h localhost -U kollus -d "$DB" -v ON_ERROR_STOP=1 -qAt "$@"; }

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
