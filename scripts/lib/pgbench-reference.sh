# Sourced by the benchmark scripts: PostgreSQL's own throughput with one single-row INSERT per commit (pgbench),
# the reference a service's throughput is compared with, measured in the same run on the same machine.
# Expects the caller's log function and as_root (sudo unless already root).

PGBENCH_REFERENCE_TABLE=bench_insert_reference

# Prints the path of pgbench, installing postgresql-contrib when it is missing.
find_pgbench() {
  local found
  found=$(command -v pgbench || ls -1 /usr/lib/postgresql/*/bin/pgbench 2>/dev/null | sort -V | tail -n 1 || true)
  if [ -z "$found" ]; then
    {
      log "installing postgresql-contrib for pgbench"
      as_root apt-get update -q
      as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y -q --no-install-recommends postgresql-contrib
    } >&2
    found=$(command -v pgbench || ls -1 /usr/lib/postgresql/*/bin/pgbench | sort -V | tail -n 1)
  fi
  echo "$found"
}

# Runs pgbench ($1) for $4 seconds against database $2 as the kollus role: 16 clients inserting one row per commit
# into a scratch table, dropped afterwards. Keeps its output in directory $3 and sets pgbench_tps (empty when pgbench
# printed none).
run_pgbench_reference() {
  local pgbench=$1 db=$2 dir=$3 seconds=$4
  local psql=(psql -h localhost -U kollus -d "$db" -v ON_ERROR_STOP=1 -qAt)
  PGPASSWORD=kollus PGOPTIONS="-c client_min_messages=warning" "${psql[@]}" <<SQL
drop table if exists $PGBENCH_REFERENCE_TABLE;
create table $PGBENCH_REFERENCE_TABLE (id bigserial primary key, k bigint not null, payload text not null,
                                       created_at timestamptz not null default now());
SQL
  cat >"$dir/insert.sql" <<SQL
\set k random(1, 1000000000)
insert into $PGBENCH_REFERENCE_TABLE (k, payload) values (:k, 'callback reference row');
SQL
  log "pgbench: single-row INSERT, one commit each, 16 clients, 2 threads, ${seconds} s"
  PGPASSWORD=kollus "$pgbench" -h localhost -U kollus -n -c 16 -j 2 -T "$seconds" -f "$dir/insert.sql" "$db" \
    | tee "$dir/pgbench.out"
  pgbench_tps=$(awk '/^tps = / {printf "%.1f", $3; exit}' "$dir/pgbench.out")
  PGPASSWORD=kollus "${psql[@]}" -c "drop table if exists $PGBENCH_REFERENCE_TABLE"
}
