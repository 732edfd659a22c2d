#!/usr/bin/env bash
# Checks the deployment files without a container engine or a cluster:
#   - docker-compose.yml with docker-compose's own validation (unknown keys, wrong types, YAML errors),
#     installing Debian's docker-compose when it is missing;
#   - the Kubernetes manifests, as written and as kubectl kustomize renders them, against their JSON
#     schemas (deploy/validate, npm kubernetes-models).
# The deployment-tests Maven module, part of mvn verify, checks the same files against fabric8's
# Kubernetes model and against what the services read. Safe to run any number of times.
set -euo pipefail

root=$(cd "$(dirname "$0")/.." && pwd)
cd "$root"

log() { printf '[validate-deployment] %s\n' "$*"; }

as_root() {
  if [ "$(id -u)" -eq 0 ]; then "$@"; else sudo "$@"; fi
}

if ! command -v docker-compose >/dev/null 2>&1; then
  log "installing docker-compose"
  as_root apt-get update -q
  # Without --no-install-recommends apt would bring in the whole Docker engine.
  as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y -q --no-install-recommends docker-compose
fi

# docker-compose.yml reads .env, which is never committed: check it with .env.example in its place, in
# a scratch directory whose other entries link to the repository's (a developer's own .env is left alone).
scratch=$(mktemp -d)
trap 'rm -rf "$scratch"' EXIT
for entry in "$root"/* "$root/.env.example"; do
  ln -s "$entry" "$scratch/"
done
cp "$root/.env.example" "$scratch/.env"
docker-compose --project-directory "$scratch" -f "$scratch/docker-compose.yml" config -q
log "docker-compose.yml is valid"

if ! command -v kubectl >/dev/null 2>&1; then
  log "kubectl is missing: it renders the Kustomize overlays (kubectl kustomize)"
  exit 1
fi
cd deploy/validate
npm ci --no-audit --no-fund --loglevel=error
node validate.mjs
