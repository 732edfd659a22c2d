#!/usr/bin/env bash
# Runs the whole test suite: PostgreSQL and RabbitMQ up (installed and started if needed), then every
# module's unit, Quarkus and integration tests against them.
set -euo pipefail

root=$(cd "$(dirname "$0")/.." && pwd)
cd "$root"

bash scripts/services-up.sh
mvn -B verify "$@"
