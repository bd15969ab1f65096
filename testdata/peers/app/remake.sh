#!/usr/bin/env bash
# Remake the application-protocol captures in testdata/captures/r-*.pcap (see testdata/README.md).
#
# usage: testdata/peers/app/remake.sh [SCENARIO...]   default: all of
#   sio09 sio2 mqtt-aedes mqtt5 graphql graphql-legacy stomp signalr-json signalr-msgpack binary
#
# Run by hand as root (tcpdump on lo), not by make test. Needs tcpdump, node, the npm
# packages of package.json (cd testdata/peers/app && npm ci), and for mqtt5 Debian's mosquitto.
# For each scenario: tcpdump on lo for the scenario's port, the server, then the client, each
# with its own timeout; then NAME.pcap, NAME.log.json (what each peer logged it sent, at the
# application level).
set -euo pipefail
HERE=$(cd "$(dirname "$0")" && pwd)
OUT=$(cd "$HERE/../.." && pwd)/captures
cd "$HERE"
missing=()
for c in tcpdump node; do command -v $c >/dev/null || missing+=("$c"); done
[ -d node_modules/sio09 ] || missing+=("node modules: (cd $HERE && npm ci)")
[ "$(id -u)" = 0 ] || missing+=("root (tcpdump on lo)")
if [ ${#missing[@]} -gt 0 ]; then printf 'remake.sh: missing %s\n' "${missing[@]}" >&2; exit 2; fi
WORK=$(mktemp -d /tmp/wsframe-app.XXXXXX)
trap 'rm -rf "$WORK"' EXIT

# record NAME PORT SERVER_CMD CLIENT_CMD: both commands get LOG file paths appended.
record() {
  local name=$1 port=$2 server=$3 client=$4
  echo "== $name (port $port)"
  tcpdump -i lo -s 0 -U -w "$WORK/$name.pcap" "tcp port $port" 2>/dev/null & local cap=$!
  sleep 0.7
  local spid=
  if [ -n "$server" ]; then timeout 12 $server "$WORK/$name.server.json" & spid=$!; sleep 1; fi
  timeout 12 $client "$WORK/$name.client.json"
  [ -n "$spid" ] && wait $spid || true
  sleep 0.5; kill -INT $cap; wait $cap || true
  cp "$WORK/$name.pcap" "$OUT/$name.pcap"
  node -e '
    const fs = require("fs"); const [out, ...files] = process.argv.slice(1);
    const all = files.filter((f) => fs.existsSync(f)).flatMap((f) => JSON.parse(fs.readFileSync(f, "utf8")));
    fs.writeFileSync(out, JSON.stringify(all, null, 1) + "\n");' "$OUT/$name.log.json" "$WORK/$name.server.json" "$WORK/$name.client.json"
  ls -l "$OUT/$name.pcap"
}

run() {
  case $1 in
  sio09) record r-sio09-lo4 8931 "node sio09.js server 8931" "node sio09.js client 8931" ;;
  sio2) record r-sio2-lo4 8932 "node sio2.js server 8932" "node sio2.js client 8932" ;;
  # tshark 4.0 does not hand WebSocket payloads to its MQTT dissector here (even with
  # -d tcp.port==N,http and "Sec-WebSocket-Protocol: mqtt" answered), so there is no tshark oracle.
  mqtt-aedes) record r-mqtt-aedes-lo4 8933 "" "node mqtt.js aedes 8933" ;;
  mqtt5)
    command -v mosquitto >/dev/null || { echo "mqtt5 needs mosquitto: apt-get install mosquitto" >&2; return 2; }
    printf 'listener 8940 127.0.0.1\nallow_anonymous true\n' > "$WORK/mosquitto.conf"
    timeout 15 mosquitto -c "$WORK/mosquitto.conf" >/dev/null 2>&1 & local mp=$!
    sleep 0.5
    record r-mqtt5-mosquitto-lo4 8934 "" "node mqtt.js mqtt5 8934 8940" || true
    kill $mp 2>/dev/null || true ;;
  graphql) record r-graphql-ws-lo4 8935 "node graphql.js server 8935" "node graphql.js client 8935" ;;
  graphql-legacy) record r-graphql-legacy-lo4 8942 "node graphql-legacy.js server 8942" "node graphql-legacy.js client 8942" ;;
  stomp) record r-stomp-lo4 8936 "node stomp.js server 8936" "node stomp.js client 8936" ;;
  signalr-json) record r-signalr-json-lo4 8937 "node signalr.js server json 8937" "node signalr.js client json 8937" ;;
  signalr-msgpack) record r-signalr-msgpack-lo4 8941 "node signalr.js server messagepack 8941" "node signalr.js client messagepack 8941" ;;
  binary) record r-binary-lo4 8938 "node binary.js server 8938" "node binary.js client 8938" ;;
  *) echo "unknown scenario $1" >&2; return 2 ;;
  esac
}
for s in "${@:-sio09 sio2 mqtt-aedes mqtt5 graphql graphql-legacy stomp signalr-json signalr-msgpack binary}"; do for x in $s; do run "$x"; done; done
