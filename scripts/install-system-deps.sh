#!/usr/bin/env bash
# Debian packages the tests need: zbar-tools (a real QR decoder), librsvg2-bin (renders SVG to PNG)
# PostgreSQL, and for the browser suite Chromium with its driver and Node. Installs only what is missing.
set -euo pipefail
need=()
command -v zbarimg >/dev/null || need+=(zbar-tools)
command -v rsvg-convert >/dev/null || need+=(librsvg2-bin)
ls /usr/lib/postgresql/*/bin/initdb >/dev/null 2>&1 || need+=(postgresql)
command -v chromium >/dev/null || need+=(chromium)
command -v chromedriver >/dev/null || need+=(chromium-driver)
command -v node >/dev/null || need+=(nodejs)
if [ ${#need[@]} -gt 0 ]; then
  echo "installing ${need[*]} from Debian…" >&2
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -qq
  apt-get install -y -qq "${need[@]}" >/dev/null
fi
