#!/usr/bin/env bash
# Installs the Debian packages tests need when they are missing (idempotent, quiet):
#   chromium    /usr/bin/chromium, the headless browser of the CORS browser test
#   prometheus  promtool, which checks and unit-tests infra/prometheus/alerts.yml
#               (infra/test/monitoring.spec.ts; it fails without promtool when CI=true)
# Nothing happens when both are there; otherwise apt-get update, then install only what lacks.
set -euo pipefail

missing=()
[ -x /usr/bin/chromium ] || missing+=(chromium)
command -v promtool >/dev/null 2>&1 || [ -x /usr/bin/promtool ] || missing+=(prometheus)

if [ ${#missing[@]} -eq 0 ]; then
  echo "ensure-tools: chromium and promtool are installed"
  exit 0
fi

sudo=()
if [ "$(id -u)" -ne 0 ]; then
  command -v sudo >/dev/null 2>&1 || {
    echo "ensure-tools: ${missing[*]} missing and not root (no sudo): install them with apt-get" >&2
    exit 1
  }
  sudo=(sudo)
fi

echo "ensure-tools: installing ${missing[*]}"
export DEBIAN_FRONTEND=noninteractive
"${sudo[@]}" apt-get update -qq
"${sudo[@]}" apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null

[ -x /usr/bin/chromium ] || { echo "ensure-tools: /usr/bin/chromium is still missing" >&2; exit 1; }
command -v promtool >/dev/null 2>&1 || { echo "ensure-tools: promtool is still missing" >&2; exit 1; }
echo "ensure-tools: installed ${missing[*]}"
