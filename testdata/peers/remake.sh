#!/usr/bin/env bash
# Remake the real-peer WebSocket captures in testdata/captures/.
#
# usage: testdata/peers/remake.sh [SCENARIO...]     SCENARIO is a letter a..h; default all
#
# Installs nothing. It checks what it needs and says how to get what is missing, then for
# each scenario: starts the capture (tcpdump or dumpcap, capture filter "tcp port N" on a
# port of its own), starts the server and then the client on loopback, waits for both to
# exit (each has its own timeout), stops the capture, merges the peers' own sent logs into
# NAME.sent.json and saves tshark's view as NAME.tshark.json. Must run as root (or with
# capture rights). Rerunnable: every output file is rewritten.
set -euo pipefail

HERE=$(cd "$(dirname "$0")" && pwd)
OUT=$(cd "$HERE/.." && pwd)/captures
PY=/usr/bin/python3
CHROMIUM=${CHROMIUM:-/usr/bin/chromium}
export CHROMIUM
mkdir -p "$OUT"

# ---------------------------------------------------------------- prerequisites
missing=()
need() { command -v "$1" >/dev/null 2>&1 || missing+=("$1: $2"); }
need tcpdump "apt-get install tcpdump"
need dumpcap "apt-get install tshark (dumpcap is in wireshark-common; answer 'no' to setuid, run as root)"
need tshark "echo 'wireshark-common wireshark-common/install-setuid boolean false' | debconf-set-selections; DEBIAN_FRONTEND=noninteractive apt-get install tshark"
need node "apt-get install nodejs npm (node 18+)"
need go "a Go toolchain (go.dev), for gopeer/"
need timeout "coreutils"
[ -x "$CHROMIUM" ] || missing+=("$CHROMIUM: apt-get install chromium (or set CHROMIUM=/path/to/chromium)")
[ -x "$PY" ] && "$PY" -c 'import websockets' 2>/dev/null ||
  missing+=("$PY with websockets: apt-get install python3-websockets (Debian's, not pip)")
for m in ws websocket playwright-core socket.io socket.io-client; do
  [ -f "$HERE/node_modules/$m/package.json" ] || missing+=("node module $m: (cd $HERE && npm ci)")
done
[ "$(id -u)" = 0 ] || missing+=("root: packet capture on lo needs root (or CAP_NET_RAW for tcpdump/dumpcap)")
if [ ${#missing[@]} -gt 0 ]; then
  echo "remake.sh: missing prerequisites:" >&2
  printf '  - %s\n' "${missing[@]}" >&2
  exit 2
fi
# gopeer: build from the module cache only; never download here.
if ! (cd "$HERE/gopeer" && GOFLAGS=-mod=readonly GOPROXY=off go build -o gopeer .) 2>/tmp/gopeer-build.$$; then
  cat /tmp/gopeer-build.$$ >&2; rm -f /tmp/gopeer-build.$$
  echo "remake.sh: cannot build gopeer offline; fetch its modules once: (cd $HERE/gopeer && go mod download)" >&2
  exit 2
fi
rm -f /tmp/gopeer-build.$$

WORK=$(mktemp -d /tmp/wsframe-remake.XXXXXX)
CAP_PID=
cleanup() {
  if [ -n "$CAP_PID" ]; then kill -INT "$CAP_PID" 2>/dev/null || true; wait "$CAP_PID" 2>/dev/null || true; fi
  rm -rf "$WORK"
}
trap cleanup EXIT
cd "$HERE"

# ---------------------------------------------------------------- helpers
# start_capture TOOL FILE PORT [extra args...]   TOOL: tcpdump | dumpcap
start_capture() {
  local tool=$1 file=$2 port=$3; shift 3
  rm -f "$file"
  : >"$WORK/cap.log"
  if [ "$tool" = tcpdump ]; then
    timeout 60 tcpdump -n -U --immediate-mode -B 32768 -s 262144 "$@" -w "$file" "tcp port $port" 2>"$WORK/cap.log" &
  else
    timeout 60 dumpcap -q -B 32 -s 262144 "$@" -f "tcp port $port" -w "$file" 2>"$WORK/cap.log" &
  fi
  CAP_PID=$!
  for _ in $(seq 100); do
    grep -qE 'listening on|Capturing on' "$WORK/cap.log" && break
    kill -0 "$CAP_PID" 2>/dev/null || { cat "$WORK/cap.log" >&2; return 1; }
    sleep 0.05
  done
  # dumpcap -q prints nothing: give it a moment instead.
  sleep 0.7
}
stop_capture() {
  # let the last packets (FIN/ACK) reach the file; dumpcap delivers in ~1 s blocks
  sleep 1.5
  kill -INT "$CAP_PID" 2>/dev/null || true
  wait "$CAP_PID" 2>/dev/null || true
  CAP_PID=
  chmod 0644 "$1"
  grep -E 'captured|received by filter|dropped' "$WORK/cap.log" >&2 || true
  # a capture that lost packets is not kept: tcpdump says "N packets dropped by kernel",
  # dumpcap "Packets received/dropped on interface ...: R/D"
  if grep -Eq '^[1-9][0-9]* packets dropped by kernel|received/dropped on interface.*: [0-9]+/[1-9]' "$WORK/cap.log"; then
    echo "packets were dropped while capturing $1" >&2
    return 1
  fi
}
# wait_listening LOGFILE: the servers print "listening" to stderr (no probe connection,
# which would land in the capture)
wait_listening() {
  for _ in $(seq 100); do grep -q listening "$1" && return 0; sleep 0.05; done
  echo "server did not start:" >&2; cat "$1" >&2; return 1
}
# finish NAME CAPFILE PORT [tshark decode-as...]: merge logs, save tshark's view, check
finish() {
  local name=$1 file=$2 port=$3; shift 3
  node merge_logs.js "$OUT/$name.sent.json" "$WORK/$name.server.json" "$WORK/$name.client.json"
  local decode=(-d "tcp.port==$port,http")
  [ $# -gt 0 ] && decode=("$@")
  tshark -r "$file" "${decode[@]}" -Y websocket -T json \
    -e frame.number -e frame.time_epoch -e tcp.stream -e ip.src -e ipv6.src -e tcp.srcport -e tcp.dstport \
    -e websocket.fin -e websocket.rsv -e websocket.pmc -e websocket.opcode -e websocket.mask \
    -e websocket.payload_length -e websocket.payload_length_ext_16 -e websocket.payload_length_ext_64 \
    -e websocket.masking_key -e websocket.payload.text -e websocket.payload.ping -e websocket.payload.pong \
    -e websocket.payload.close.status_code -e websocket.payload.close.reason \
    >"$WORK/tshark.json"
  # same content, one packet per line (tshark's pretty-printing triples the size)
  node -e 'const fs=require("fs");const a=JSON.parse(fs.readFileSync(process.argv[1],"utf8"));
    fs.writeFileSync(process.argv[2],"[\n"+a.map((p)=>JSON.stringify(p)).join(",\n")+"\n]\n")' \
    "$WORK/tshark.json" "$OUT/$name.tshark.json"
  local n
  n=$(tshark -r "$file" "${decode[@]}" -Y websocket 2>/dev/null | wc -l)
  printf '%s: %s bytes, %s packets with WebSocket frames per tshark\n' \
    "$(basename "$file")" "$(stat -c %s "$file")" "$n" >&2
  [ "$n" -gt 0 ] || { echo "no WebSocket frames dissected in $file" >&2; return 1; }
  # our own frame parser + zlib against the peers' logs (not against tshark)
  "$PY" check_sent.py "$file" "$OUT/$name.sent.json" "$port" ${CHECK_ARGS:-}
}
# run_pair NAME SERVER_CMD... -- CLIENT_CMD...   (server in the background, then client)
run_pair() {
  local name=$1; shift
  local scmd=() ccmd=()
  while [ "$1" != -- ]; do scmd+=("$1"); shift; done; shift
  ccmd=("$@")
  timeout 60 "${scmd[@]}" 2>"$WORK/$name.server.err" &
  local spid=$!
  wait_listening "$WORK/$name.server.err"
  local rc=0
  timeout 60 "${ccmd[@]}" 2>"$WORK/$name.client.err" || rc=$?
  wait "$spid" || rc=$?
  if [ $rc -ne 0 ]; then
    echo "$name: peers failed (rc $rc)" >&2
    sed 's/^/  server: /' "$WORK/$name.server.err" >&2
    sed 's/^/  client: /' "$WORK/$name.client.err" >&2
    return 1
  fi
}

# ---------------------------------------------------------------- scenarios
scenario_a() { # seed: WebSocket-Node server + Chromium, pcap (usec), IPv4, lo
  local name=a-websocketnode-chromium-seed-lo4 port=9001
  local f="$OUT/$name.pcap"
  start_capture tcpdump "$f" $port -i lo
  run_pair $name node seed_server.js $port "$WORK/$name.server.json" -- \
    node browser_client.js seed "http://127.0.0.1:$port/" "$WORK/$name.client.json"
  stop_capture "$f"
  finish $name "$f" $port
}
scenario_b() { # ws + permessage-deflate, Chromium client, pcapng (dumpcap), IPv4, lo
  local name=b-ws-chromium-deflate-lo4 port=9002
  local f="$OUT/$name.pcapng"
  start_capture dumpcap "$f" $port -i lo
  run_pair $name node ws_deflate_server.js $port "$WORK/$name.server.json" -- \
    node browser_client.js deflate "ws://127.0.0.1:$port/" "$WORK/$name.client.json"
  stop_capture "$f"
  finish $name "$f" $port
}
scenario_c() { # Python websockets both sides, default deflate, IPv6 ::1, pcap (nsec)
  local name=c-pywebsockets-deflate-lo6-nsec port=9003
  local f="$OUT/$name.pcap"
  start_capture tcpdump "$f" $port -i lo --time-stamp-precision=nano
  run_pair $name "$PY" py_peers.py server ::1 $port "$WORK/$name.server.json" -- \
    "$PY" py_peers.py client-c "ws://[::1]:$port/" "$WORK/$name.client.json"
  stop_capture "$f"
  finish $name "$f" $port
}
scenario_d() { # gorilla server + ws client, no compression, fragments, lengths, 4000 close; pcapng
  local name=d-gorilla-ws-fragments-lengths-lo4 port=9004
  local f="$OUT/$name.pcapng"
  start_capture dumpcap "$f" $port -i lo
  run_pair $name ./gopeer/gopeer $port "$WORK/$name.server.json" -- \
    node d_client.js "ws://127.0.0.1:$port/" "$WORK/$name.client.json"
  stop_capture "$f"
  finish $name "$f" $port
}
scenario_e() { # ws server_no_context_takeover + Python client_max_window_bits=9; pcap (usec)
  local name=e-ws-pywebsockets-nocontext-window9-lo4 port=9005
  local f="$OUT/$name.pcap"
  start_capture tcpdump "$f" $port -i lo
  run_pair $name node ws_nct_server.js $port "$WORK/$name.server.json" -- \
    "$PY" py_peers.py client-e "ws://127.0.0.1:$port/" "$WORK/$name.client.json"
  stop_capture "$f"
  finish $name "$f" $port
}
scenario_f() { # 3 interleaved connections, ws both sides, -i any, Linux cooked (SLL2 if possible)
  local name=f-ws-ws-3conns-any-sll2 port=9006 link=(-y LINUX_SLL2)
  if ! tcpdump -i any -y LINUX_SLL2 -d 'tcp port 1' >/dev/null 2>&1; then
    name=f-ws-ws-3conns-any-sll; link=()
  fi
  local f="$OUT/$name.pcap"
  start_capture tcpdump "$f" $port -i any "${link[@]}"
  run_pair $name node f_server.js $port "$WORK/$name.server.json" 3 -- \
    node f_clients.js "ws://127.0.0.1:$port/" "$WORK/$name.client.json" 3
  stop_capture "$f"
  finish $name "$f" $port
}
scenario_g() { # capture starts after the handshake: WebSocket-Node server + ws client; pcap (nsec)
  local name=g-websocketnode-ws-midstream-lo4-nsec port=9007
  local f="$OUT/$name.pcap" flag="$WORK/g.flag"
  rm -f "$flag"
  timeout 60 node g_server.js $port "$WORK/$name.server.json" "$flag" 2>"$WORK/$name.server.err" &
  local spid=$!
  wait_listening "$WORK/$name.server.err"
  timeout 60 node g_client.js "ws://127.0.0.1:$port/" "$WORK/$name.client.json" "$flag" 2>"$WORK/$name.client.err" &
  local cpid=$!
  # let the handshake and the first two messages (and their ACKs) pass uncaptured
  for _ in $(seq 100); do
    [ "$(grep -c before_capture "$WORK/$name.server.json" 2>/dev/null)" -ge 2 ] && break; sleep 0.05
  done
  sleep 0.3
  start_capture tcpdump "$f" $port -i lo --time-stamp-precision=nano
  touch "$flag"
  local rc=0
  wait "$cpid" || rc=$?
  wait "$spid" || rc=$?
  stop_capture "$f"
  [ $rc -eq 0 ] || { echo "$name: peers failed"; cat "$WORK/$name.server.err" "$WORK/$name.client.err"; return 1; } >&2
  # no upgrade in the file: tell tshark the port carries WebSocket
  CHECK_ARGS=--midstream finish $name "$f" $port -d "tcp.port==$port,websocket"
}
scenario_h() { # Socket.IO: socket.io server + socket.io-client (Node), WebSocket transport only; pcap (usec)
  local name=h-socketio-node-lo4 port=9008
  local f="$OUT/$name.pcap"
  start_capture tcpdump "$f" $port -i lo
  run_pair $name node h_server.js $port "$WORK/$name.server.json" -- \
    node h_client.js "http://127.0.0.1:$port" "$WORK/$name.client.json"
  stop_capture "$f"
  finish $name "$f" $port
}

write_versions() {
  {
    echo "# versions of the peers and tools that made the captures (written by remake.sh)"
    echo "date: $(date -u +%Y-%m-%dT%H:%M:%SZ)"
    echo "kernel: $(uname -sr)"
    echo "node: $(node --version)"
    for m in ws websocket playwright-core socket.io socket.io-client; do
      echo "npm $m: $(node -p "require('$HERE/node_modules/$m/package.json').version")"
    done
    # socket.io and socket.io-client speak WebSocket through engine.io and their own ws
    for m in engine.io engine.io-client; do
      echo "npm $m: $(node -p "require('$HERE/node_modules/$m/package.json').version")" \
        "(ws $(node -p "require(require.resolve('ws/package.json', {paths: ['$HERE/node_modules/$m']})).version"))"
    done
    echo "python: $($PY --version 2>&1)"
    echo "python3-websockets: $($PY -c 'import websockets; print(websockets.__version__)')"
    echo "go: $(go version | awk '{print $3}')"
    echo "gorilla/websocket: $(cd "$HERE/gopeer" && go list -m -f '{{.Version}}' github.com/gorilla/websocket)"
    echo "chromium: $("$CHROMIUM" --version 2>/dev/null | head -1)"
    echo "tcpdump: $(tcpdump --version 2>&1 | head -1)"
    echo "libpcap: $(tcpdump --version 2>&1 | sed -n 2p)"
    echo "dumpcap: $(dumpcap --version 2>&1 | head -1)"
    echo "tshark: $(tshark --version 2>/dev/null | head -1)"
  } >"$OUT/VERSIONS.txt"
}

scenarios=("$@")
[ ${#scenarios[@]} -gt 0 ] || scenarios=(a b c d e f g h)
for s in "${scenarios[@]}"; do
  for try in 1 2 3; do
    echo "== scenario $s (try $try)" >&2
    # in a subshell, so a failed try stops its own capture and peers (by their pids:
    # the jobs it started) and the next try starts clean
    set +e
    (
      set -e
      trap 'for p in $(jobs -p); do kill -INT "$p" 2>/dev/null; done; wait' EXIT
      "scenario_$s"
    )
    rc=$?
    set -e
    [ $rc -eq 0 ] && continue 2
    sleep 1
  done
  echo "remake.sh: scenario $s failed 3 times" >&2
  exit 1
done
write_versions
# the pasted-dump fixtures take frames from captures a and d: remake them too
"$HERE/../dumps/make.sh"
# captures made harder to reassemble: segments reordered, retransmitted, overlapping
rewrite() { (cd "$HERE/../.." && go run ./testdata/peers/rewrite -mode "$1" "$OUT/$2.pcap" "$OUT/$2.$3.pcap"); }
rewrite reorder a-websocketnode-chromium-seed-lo4 reordered
rewrite reorder e-ws-pywebsockets-nocontext-window9-lo4 reordered
rewrite duplicate c-pywebsockets-deflate-lo6-nsec duplicate
rewrite overlap h-socketio-node-lo4 overlap
rewrite drop h-socketio-node-lo4 drop
rewrite drop e-ws-pywebsockets-nocontext-window9-lo4 drop
echo "done: $OUT" >&2
