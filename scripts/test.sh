#!/usr/bin/env bash
# Runs the whole test suite: PostgreSQL and RabbitMQ up (installed and started if needed), the second
# PostgreSQL cluster and RabbitMQ node that fault tests stop and start for real, Chromium and
# the browser test's npm packages installed, then every module's unit, Quarkus and integration tests.
set -euo pipefail

root=$(cd "$(dirname "$0")/.." && pwd)
cd "$root"

bash scripts/services-up.sh
bash scripts/fault-nodes-up.sh
bash scripts/browser-up.sh
mvn -B verify "$@"
