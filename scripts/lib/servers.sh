# Sourced by the scripts that bring up PostgreSQL and RabbitMQ: root commands and the Debian packages they need.
# Expects the caller's log function.

as_root() {
  if [ "$(id -u)" -eq 0 ]; then "$@"; else sudo "$@"; fi
}

# Installs PostgreSQL and RabbitMQ from the machine's Debian sources when either is missing.
install_missing() {
  local missing=()
  command -v pg_ctlcluster >/dev/null 2>&1 || missing+=(postgresql)
  command -v rabbitmq-server >/dev/null 2>&1 || missing+=(rabbitmq-server)
  if [ ${#missing[@]} -gt 0 ]; then
    log "installing ${missing[*]}"
    as_root apt-get update -q
    as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y -q --no-install-recommends "${missing[@]}"
  fi
}
