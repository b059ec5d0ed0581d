#!/usr/bin/env bash
# Installs the Telegram emulator (telegram-test-api, pinned in package-lock.json); a no-op when current.
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
stamp="$here/node_modules/.lock-sha256"
want="$(sha256sum "$here/package-lock.json" | cut -d' ' -f1)"
if [[ -f "$stamp" && "$(cat "$stamp")" == "$want" ]]; then
    exit 0
fi
npm ci --prefix "$here" --ignore-scripts --no-audit --no-fund --loglevel=error
echo "$want" >"$stamp"
