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

# A queue's arguments are fixed when it is created, and a service declaring it with others is refused:
# deletes queue $3 of virtual host $2 when it exists without argument $4, as an earlier version of the
# suite declared it. $1 runs rabbitmqctl against the node meant. For test and development nodes only.
drop_outdated_queue() {
  local ctl=$1 vhost=$2 queue=$3 argument=$4 line
  line=$("$ctl" list_queues -p "$vhost" name arguments 2>/dev/null | awk -F'\t' -v q="$queue" '$1 == q')
  if [ -n "$line" ] && [[ "$line" != *"$argument"* ]]; then
    log "deleting queue ${queue} in ${vhost}: an earlier version declared it without ${argument}"
    "$ctl" delete_queue -p "$vhost" "$queue" >/dev/null
  fi
}
