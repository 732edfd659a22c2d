#!/usr/bin/env bash
# Runs the whole suite on this machine: PostgreSQL and RabbitMQ up, the four services and the
# operations console built if needed and started as fast-jars with the demo configuration of
# config/demo.env. Ctrl-C stops them cleanly.
set -euo pipefail

root=$(cd "$(dirname "$0")/.." && pwd)
cd "$root"

services=(platform-callback-service:8081 player-callback-service:8082 lms-service:8083 notifier-service:8084 ops-console:8085)
run_dir="$root/.run"
pids=()

log() { printf '[run] %s\n' "$*"; }

stop_all() {
  trap - INT TERM EXIT
  if [ ${#pids[@]} -gt 0 ]; then
    log "stopping the services"
    kill -TERM "${pids[@]}" 2>/dev/null || true
    wait "${pids[@]}" 2>/dev/null || true
  fi
  log "stopped"
}

needs_build() {
  local module jar
  for entry in "${services[@]}"; do
    module=${entry%%:*}
    jar="$module/target/quarkus-app/quarkus-run.jar"
    [ -f "$jar" ] || return 0
    [ -z "$(find pom.xml callback-commons "$module" -newer "$jar" \( -name '*.java' -o -name '*.properties' -o -name '*.sql' -o -name 'pom.xml' \) -not -path '*/target/*' -print -quit)" ] || return 0
  done
  return 1
}

bash scripts/services-up.sh

if needs_build; then
  log "building the services"
  mvn -B -q -DskipTests package
fi

# The demo file only fills in what the environment does not already set.
while IFS='=' read -r name value; do
  case "$name" in ''|\#*) continue ;; esac
  [ -n "${!name+x}" ] || export "$name=$value"
done < config/demo.env

mkdir -p "$run_dir"
trap 'stop_all; exit 0' INT TERM
trap stop_all EXIT
for entry in "${services[@]}"; do
  module=${entry%%:*}; port=${entry##*:}
  QUARKUS_HTTP_PORT=$port java -jar "$module/target/quarkus-app/quarkus-run.jar" >"$run_dir/$module.log" 2>&1 &
  pids+=($!)
done

log "waiting for the services to be ready (logs in .run/)"
deadline=$((SECONDS + 180))
for entry in "${services[@]}"; do
  module=${entry%%:*}; port=${entry##*:}
  until curl -fsS "http://localhost:$port/q/health/ready" >/dev/null 2>&1; do
    if [ $SECONDS -ge $deadline ]; then
      log "$module did not become ready; last lines of .run/$module.log:"
      tail -n 30 "$run_dir/$module.log"
      exit 1
    fi
    sleep 1
  done
  log "$module ready on http://localhost:$port (health: /q/health, metrics: /q/metrics, OpenAPI: /q/openapi)"
done

cat <<TXT

The suite is running with the DEMO configuration of config/demo.env.
  platform callbacks  http://localhost:8081/callbacks/platform/{upload,transcoding,content-update,channel-add,channel-remove}?token=\$KOLLUS_CALLBACK_TOKEN
  player callbacks    http://localhost:8082/callbacks/channels/demo-channel/{play,drm,next-episode}?token=\$KOLLUS_CALLBACK_TOKEN
  LMS callbacks       http://localhost:8083/callbacks/channels/demo-channel/lms?token=\$KOLLUS_CALLBACK_TOKEN
  webhooks notifier   http://localhost:8084
  operations console  http://localhost:8085 (sign in with \$ADMIN_API_TOKEN)
  admin APIs          /api/v1/... on each port, header "Authorization: Bearer \$ADMIN_API_TOKEN"
Press Ctrl-C to stop.
TXT

wait -n "${pids[@]}" || true
log "a service exited; see .run/"
exit 1
