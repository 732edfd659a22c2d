#!/usr/bin/env bash
# The longer fuzz run: every *FuzzTest of every module with FUZZ_INPUTS hostile requests per endpoint
# (default 50000; CI sends 2000). FUZZ_SEED replays one run's inputs; extra arguments go to Maven.
set -euo pipefail

root=$(cd "$(dirname "$0")/.." && pwd)
cd "$root"

bash scripts/services-up.sh
seed=()
if [[ -n "${FUZZ_SEED:-}" ]]; then
  seed=("-Dfuzz.seed=$FUZZ_SEED")
fi
mvn -B verify -Dtest='*FuzzTest' -Dsurefire.failIfNoSpecifiedTests=false \
  -Dit.test='NoSuch*' -Dfailsafe.failIfNoSpecifiedTests=false \
  -Dfuzz.inputs="${FUZZ_INPUTS:-50000}" "${seed[@]}" "$@"
