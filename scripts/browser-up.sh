#!/usr/bin/env bash
# Installs what the console's browser test needs: Debian's Chromium (when missing) and the pinned
# playwright-core package of end-to-end-tests/browser, which drives that Chromium (it never downloads a
# browser of its own). Safe to run any number of times.
set -euo pipefail

root=$(cd "$(dirname "$0")/.." && pwd)

log() { printf '[browser-up] %s\n' "$*"; }

as_root() {
  if [ "$(id -u)" -eq 0 ]; then "$@"; else sudo "$@"; fi
}

missing=()
command -v chromium >/dev/null 2>&1 || missing+=(chromium)
command -v node >/dev/null 2>&1 || missing+=(nodejs)
command -v npm >/dev/null 2>&1 || missing+=(npm)
if [ ${#missing[@]} -gt 0 ]; then
  log "installing ${missing[*]}"
  as_root apt-get update -q
  as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y -q --no-install-recommends "${missing[@]}"
fi
log "$(chromium --version 2>/dev/null || echo 'chromium: version unknown')"

browser="$root/ops-console/src/test/browser"
if [ ! -d "$browser/node_modules/playwright-core" ] || [ "$browser/package-lock.json" -nt "$browser/node_modules/.package-lock.json" ]; then
  log "installing the browser test's npm packages"
  (cd "$browser" && npm ci --no-audit --no-fund --loglevel=error)
fi
log "ready"
