#!/usr/bin/env bash
# Remake the HAR fixture: a real WebSocket exchange between Node's `ws` (permessage-deflate,
# every message compressed) and Chromium on loopback, recorded by Chromium through
# playwright-core's recordHar (content "embed": the messages are in _webSocketMessages).
#
# usage: testdata/har/make.sh
#
# Writes ws-chromium-deflate.har (the HAR, as written) and ws-chromium-deflate.peers.json
# (what the server sent and received, logged by the server itself). Needs node, Chromium
# (/usr/bin/chromium, or CHROMIUM=...) and ../peers/node_modules (cd ../peers && npm ci).
set -euo pipefail
HERE=$(cd "$(dirname "$0")" && pwd)
PEERS=$(cd "$HERE/../peers" && pwd)
[ -f "$PEERS/node_modules/ws/package.json" ] && [ -f "$PEERS/node_modules/playwright-core/package.json" ] ||
  { echo "make.sh: run (cd $PEERS && npm ci) first" >&2; exit 2; }
cd "$PEERS"
timeout 60 node har_peers.js 9012 "$HERE/ws-chromium-deflate.har" "$HERE/ws-chromium-deflate.peers.json"
echo "$(wc -c <"$HERE/ws-chromium-deflate.har") bytes of HAR" >&2
